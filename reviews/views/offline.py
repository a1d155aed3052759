"""The offline template: download the workbook, upload it filled in, check the report, save the rows."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from champions.views.base import StagedUploadMixin
from guidance.uploads import XLSX_TYPE
from reviews import selectors
from reviews.forms.offline import TemplateUploadForm
from reviews.rules import DelegationRound
from reviews.services.offline import template_import, template_parse, template_workbook
from reviews.views.base import RoundMixin


class TemplateDownloadView(RoundMixin, View):
    round_kwarg = "pk"

    def get(self, request, pk):
        content = template_workbook(review_round=self.review_round, language=get_language())
        response = HttpResponse(content, content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="comments-template-round-{pk}.xlsx"'
        return response


class TemplateStageMixin(StagedUploadMixin, RoundMixin):
    round_kwarg = "pk"
    stage_key = "offline_template_rows"

    def on_behalf(self) -> bool:
        return self.request.user.has_perm("reviews.enter_feedback")


class TemplateUploadView(TemplateStageMixin, FormView):
    """Upload → a report on every row → save the valid rows as drafts (reviewers) or on behalf (moderators)."""

    template_name = "reviews/template_upload.html"
    form_class = TemplateUploadForm

    def has_permission(self) -> bool:
        # Someone with no delegation in the round who may not enter feedback (a drafter) has nothing to upload.
        return super().has_permission() and (self.on_behalf() or bool(self.delegation_choices()))

    def delegation_choices(self):
        if self.on_behalf():
            return selectors.all_delegation_choices()
        return selectors.delegation_choices(self.request.user, self.review_round)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "delegations": self.delegation_choices()}

    def get_initial(self):
        return {"delegation": self.target.value if self.target else ""}

    def form_valid(self, form):
        delegation = selectors.delegation_by_value(form.cleaned_data["delegation"])
        target = DelegationRound.of(self.review_round, delegation)
        if not self.request.user.has_perm("reviews.upload_template", target):
            form.add_error(None, _("Your delegation cannot add comments to this round now."))
            return self.form_invalid(form)
        upload = form.cleaned_data["file"]
        try:
            rows = template_parse(
                review_round=self.review_round, content=upload.read(6 * 1024 * 1024), delegation_key=target.key
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        valid = [row for row in rows if row.ok and not row.duplicate]
        token = self.stage(
            {
                "round": self.review_round.pk,
                "delegation": form.cleaned_data["delegation"],
                "rows": [row.as_session() for row in valid],
            }
        )
        context = self.get_context_data(form=form, rows=rows, valid_count=len(valid), preview=True, token=token)
        return self.render_to_response(context)


class TemplateConfirmView(TemplateStageMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        pending = self.unstage()
        if not pending or pending["round"] != self.review_round.pk:
            messages.error(request, _("There is nothing to save: upload the file again."))
            return redirect("reviews:template_upload", pk=pk)
        delegation = selectors.delegation_by_value(pending["delegation"])
        if not request.user.has_perm("reviews.upload_template", DelegationRound.of(self.review_round, delegation)):
            raise PermissionDenied
        on_behalf = self.on_behalf()
        try:
            created = template_import(
                review_round=self.review_round,
                rows=pending["rows"],
                author=request.user,
                delegation=delegation,
                language=get_language(),
                on_behalf=on_behalf,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("reviews:template_upload", pk=pk)
        message = ngettext(
            "%(count)d comment was saved as a draft.", "%(count)d comments were saved as drafts.", created
        )
        messages.success(request, message % {"count": created})
        return redirect("reviews:round_detail", pk=pk) if on_behalf else redirect("reviews:my_review")
