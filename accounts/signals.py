"""Receivers of Django's and allauth's signals: the glue between the libraries' flows and our rules.

The second-factor session rule (``second_factor_on_activation``) and the audit log of sign-ins,
two-factor changes, roles and account status (docs/security.md, "Audit log").
"""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authentication_failed, authenticator_added, authenticator_removed
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_init, post_save
from django.dispatch import receiver

from accounts import audit
from accounts.models import AuditAction

User = get_user_model()

# Account fields whose change is a change of what the account may do.
_STATUS_FIELDS = ("is_active", "is_staff", "is_superuser")


@receiver(authenticator_added, sender=Authenticator, dispatch_uid="accounts.second_factor_on_activation")
def second_factor_on_activation(sender, request, user, authenticator, **kwargs) -> None:
    """Setting up TOTP proves possession of the authenticator (a valid code was entered):
    the session counts as two-factor from then on, so the user is not asked for a second code."""
    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True)


@receiver(authenticator_added, sender=Authenticator, dispatch_uid="accounts.audit_authenticator_added")
def audit_authenticator_added(sender, request, user, authenticator, **kwargs) -> None:
    audit.record(
        AuditAction.SECOND_FACTOR_ADDED, target=user, detail={"type": authenticator.type}, actor=user, request=request
    )


@receiver(authenticator_removed, sender=Authenticator, dispatch_uid="accounts.audit_authenticator_removed")
def audit_authenticator_removed(sender, request, user, authenticator, **kwargs) -> None:
    audit.record(AuditAction.SECOND_FACTOR_REMOVED, target=user, detail={"type": authenticator.type}, request=request)


@receiver(user_logged_in, dispatch_uid="accounts.audit_sign_in")
def audit_sign_in(sender, request, user, **kwargs) -> None:
    methods = sorted({r.get("method", "") for r in _records(request, user)} - {""})
    audit.record(AuditAction.SIGN_IN, target=user, detail={"methods": methods}, actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="accounts.audit_sign_out")
def audit_sign_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit.record(AuditAction.SIGN_OUT, target=user, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="accounts.audit_sign_in_failed")
def audit_sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    """A wrong password (the address tried is kept; Django has already masked the password)."""
    tried = credentials.get("email") or credentials.get("username") or ""
    audit.record(AuditAction.SIGN_IN_FAILED, label=tried, detail={"account": tried}, request=request)


@receiver(authentication_failed, dispatch_uid="accounts.audit_second_factor_failed")
def audit_second_factor_failed(sender, request, user, **kwargs) -> None:
    """A wrong authenticator code, at sign-in or when confirming identity."""
    audit.record(
        AuditAction.SIGN_IN_FAILED,
        target=user,
        detail={"account": user.email, "step": "second factor", "again": bool(kwargs.get("reauthentication"))},
        request=request,
    )


def _records(request, user) -> list[dict]:
    from allauth.account.authentication import get_authentication_records

    try:
        return get_authentication_records(request, user) if request is not None else []
    except AttributeError:  # a request without a session (a test client's force_login)
        return []


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="accounts.audit_roles")
def audit_roles(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Working-group roles are groups: every grant and withdrawal, from either side of the relation."""
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    kind = AuditAction.ROLE_GRANTED if action == "post_add" else AuditAction.ROLE_REVOKED
    if reverse:  # group.user_set.add(...)
        for user in User.objects.filter(pk__in=pk_set):
            audit.record(kind, target=user, detail={"roles": [instance.name]})
    else:
        roles = sorted(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
        audit.record(kind, target=instance, detail={"roles": roles})


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="accounts.audit_roles_cleared")
def audit_roles_cleared(sender, instance, action, reverse, **kwargs) -> None:
    """``clear()`` sends no ids after the fact: read them before."""
    if action == "pre_clear" and not reverse:
        instance._audit_cleared_roles = sorted(instance.groups.values_list("name", flat=True))
    elif action == "post_clear" and not reverse and getattr(instance, "_audit_cleared_roles", None):
        audit.record(AuditAction.ROLE_REVOKED, target=instance, detail={"roles": instance._audit_cleared_roles})


@receiver(post_init, sender=User, dispatch_uid="accounts.audit_remember_status")
def remember_status(sender, instance, **kwargs) -> None:
    # From __dict__: a deferred field must not be loaded (that would create an instance, and recurse).
    instance._audit_status = {name: instance.__dict__.get(name) for name in _STATUS_FIELDS}


@receiver(post_save, sender=User, dispatch_uid="accounts.audit_status")
def audit_status(sender, instance, created, update_fields=None, **kwargs) -> None:
    """Activation, deactivation and staff or superuser status, as before → after."""
    before = getattr(instance, "_audit_status", {})
    after = {name: instance.__dict__.get(name) for name in _STATUS_FIELDS}
    changed = {
        name: [before.get(name), after[name]]
        for name in _STATUS_FIELDS
        if before.get(name) is not None and after[name] is not None and before.get(name) != after[name]
    }
    if created:
        changed = {name: [None, value] for name, value in after.items() if value}
    instance._audit_status = after
    if changed:
        audit.record(AuditAction.ACCOUNT_CHANGED, target=instance, detail={"created": created, **changed})
