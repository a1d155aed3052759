import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.http import content_disposition_header
from django.utils.text import Truncator
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from accounts import audit
from accounts.models import AuditAction
from accounts.redirects import safe_next_url
from guidance import selectors as guidance_selectors
from guidance.forms import CompareLanguageForm
from guidance.rendering import render_markdown
from guidance.uploads import DOCX_TYPE, XLSX_TYPE
from reviews import selectors
from reviews.enums import CommentState
from reviews.forms import (
    CommentCopyForm,
    CommentEditForm,
    CommentForm,
    ExtensionForm,
    ExternalFeedbackForm,
    FeedbackCommentForm,
    ReplyForm,
    RoundForm,
    SubmitForm,
    SurveyForm,
    TemplateUploadForm,
)
from reviews.models import Attachment, Comment, ExternalFeedback, Submission
from reviews.rules import DelegationRound, is_delegation_member
from reviews.services.comments import (
    EditConflict,
    comment_copy_as_draft,
    comment_create,
    comment_discard,
    comment_merge,
    comment_update,
    comment_withdraw,
)
from reviews.services.documents import submission_docx, submission_docx_name
from reviews.services.feedback import external_feedback_record, feedback_comment_add, reply_post, survey_save
from reviews.services.offline import template_import, template_parse, template_workbook
from reviews.services.rounds import SIMPLE_FIELDS as ROUND_FIELDS
from reviews.services.rounds import deadline_extension_grant, review_round_close, review_round_save
from reviews.services.submissions import submission_submit


def first_words(markdown_text: str, words: int = 8) -> str:
    """A paragraph's first words as plain text, to name it in the comment form."""
    return Truncator(strip_tags(render_markdown(markdown_text or "")).strip()).words(words, truncate="…")


def _form_error(form, error: ValidationError) -> None:
    """A service's error goes back onto the form, next to its field when it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _form_conflict(form, conflict: EditConflict) -> None:
    """Keep what the user typed, say a colleague saved first, and let a second save be deliberate."""
    form.data = form.data.copy()
    form.data["lock_version"] = conflict.current.lock_version
    form.add_error(None, conflict)


class RoundMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "reviews.view_round"
    round_kwarg = "round_pk"

    @cached_property
    def review_round(self):
        return selectors.round_by_pk(self.kwargs[self.round_kwarg])

    def get_permission_object(self):
        return self.review_round

    @cached_property
    def target(self) -> DelegationRound | None:
        """The delegation the reviewer acts for (chosen with ?delegation=, else their first)."""
        value = self.request.POST.get("delegation") or self.request.GET.get("delegation")
        return selectors.delegation_for(self.request.user, self.review_round, value)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            review_round=self.review_round,
            target=self.target,
            delegation_value=self.target.value if self.target else "",
            **kwargs,
        )


class MyReviewView(LoginRequiredMixin, TemplateView):
    template_name = "reviews/my_review.html"

    def get_context_data(self, **kwargs):
        workspaces = []
        for review_round in selectors.rounds_for(self.request.user):
            for target in selectors.delegations_in_round(self.request.user, review_round):
                workspaces.append(selectors.review_workspace(target))
        return super().get_context_data(workspaces=workspaces, **kwargs)


class RoundDetailView(RoundMixin, TemplateView):
    template_name = "reviews/round_detail.html"
    round_kwarg = "pk"


class RoundVersionMixin(RoundMixin):
    @cached_property
    def version(self):
        for version in self.review_round.versions.all():
            if version.document.slug == self.kwargs["document"]:
                return version
        raise Http404

    @property
    def language(self) -> str:
        return get_language() or settings.LANGUAGE_CODE

    def get_context_data(self, **kwargs):
        section_base = reverse("reviews:round_document", args=[self.review_round.pk, self.version.document.slug])
        counts = selectors.comment_counts(target=self.target, version=self.version) if self.target else ({}, {})
        # The URL's slugs arrive in kwargs (TemplateView); the objects they name replace them.
        kwargs.update(
            version=self.version,
            document=self.version.document,
            section_base=section_base,
            section_counts=counts[0],
            block_counts=counts[1],
        )
        return super().get_context_data(**kwargs)


class RoundDocumentView(RoundVersionMixin, TemplateView):
    template_name = "reviews/round_document.html"

    def get_context_data(self, **kwargs):
        toc = guidance_selectors.section_toc(version=self.version, language=self.language)
        return super().get_context_data(toc=toc, **kwargs)


class ReviewSectionView(RoundVersionMixin, FormView):
    """The section with the delegation's comments beside it and the form to add one."""

    template_name = "reviews/section_review.html"
    form_class = CommentForm

    @cached_property
    def page(self):
        return guidance_selectors.section_page(
            version=self.version, anchor=self.kwargs["anchor"], language=self.language
        )

    def get_form_kwargs(self):
        choices = selectors.delegation_choices(self.request.user, self.review_round)
        return {**super().get_form_kwargs(), "delegations": choices}

    def get_initial(self):
        block = self.request.GET.get("block", "")
        return {
            "language": self.language,
            "block_key": block if any(b.key == block for b in self.page.blocks) else "",
            "delegation": self.target.value if self.target else "",
        }

    def get_context_data(self, **kwargs):
        page = self.page
        comments = selectors.section_comments(target=self.target, section=page.section) if self.target else []
        others = (
            selectors.others_submitted_comments(
                review_round=self.review_round, section=page.section, target=self.target
            )
            if self.target
            else []
        )
        # The form is made here when the view has not made it yet (a GET): what the form says it
        # will save must come from the same form that saves it (issue 12, item 1).
        form = kwargs["form"] = kwargs.get("form") or self.get_form()
        block_key = form["block_key"].value() or ""
        target_block = next((b for b in page.blocks if b.key == block_key), None)
        can_comment = bool(self.target) and self.request.user.has_perm("reviews.comment", self.target)
        return super().get_context_data(
            page=page,
            section=page.section,
            toc=page.toc,
            text_field=f"text_{self.language}",
            comment_base=self.request.path,
            comments=comments,
            other_comments=others,
            target_block=target_block,
            target_words=first_words(target_block.text) if target_block else "",
            target_choice=form["target"].value() or CommentForm.PARAGRAPH,
            can_comment=can_comment,
            compare_form=CompareLanguageForm(current=self.language),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not selectors.delegation_choices(request.user, self.review_round):
            raise PermissionDenied  # no delegation to comment for (the working group reads only)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        target = selectors.delegation_for(self.request.user, self.review_round, form.cleaned_data["delegation"])
        if target is None:
            raise PermissionDenied
        block_key, quote = form.saved_target()
        try:
            comment = comment_create(
                review_round=self.review_round,
                section=self.page.section,
                author=self.request.user,
                member_state=target.member_state,
                organisation=target.organisation,
                kind=form.cleaned_data["kind"],
                body=form.cleaned_data["body"],
                proposed_change=form.cleaned_data["proposed_change"],
                language=form.cleaned_data["language"],
                block_key=block_key,
                quote=quote,
                attachments=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your comment was saved as a draft of your delegation."))
        return redirect(f"{self.request.path}#comment-{comment.pk}")


class NotRevealedMixin:
    """A signed-in user who may not see the object gets a 404, as if it did not exist (docs/security.md).

    ``visible_permission`` says who may know the object exists; someone who may see it but not
    do what the view does still gets a 403.
    """

    visible_permission = ""

    def handle_no_permission(self):
        user = self.request.user
        if user.is_authenticated and not user.has_perm(self.visible_permission, self.get_permission_object()):
            # Refused all the same: the audit log says so, though the answer does not.
            audit.record(
                AuditAction.PERMISSION_DENIED, detail={"method": self.request.method, "answered": 404}, actor=user
            )
            raise Http404
        return super().handle_no_permission()


class CommentMixin(NotRevealedMixin, LoginRequiredMixin, PermissionRequiredMixin):
    visible_permission = "reviews.view_comment"

    @cached_property
    def comment(self) -> Comment:
        return get_object_or_404(
            Comment.objects.select_related(
                "review_round", "section__version__document", "member_state", "organisation"
            ),
            pk=self.kwargs["pk"],
        )

    def get_permission_object(self):
        return self.comment

    def section_url(self) -> str:
        section = self.comment.section
        return reverse(
            "reviews:section", args=[self.comment.review_round_id, section.version.document.slug, section.anchor]
        )


class SubmittedMeanwhileMixin:
    """An edit that arrives after the comment was submitted keeps what was typed (docs/reviews.md)."""

    def submitted_meanwhile(self, form: CommentCopyForm | None = None):
        comment = self.comment
        if form is None:
            typed = self.request.POST
            form = CommentCopyForm(
                initial={
                    "kind": typed.get("kind") or comment.kind,
                    "body": typed.get("body", ""),
                    "proposed_change": typed.get("proposed_change", ""),
                    "language": typed.get("language") or comment.language,
                }
            )
        target = DelegationRound(comment.review_round, comment.member_state, comment.organisation)
        context = {
            "comment": selectors.comments_queryset().select_related("submission__submitted_by").get(pk=comment.pk),
            "form": form,
            "section_url": self.section_url(),
            "can_copy": self.request.user.has_perm("reviews.comment", target),
            "lost_files": bool(self.request.FILES),
        }
        return TemplateResponse(self.request, "reviews/comment_submitted_meanwhile.html", context, status=409)


class CommentEditView(SubmittedMeanwhileMixin, CommentMixin, FormView):
    permission_required = "reviews.change_comment"
    template_name = "reviews/comment_edit.html"
    form_class = CommentEditForm

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if (
            user.is_authenticated
            and self.comment.state != CommentState.DRAFT
            and is_delegation_member(user, self.comment)  # the working group never edits: a plain 403
        ):
            return self.submitted_meanwhile()  # not a bare 403: what was typed comes back
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        c = self.comment
        return {
            "kind": c.kind,
            "body": c.body,
            "proposed_change": c.proposed_change,
            "language": c.language,
            "lock_version": c.lock_version,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(comment=self.comment, section_url=self.section_url(), **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        lock_version = data.pop("lock_version")
        try:
            comment_update(comment=self.comment, actor=self.request.user, lock_version=lock_version, **data)
        except EditConflict as conflict:
            _form_conflict(form, conflict)
            return self.render_to_response(self.get_context_data(form=form, conflict=conflict.current))
        except ValidationError as error:
            if error.code == "submitted":  # submitted between the permission check and the row lock
                self.comment.refresh_from_db()
                return self.submitted_meanwhile()
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your changes were saved."))
        return redirect(f"{self.section_url()}#comment-{self.comment.pk}")


class CommentCopyView(SubmittedMeanwhileMixin, CommentMixin, FormView):
    """Save what was typed into a comment submitted meanwhile as a new draft on the same target."""

    permission_required = "reviews.view_comment"
    form_class = CommentCopyForm
    http_method_names = ["post"]

    def has_permission(self) -> bool:
        # A new draft belongs to the comment's delegation: the working group, which reads it, has none.
        return super().has_permission() and is_delegation_member(self.request.user, self.comment)

    def form_invalid(self, form):
        return self.submitted_meanwhile(form)

    def form_valid(self, form):
        try:
            copy = comment_copy_as_draft(original=self.comment, author=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your text was saved as a new draft of your delegation."))
        return redirect(f"{self.section_url()}#comment-{copy.pk}")


class CommentActionView(CommentMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            message = self.act()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, message)
        return redirect(safe_next_url(request, self.section_url()))


class CommentDiscardView(CommentActionView):
    permission_required = "reviews.change_comment"

    def act(self) -> str:
        comment_discard(comment=self.comment, actor=self.request.user)
        return _("The draft was discarded.")


class CommentWithdrawView(CommentActionView):
    permission_required = "reviews.withdraw_comment"

    def act(self) -> str:
        comment_withdraw(comment=self.comment, actor=self.request.user)
        return _("The comment was withdrawn. It stays on record, marked as withdrawn.")


class CommentMergeView(CommentActionView):
    """Merge another draft of the delegation into this one (the focal point consolidates)."""

    permission_required = "reviews.change_comment"

    def act(self) -> str:
        other_id = self.request.POST.get("other", "")
        if not (other_id.isascii() and other_id.isdigit()):
            raise Http404
        other = get_object_or_404(Comment, pk=int(other_id))
        if not self.request.user.has_perm("reviews.change_comment", other):
            raise Http404  # another delegation's draft: its existence is not revealed
        comment_merge(target=self.comment, other=other, actor=self.request.user)
        return _("The two drafts were merged into one.")


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
                member_state=self.target.member_state,
                organisation=self.target.organisation,
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
        return get_object_or_404(
            Submission.objects.select_related("review_round", "member_state", "organisation", "submitted_by"),
            pk=self.kwargs["pk"],
        )

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


class AttachmentDownloadView(NotRevealedMixin, LoginRequiredMixin, PermissionRequiredMixin, View):
    """Attachments are downloaded, never displayed inline, and only by those allowed to see the comment."""

    permission_required = "reviews.download_attachment"
    visible_permission = "reviews.view_comment"

    @cached_property
    def attachment(self):
        return get_object_or_404(Attachment.objects.select_related("comment__review_round"), pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.attachment.comment

    def get(self, request, pk):
        return FileResponse(
            self.attachment.file.open("rb"),
            as_attachment=True,
            filename=self.attachment.original_name,
            content_type=self.attachment.content_type,
        )


# --- Rounds (moderators) ---------------------------------------------------------------------


class RoundManageMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "reviews.manage_round"


class RoundListView(RoundManageMixin, TemplateView):
    template_name = "reviews/round_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(rounds=selectors.round_list_for_moderators(), **kwargs)


class RoundFormView(RoundManageMixin, FormView):
    template_name = "reviews/round_form.html"
    form_class = RoundForm

    @cached_property
    def review_round(self):
        return selectors.round_by_pk(self.kwargs["pk"]) if "pk" in self.kwargs else None

    def get_initial(self):
        r = self.review_round
        if r is None:
            return {"reminder_days": [7, 2], "audience_groups": ["champion", "member_state", "reference_group"]}
        initial = {name: getattr(r, name) for name in ROUND_FIELDS}
        initial.update(
            versions=list(r.versions.all()),
            invited_member_states=list(r.invited_member_states.all()),
            invited_organisations=list(r.invited_organisations.all()),
        )
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(review_round=self.review_round, **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            review_round = review_round_save(
                review_round=self.review_round,
                actor=self.request.user,
                versions=list(data.pop("versions")),
                invited_member_states=list(data.pop("invited_member_states")),
                invited_organisations=list(data.pop("invited_organisations")),
                **data,
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The round was saved."))
        return redirect(review_round)


class RoundCloseView(RoundManageMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        review_round = selectors.round_by_pk(pk)
        review_round_close(review_round=review_round, actor=request.user)
        messages.success(request, _("The round is closed. Drafts stay readable; nothing more can be submitted."))
        return redirect("reviews:round_list")


class RoundDelegationFormMixin(RoundManageMixin):
    """A moderator's form about one round and any delegation (late submissions, letters, meetings)."""

    @cached_property
    def review_round(self):
        return selectors.round_by_pk(self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "delegations": selectors.all_delegation_choices()}


class ExtensionView(RoundDelegationFormMixin, FormView):
    """Accept a late submission from one delegation, explicitly and on record."""

    template_name = "reviews/extension_form.html"
    form_class = ExtensionForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            review_round=self.review_round, extensions=selectors.round_extensions(self.review_round), **kwargs
        )

    def form_valid(self, form):
        member_state, organisation = selectors.delegation_from_value(form.cleaned_data["delegation"])
        try:
            deadline_extension_grant(
                review_round=self.review_round,
                member_state=member_state,
                organisation=organisation,
                until=form.cleaned_data["until"],
                reason=form.cleaned_data["reason"],
                actor=self.request.user,
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The late submission is accepted and recorded."))
        return redirect("reviews:round_extensions", pk=self.review_round.pk)


# --- Offline template ------------------------------------------------------------------------

TEMPLATE_SESSION_KEY = "offline_template_rows"


class TemplateDownloadView(RoundMixin, View):
    round_kwarg = "pk"

    def get(self, request, pk):
        content = template_workbook(review_round=self.review_round, language=get_language())
        response = HttpResponse(content, content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="comments-template-round-{pk}.xlsx"'
        return response


class TemplateUploadView(RoundMixin, FormView):
    """Upload → a report on every row → save the valid rows as drafts (reviewers) or on behalf (moderators)."""

    round_kwarg = "pk"
    template_name = "reviews/template_upload.html"
    form_class = TemplateUploadForm

    def on_behalf(self) -> bool:
        return self.request.user.has_perm("reviews.enter_feedback")

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
        member_state, organisation = selectors.delegation_from_value(form.cleaned_data["delegation"])
        target = DelegationRound(self.review_round, member_state, organisation)
        if not self.on_behalf() and not self.request.user.has_perm("reviews.comment", target):
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
        self.request.session[TEMPLATE_SESSION_KEY] = {
            "round": self.review_round.pk,
            "delegation": form.cleaned_data["delegation"],
            "rows": [row.as_session() for row in valid],
        }
        return self.render_to_response(
            self.get_context_data(form=form, rows=rows, valid_count=len(valid), preview=True)
        )


class TemplateConfirmView(RoundMixin, View):
    round_kwarg = "pk"
    http_method_names = ["post"]

    def post(self, request, pk):
        pending = request.session.pop(TEMPLATE_SESSION_KEY, None)
        if not pending or pending["round"] != self.review_round.pk:
            messages.error(request, _("There is nothing to save: upload the file again."))
            return redirect("reviews:template_upload", pk=pk)
        member_state, organisation = selectors.delegation_from_value(pending["delegation"])
        on_behalf = request.user.has_perm("reviews.enter_feedback")
        if not on_behalf and not request.user.has_perm(
            "reviews.comment", DelegationRound(self.review_round, member_state, organisation)
        ):
            raise PermissionDenied
        try:
            created = template_import(
                review_round=self.review_round,
                rows=pending["rows"],
                author=request.user,
                member_state=member_state,
                organisation=organisation,
                language=get_language(),
                on_behalf=on_behalf,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("reviews:template_upload", pk=pk)
        messages.success(
            request,
            ngettext("%(count)d comment was saved as a draft.", "%(count)d comments were saved as drafts.", created)
            % {"count": created},
        )
        return redirect(
            "reviews:my_review" if not on_behalf else "reviews:round_detail", **({} if not on_behalf else {"pk": pk})
        )


# --- Feedback received outside the app (moderators) ----------------------------------------------


class FeedbackView(RoundDelegationFormMixin, FormView):
    permission_required = "reviews.enter_feedback"
    template_name = "reviews/feedback_list.html"
    form_class = ExternalFeedbackForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            review_round=self.review_round, feedback=selectors.round_feedback(self.review_round), **kwargs
        )

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        member_state, organisation = selectors.delegation_from_value(data.pop("delegation"))
        try:
            feedback = external_feedback_record(
                review_round=self.review_round,
                member_state=member_state,
                organisation=organisation,
                actor=self.request.user,
                **data,
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Recorded. Now enter the comments it contains."))
        return redirect("reviews:feedback_detail", pk=feedback.pk)


class FeedbackDetailView(RoundManageMixin, FormView):
    permission_required = "reviews.enter_feedback"
    template_name = "reviews/feedback_detail.html"
    form_class = FeedbackCommentForm

    def handle_no_permission(self):
        user = self.request.user
        if user.is_authenticated and not user.has_perm("reviews.view_delegation", self.feedback):
            raise Http404  # another delegation's letter: as if it did not exist (docs/security.md)
        return super().handle_no_permission()

    @cached_property
    def feedback(self):
        return get_object_or_404(
            ExternalFeedback.objects.select_related("review_round", "member_state", "organisation"),
            pk=self.kwargs["pk"],
        )

    @cached_property
    def sections(self):
        return selectors.round_sections(self.feedback.review_round)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sections": self.sections}

    def get_initial(self):
        return {"language": get_language()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            feedback=self.feedback,
            review_round=self.feedback.review_round,
            comments=list(selectors.comments_queryset().filter(external_feedback=self.feedback)),
            **kwargs,
        )

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        section = next(s for s in self.sections if str(s.pk) == data.pop("section"))
        paragraph = data.pop("paragraph")
        block_key = selectors.block_key_at(section, paragraph) if paragraph else ""
        if paragraph and not block_key:
            form.add_error(
                "paragraph",
                _("Section %(section)s has no paragraph %(number)s.")
                % {"section": section.number, "number": paragraph},
            )
            return self.form_invalid(form)
        try:
            feedback_comment_add(
                feedback=self.feedback, section=section, block_key=block_key, actor=self.request.user, **data
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The comment was added. Delegation: %(delegation)s") % {"delegation": self.feedback.delegation},
        )
        return redirect("reviews:feedback_detail", pk=self.feedback.pk)


class LetterDownloadView(NotRevealedMixin, LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "reviews.view_delegation"
    visible_permission = "reviews.view_delegation"

    @cached_property
    def feedback(self):
        return get_object_or_404(ExternalFeedback, pk=self.kwargs["pk"])

    def get_permission_object(self):
        return self.feedback

    def get(self, request, pk):
        if not self.feedback.letter:
            raise Http404
        return FileResponse(self.feedback.letter.open("rb"), as_attachment=True, filename=self.feedback.letter_name)


# --- Usability survey ----------------------------------------------------------------------------


class SurveyView(RoundMixin, FormView):
    round_kwarg = "pk"
    permission_required = "reviews.answer_survey"
    template_name = "reviews/survey_form.html"
    form_class = SurveyForm

    def get_permission_object(self):
        return self.target

    @cached_property
    def document(self):
        for version in self.review_round.versions.all():
            if version.document.slug == self.kwargs["document"]:
                return version.document
        raise Http404

    @cached_property
    def existing(self):
        return selectors.survey_response(self.target, self.document)

    def get_initial(self):
        r = self.existing
        if r is None:
            return {}
        return {
            "clarity": r.clarity,
            "usefulness": r.usefulness,
            "ease": r.ease,
            "remarks": r.remarks,
            "lock_version": r.lock_version,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(document=self.document, existing=self.existing, **kwargs)

    def form_valid(self, form):
        try:
            survey_save(
                review_round=self.review_round,
                document=self.document,
                member_state=self.target.member_state,
                organisation=self.target.organisation,
                actor=self.request.user,
                **form.cleaned_data,
            )
        except EditConflict as conflict:
            _form_conflict(form, conflict)
            return self.form_invalid(form)
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Thank you: your answers were saved. You can change them until the round closes.")
        )
        return redirect("reviews:my_review")


# --- A comment and its thread ------------------------------------------------------------------


class CommentDetailView(CommentMixin, FormView):
    permission_required = "reviews.view_comment"
    template_name = "reviews/comment_detail.html"
    form_class = ReplyForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            comment=selectors.comments_queryset().get(pk=self.comment.pk),
            replies=list(self.comment.replies.select_related("author")),
            section_url=self.section_url(),
            can_reply=self.request.user.has_perm("reviews.reply", self.comment),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("reviews.reply", self.comment):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            reply_post(comment=self.comment, author=self.request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your message was sent."))
        return redirect("reviews:comment_detail", pk=self.comment.pk)
