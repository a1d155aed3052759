"""Moderators open, edit and close review rounds, and accept late submissions."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from reviews import selectors
from reviews.forms.rounds import ExtensionForm, RoundForm
from reviews.services.rounds import SIMPLE_FIELDS as ROUND_FIELDS
from reviews.services.rounds import deadline_extension_grant, review_round_close, review_round_save
from reviews.views.base import ActionView, RoundDelegationFormMixin, RoundManageMixin, ServiceFormMixin


class RoundListView(RoundManageMixin, TemplateView):
    template_name = "reviews/round_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(rounds=selectors.round_list_for_moderators(), **kwargs)


class RoundFormView(ServiceFormMixin, RoundManageMixin, FormView):
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

    def save(self, form):
        data = dict(form.cleaned_data)
        return review_round_save(
            review_round=self.review_round,
            actor=self.request.user,
            versions=list(data.pop("versions")),
            invited_member_states=list(data.pop("invited_member_states")),
            invited_organisations=list(data.pop("invited_organisations")),
            **data,
        )

    def saved(self, form, review_round):
        messages.success(self.request, _("The round was saved."))
        return redirect(review_round)


class RoundCloseView(RoundManageMixin, ActionView):
    def act(self) -> str:
        review_round_close(review_round=selectors.round_by_pk(self.kwargs["pk"]), actor=self.request.user)
        return _("The round is closed. Drafts stay readable; nothing more can be submitted.")

    def next_url(self) -> str:
        return "reviews:round_list"


class ExtensionView(ServiceFormMixin, RoundDelegationFormMixin, FormView):
    """Accept a late submission from one delegation, explicitly and on record."""

    template_name = "reviews/extension_form.html"
    form_class = ExtensionForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            review_round=self.review_round, extensions=selectors.round_extensions(self.review_round), **kwargs
        )

    def save(self, form):
        return deadline_extension_grant(
            review_round=self.review_round,
            delegation=selectors.delegation_by_value(form.cleaned_data["delegation"]),
            until=form.cleaned_data["until"],
            reason=form.cleaned_data["reason"],
            actor=self.request.user,
        )

    def saved(self, form, extension):
        messages.success(self.request, _("The late submission is accepted and recorded."))
        return redirect("reviews:round_extensions", pk=self.review_round.pk)
