"""Champion roles, focal points and memberships. Every change is kept by simple-history."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.services import sessions_end
from champions.enums import ChampionRoleKind, MembershipRole
from champions.models import ChampionRole, Delegation, Membership, MemberState


def _by(obj, actor):
    obj._history_user = actor  # simple-history: who made the change, also outside a request
    return obj


@transaction.atomic
def champion_role_add(
    *, member_state: MemberState, kind: str, started_on: datetime.date, note: str = "", actor
) -> ChampionRole:
    if ChampionRole.objects.filter(member_state=member_state, kind=kind).exists():
        raise ValidationError(
            _("%(country)s already has the role “%(role)s”."),
            params={"country": member_state.name, "role": ChampionRoleKind(kind).label},
            code="duplicate",
        )
    role = _by(ChampionRole(member_state=member_state, kind=kind, started_on=started_on, note=note), actor)
    role.full_clean()
    role.save()
    if not member_state.is_champion:
        member_state.is_champion = True
        member_state.champion_since = member_state.champion_since or started_on
        _by(member_state, actor).save(update_fields=["is_champion", "champion_since"])
    return role


@transaction.atomic
def champion_role_remove(*, role: ChampionRole, actor) -> None:
    _by(role, actor).delete()


@transaction.atomic
def member_state_update(*, member_state: MemberState, actor, **fields) -> MemberState:
    for name, value in fields.items():
        setattr(member_state, name, value)
    if member_state.is_champion and not member_state.champion_since:
        raise ValidationError({"champion_since": _("Give the date the country became a Champion.")})
    member_state.full_clean()
    _by(member_state, actor).save()
    return member_state


@transaction.atomic
def membership_set_active(*, membership: Membership, active: bool, actor) -> Membership:
    """Deactivation takes effect at once: the person's sessions end."""
    if membership.is_active == active:
        return membership
    membership.is_active = active
    _by(membership, actor).save(update_fields=["is_active"])
    if not active:
        transaction.on_commit(lambda: sessions_end(membership.user))
    return membership


@transaction.atomic
def focal_point_transfer(*, to: Membership, actor) -> Membership:
    """Make ``to`` the focal point of its delegation; the previous focal points become contributors."""
    if not to.is_active:
        raise ValidationError(_("Only an active member can become the focal point."), code="inactive")
    current = Membership.objects.filter(
        Delegation.key_q((to.member_state_id, to.organisation_id)), role=MembershipRole.FOCAL_POINT
    ).exclude(pk=to.pk)
    for membership in current:
        membership.role = MembershipRole.CONTRIBUTOR
        _by(membership, actor).save(update_fields=["role"])
    to.role = MembershipRole.FOCAL_POINT
    _by(to, actor).save(update_fields=["role"])
    return to
