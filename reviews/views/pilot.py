"""Pilot feedback: a focal point's (or a moderator's) feedback on sections used in a pilot becomes comments."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView

from champions.views.base import form_error
from champions.views.programme import PilotPage
from reviews.forms.pilot import PilotFeedbackForm
from reviews.services.pilot_feedback import pilot_feedback_add


class PilotFeedbackView(PilotPage, FormView):
    permission_required = "champions.give_pilot_feedback"
    template_name = "reviews/pilot_feedback.html"
    form_class = PilotFeedbackForm

    @cached_property
    def may_choose_round(self) -> bool:
        return self.request.user.has_perm("champions.choose_feedback_round")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "pilot": self.pilot, "may_choose_round": self.may_choose_round}

    def get_context_data(self, **kwargs):
        return super().get_context_data(pilot=self.pilot, member_state=self.pilot.member_state, **kwargs)

    def form_valid(self, form):
        try:
            comment = pilot_feedback_add(
                pilot=self.pilot, language=get_language(), actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Thank you. Your feedback is comment #%(id)s in the round “%(round)s”; add another if you wish.")
            % {"id": comment.pk, "round": comment.review_round.title},
        )
        return redirect("reviews:pilot_feedback", pk=self.pilot.pk)
