"""One comment: its page and thread, editing a draft, the buttons on it, and its attachments."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from rules.contrib.views import PermissionRequiredMixin

from accounts.redirects import safe_next_url
from champions.views.base import FormPermissionMixin
from reviews import selectors
from reviews.enums import CommentState
from reviews.forms.comments import CommentCopyForm, CommentEditForm, ReplyForm
from reviews.models import Comment
from reviews.rules import DelegationRound, is_delegation_member
from reviews.services.comments import (
    comment_copy_as_draft,
    comment_discard,
    comment_merge,
    comment_update,
    comment_withdraw,
)
from reviews.services.feedback import reply_post
from reviews.views.base import ActionView, NotRevealedMixin, ServiceFormMixin


class CommentMixin(NotRevealedMixin, LoginRequiredMixin, PermissionRequiredMixin):
    visible_permission = "reviews.view_comment"

    @cached_property
    def comment(self) -> Comment:
        return selectors.comment_for_page(self.kwargs["pk"])

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
        target = DelegationRound.of(comment.review_round, comment.delegation)
        context = {
            "comment": selectors.comment_with_submission(comment.pk),
            "form": form,
            "section_url": self.section_url(),
            "can_copy": self.request.user.has_perm("reviews.comment", target),
            "lost_files": bool(self.request.FILES),
        }
        return TemplateResponse(self.request, "reviews/comment_submitted_meanwhile.html", context, status=409)


class CommentEditView(SubmittedMeanwhileMixin, ServiceFormMixin, CommentMixin, FormView):
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
        fields = ("kind", "body", "proposed_change", "language", "lock_version")
        return {name: getattr(self.comment, name) for name in fields}

    def get_context_data(self, **kwargs):
        return super().get_context_data(comment=self.comment, section_url=self.section_url(), **kwargs)

    def save(self, form):
        data = dict(form.cleaned_data)
        lock_version = data.pop("lock_version")
        return comment_update(comment=self.comment, actor=self.request.user, lock_version=lock_version, **data)

    def conflicted(self, form, conflict):
        return self.render_to_response(self.get_context_data(form=form, conflict=conflict.current))

    def refused(self, form, error):
        if error.code == "submitted":  # submitted between the permission check and the row lock
            self.comment.refresh_from_db()
            return self.submitted_meanwhile()
        return super().refused(form, error)

    def saved(self, form, comment):
        messages.success(self.request, _("Your changes were saved."))
        return redirect(f"{self.section_url()}#comment-{self.comment.pk}")


class CommentCopyView(SubmittedMeanwhileMixin, ServiceFormMixin, CommentMixin, FormView):
    """Save what was typed into a comment submitted meanwhile as a new draft on the same target."""

    permission_required = "reviews.view_comment"
    form_class = CommentCopyForm
    http_method_names = ["post"]

    def has_permission(self) -> bool:
        # A new draft belongs to the comment's delegation: the working group, which reads it, has none.
        return super().has_permission() and is_delegation_member(self.request.user, self.comment)

    def form_invalid(self, form):
        return self.submitted_meanwhile(form)

    def save(self, form):
        return comment_copy_as_draft(original=self.comment, author=self.request.user, **form.cleaned_data)

    def saved(self, form, copy):
        messages.success(self.request, _("Your text was saved as a new draft of your delegation."))
        return redirect(f"{self.section_url()}#comment-{copy.pk}")


class CommentActionView(CommentMixin, ActionView):
    def next_url(self) -> str:
        return safe_next_url(self.request, self.section_url())


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


class CommentDetailView(ServiceFormMixin, FormPermissionMixin, CommentMixin, FormView):
    """A comment with its question-and-answer thread, and the form to reply."""

    permission_required = "reviews.view_comment"
    post_permission = "reviews.reply"
    template_name = "reviews/comment_detail.html"
    form_class = ReplyForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            comment=selectors.comments_queryset().get(pk=self.comment.pk),
            replies=selectors.comment_replies(self.comment),
            section_url=self.section_url(),
            **kwargs,
        )

    def save(self, form):
        return reply_post(comment=self.comment, author=self.request.user, body=form.cleaned_data["body"])

    def saved(self, form, reply):
        messages.success(self.request, _("Your message was sent."))
        return redirect("reviews:comment_detail", pk=self.comment.pk)


class AttachmentDownloadView(NotRevealedMixin, LoginRequiredMixin, PermissionRequiredMixin, View):
    """Attachments are downloaded, never displayed inline, and only by those allowed to see the comment."""

    permission_required = "reviews.download_attachment"
    visible_permission = "reviews.view_comment"

    @cached_property
    def attachment(self):
        return selectors.attachment_by_pk(self.kwargs["pk"])

    def get_permission_object(self):
        return self.attachment.comment

    def get(self, request, pk):
        return FileResponse(
            self.attachment.file.open("rb"),
            as_attachment=True,
            filename=self.attachment.original_name,
            content_type=self.attachment.content_type,
        )
