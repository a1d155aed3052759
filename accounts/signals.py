"""Receivers of allauth's signals: the glue between the library's flows and our session rule."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver


@receiver(authenticator_added, sender=Authenticator, dispatch_uid="accounts.second_factor_on_activation")
def second_factor_on_activation(sender, request, user, authenticator, **kwargs) -> None:
    """Setting up TOTP proves possession of the authenticator (a valid code was entered):
    the session counts as two-factor from then on, so the user is not asked for a second code."""
    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True)
