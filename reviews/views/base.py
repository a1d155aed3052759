"""What every view of ``reviews`` shares: calling a service from a form, edit conflicts, action
posts, answering 404 for what may not be seen, and the round a page is about.

A view finds its object, checks one declared permission (``permission_required``), calls one
selector or service and renders; the pieces below keep each of those steps written once.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.functional import cached_property
from rules.contrib.views import PermissionRequiredMixin

from accounts import audit
from accounts.models import AuditAction
from champions.views.base import ActionView, form_error
from reviews import selectors
from reviews.rules import DelegationRound
from reviews.services.comments import EditConflict

__all__ = [
    "ActionView",
    "NotRevealedMixin",
    "RoundManageMixin",
    "RoundMixin",
    "ServiceFormMixin",
    "form_conflict",
    "form_error",
]


def form_conflict(form, conflict: EditConflict) -> None:
    """Keep what the user typed, say a colleague saved first, and let a second save be deliberate."""
    form.data = form.data.copy()
    form.data["lock_version"] = conflict.current.lock_version
    form.add_error(None, conflict)


class ServiceFormMixin:
    """A form view whose valid form goes to one service; what the service refuses comes back onto the form.

    ``save(form)`` calls the service and returns what it made; ``saved(form, result)`` answers
    (a message and a redirect). A ``ValidationError`` goes next to the field it names
    (``refused``); an ``EditConflict`` keeps what was typed and says a colleague saved first
    (``conflicted``). Nothing the user typed is lost on either path.
    """

    def form_valid(self, form):
        try:
            result = self.save(form)
        except EditConflict as conflict:
            form_conflict(form, conflict)
            return self.conflicted(form, conflict)
        except ValidationError as error:
            return self.refused(form, error)
        return self.saved(form, result)

    def save(self, form):
        raise NotImplementedError

    def saved(self, form, result):
        raise NotImplementedError

    def refused(self, form, error: ValidationError):
        form_error(form, error)
        return self.form_invalid(form)

    def conflicted(self, form, conflict: EditConflict):
        return self.form_invalid(form)


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


class RoundMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """A page about one review round, seen by a participant, for the delegation they act for."""

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


class RoundManageMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """A moderator's page about rounds."""

    permission_required = "reviews.manage_round"


class RoundDelegationFormMixin(RoundManageMixin):
    """A moderator's form about one round and any delegation (late submissions, letters, meetings)."""

    @cached_property
    def review_round(self):
        return selectors.round_by_pk(self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "delegations": selectors.all_delegation_choices()}
