"""A delegation's formal submission: check the drafts and submit them, then the receipt."""

import uuid

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from guidance.uploads import DOCX_TYPE
from reviews import selectors
from reviews.forms.submissions import SubmitForm
from reviews.models import Comment, Submission
from reviews.services.documents import submission_docx, submission_docx_name
from reviews.services.submissions import submission_submit
from reviews.views.base import NotRevealedMixin, RoundMixin


class SubmitView(RoundMixin, FormView):
    """Check your answers, then submit the delegation's drafts (once, whatever the clicks)."""

    round_kwarg = "pk"
    permission_required = "reviews.submit"
    template_name = "reviews/submit_confirm.html"
    form_class = SubmitForm

    def get_permission_object(self):
        return self.target

    @cached_property
    def drafts(self) -> list[Comment]:
        return selectors.review_workspace(self.target).drafts

    def get_initial(self):
        if self.request.method != "GET":  # a POST brings its own; the drafts are not loaded for nothing
            return {}
        # The page embeds the id and version of exactly the drafts it shows: only those are submitted.
        return {"token": uuid.uuid4(), "drafts": SubmitForm.drafts_value(self.drafts)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(drafts=self.drafts, **kwargs)

    def again(self):
        return redirect(f"{reverse('reviews:submit', args=[self.review_round.pk])}?delegation={self.target.value}")

    def form_invalid(self, form):
        messages.error(self.request, _("The confirmation page was incomplete: check the drafts again, then submit."))
        return self.again()

    def form_valid(self, form):
        try:
            submission = submission_submit(
                review_round=self.review_round,
                delegation=self.target.delegation,
                actor=self.request.user,
                token=form.cleaned_data["token"],
                confirmed=form.cleaned_data["drafts"],
            )
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return self.again() if error.code == "changed" else redirect("reviews:my_review")
        return redirect(submission)


class SubmissionMixin(NotRevealedMixin, LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "reviews.view_delegation"
    visible_permission = "reviews.view_delegation"

    @cached_property
    def submission(self) -> Submission:
        return selectors.submission_by_pk(self.kwargs["pk"])

    def get_permission_object(self):
        return self.submission

    def comments(self):
        return selectors.submission_comments(self.submission)


class ReceiptView(SubmissionMixin, TemplateView):
    template_name = "reviews/receipt.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            submission=self.submission,
            comments=self.comments(),
            docx_name=submission_docx_name(self.submission),
            **kwargs,
        )


class ReceiptDocxView(SubmissionMixin, View):
    def get(self, request, pk):
        content = submission_docx(self.submission, self.comments())
        response = HttpResponse(content, content_type=DOCX_TYPE)
        # The name the page and the e-mail give, in the reader's language.
        response["Content-Disposition"] = content_disposition_header(True, submission_docx_name(self.submission))
        return response
