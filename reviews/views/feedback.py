"""Feedback received outside the app (letters, meetings) entered by moderators, and the usability survey."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView, View
from rules.contrib.views import PermissionRequiredMixin

from reviews import selectors
from reviews.forms.feedback import ExternalFeedbackForm, FeedbackCommentForm, SurveyForm
from reviews.services.feedback import external_feedback_record, feedback_comment_add, survey_save
from reviews.views.base import (
    NotRevealedMixin,
    RoundDelegationFormMixin,
    RoundManageMixin,
    RoundMixin,
    ServiceFormMixin,
)


class FeedbackView(ServiceFormMixin, RoundDelegationFormMixin, FormView):
    permission_required = "reviews.enter_feedback"
    template_name = "reviews/feedback_list.html"
    form_class = ExternalFeedbackForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            review_round=self.review_round, feedback=selectors.round_feedback(self.review_round), **kwargs
        )

    def save(self, form):
        data = dict(form.cleaned_data)
        delegation = selectors.delegation_by_value(data.pop("delegation"))
        return external_feedback_record(
            review_round=self.review_round,
            **delegation.fields,
            actor=self.request.user,
            **data,
        )

    def saved(self, form, feedback):
        messages.success(self.request, _("Recorded. Now enter the comments it contains."))
        return redirect("reviews:feedback_detail", pk=feedback.pk)


class FeedbackDetailView(ServiceFormMixin, NotRevealedMixin, RoundManageMixin, FormView):
    """One letter or meeting, its comments, and the form to enter the next one."""

    permission_required = "reviews.enter_feedback"
    visible_permission = "reviews.view_delegation"  # another delegation's letter: as if it did not exist
    template_name = "reviews/feedback_detail.html"
    form_class = FeedbackCommentForm

    @cached_property
    def feedback(self):
        return selectors.feedback_by_pk(self.kwargs["pk"])

    def get_permission_object(self):
        return self.feedback

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
            comments=selectors.feedback_comments(self.feedback),
            **kwargs,
        )

    def save(self, form):
        data = dict(form.cleaned_data)
        section = next(s for s in self.sections if str(s.pk) == data.pop("section"))
        paragraph = data.pop("paragraph")
        block_key = selectors.block_key_at(section, paragraph) if paragraph else ""
        if paragraph and not block_key:
            message = _("Section %(section)s has no paragraph %(number)s.")
            raise ValidationError({"paragraph": message % {"section": section.number, "number": paragraph}})
        return feedback_comment_add(
            feedback=self.feedback, section=section, block_key=block_key, actor=self.request.user, **data
        )

    def saved(self, form, comment):
        message = _("The comment was added. Delegation: %(delegation)s") % {"delegation": self.feedback.delegation}
        messages.success(self.request, message)
        return redirect("reviews:feedback_detail", pk=self.feedback.pk)


class LetterDownloadView(NotRevealedMixin, LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "reviews.view_delegation"
    visible_permission = "reviews.view_delegation"

    @cached_property
    def feedback(self):
        return selectors.feedback_by_pk(self.kwargs["pk"])

    def get_permission_object(self):
        return self.feedback

    def get(self, request, pk):
        if not self.feedback.letter:
            raise Http404
        return FileResponse(self.feedback.letter.open("rb"), as_attachment=True, filename=self.feedback.letter_name)


class SurveyView(ServiceFormMixin, RoundMixin, FormView):
    """The usability survey of one document, for the delegation (answers can change until the round closes)."""

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
        fields = ("clarity", "usefulness", "ease", "remarks", "lock_version")
        return {name: getattr(self.existing, name) for name in fields} if self.existing else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(document=self.document, existing=self.existing, **kwargs)

    def save(self, form):
        return survey_save(
            review_round=self.review_round,
            document=self.document,
            delegation=self.target.delegation,
            actor=self.request.user,
            **form.cleaned_data,
        )

    def saved(self, form, response):
        message = _("Thank you: your answers were saved. You can change them until the round closes.")
        messages.success(self.request, message)
        return redirect("reviews:my_review")
