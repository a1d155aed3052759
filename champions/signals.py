"""Memberships in the audit log: who was added to, changed in or removed from which delegation."""

from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver

from accounts import audit
from accounts.models import AuditAction
from champions.models import Membership

_FIELDS = ("role", "is_active")


def _detail(membership: Membership) -> dict:
    return {
        "user": membership.user.email,
        "delegation": str(membership.delegation),
        "role": membership.role,
        "active": membership.is_active,
    }


@receiver(post_init, sender=Membership, dispatch_uid="champions.audit_remember_membership")
def remember(sender, instance, **kwargs) -> None:
    instance._audit_before = {name: instance.__dict__.get(name) for name in _FIELDS}


@receiver(post_save, sender=Membership, dispatch_uid="champions.audit_membership_saved")
def membership_saved(sender, instance, created, **kwargs) -> None:
    before = getattr(instance, "_audit_before", {})
    after = {name: instance.__dict__.get(name) for name in _FIELDS}
    changed = {
        name: [before.get(name), value]
        for name, value in after.items()
        if None not in (before.get(name), value) and before.get(name) != value
    }
    instance._audit_before = after
    if created:
        audit.record(AuditAction.MEMBERSHIP_ADDED, target=instance, detail=_detail(instance))
    elif changed:
        audit.record(AuditAction.MEMBERSHIP_CHANGED, target=instance, detail={**_detail(instance), "changed": changed})


@receiver(post_delete, sender=Membership, dispatch_uid="champions.audit_membership_deleted")
def membership_deleted(sender, instance, **kwargs) -> None:
    audit.record(AuditAction.MEMBERSHIP_REMOVED, target=instance, detail=_detail(instance))
