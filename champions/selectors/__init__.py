"""Reads of delegations, roles, memberships and invitations (every query of these pages)."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from champions.countries import codes_matching, name_order
from champions.enums import MembershipRole, ReviewerGroup
from champions.models import ChampionRole, Invitation, Membership, MemberState, Organisation


def memberships_of(user) -> list[Membership]:
    """The user's active memberships, memoised on the user object for the request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_active_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, is_active=True).select_related("member_state", "organisation")
        )
        user._active_memberships = cached
    return cached


def _people(queryset=None):
    memberships = (
        (queryset if queryset is not None else Membership.objects.all())
        .select_related("user")
        .order_by("role", "user__email")
    )
    return Prefetch("memberships", queryset=memberships, to_attr="people")


def champion_list() -> list[MemberState]:
    """Champion countries with roles, members, pending invitations and the last sign-in of their people."""
    now = timezone.now()
    pending = Q(
        invitations__accepted_at__isnull=True, invitations__revoked_at__isnull=True, invitations__expires_at__gt=now
    )
    return list(
        MemberState.objects.filter(is_champion=True)
        .annotate(
            pending_invitations=Count("invitations", filter=pending, distinct=True),
            last_login=Max("memberships__user__last_login", filter=Q(memberships__is_active=True)),
        )
        .prefetch_related("champion_roles", _people(Membership.objects.filter(is_active=True)))
        .order_by(name_order())
    )


def member_state_by_code(code: str) -> MemberState:
    state = MemberState.objects.filter(country=code.upper()).first()
    if state is None:
        raise Http404
    return state


@dataclass
class TimelineEntry:
    at: datetime
    who: object
    action: str  # "+", "~", "-"
    model: str
    record: object


def country_timeline(member_state: MemberState, limit: int = 50) -> list[TimelineEntry]:
    """Every recorded change to the country, its roles, memberships and invitations, newest first."""
    sources = [
        ("member_state", MemberState.history.filter(id=member_state.pk)),
        ("role", ChampionRole.history.filter(member_state_id=member_state.pk)),
        ("membership", Membership.history.filter(member_state_id=member_state.pk).select_related("user")),
        ("invitation", Invitation.history.filter(member_state_id=member_state.pk)),
        (
            "account",  # the recorded account changes (not sign-ins) of the country's people
            get_user_model()
            .history.filter(id__in=member_state.memberships.values("user_id"))
            .exclude(history_change_reason__isnull=True),
        ),
    ]
    entries = []
    for model, queryset in sources:
        for record in queryset.select_related("history_user").order_by("-history_date")[:limit]:
            entries.append(
                TimelineEntry(
                    at=record.history_date,
                    who=record.history_user,
                    action=record.history_type,
                    model=model,
                    record=record,
                )
            )
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:limit]


def country_detail(member_state: MemberState) -> dict:
    return {
        "roles": list(member_state.champion_roles.all()),
        "memberships": list(
            member_state.memberships.select_related("user").order_by("-is_active", "role", "user__email")
        ),
        "invitations": list(
            member_state.invitations.filter(accepted_at__isnull=True)
            .select_related("invited_by")
            .order_by("-created_at")
        ),
        "timeline": country_timeline(member_state),
    }


@dataclass
class DirectoryFilters:
    group: str = ""
    region: str = ""
    role: str = ""
    q: str = ""


def delegation_directory(filters: DirectoryFilters) -> tuple[list[MemberState], list[Organisation]]:
    """Member States with members or a Champion role, and organisations, filtered; constant queries."""
    people = _people(Membership.objects.filter(is_active=True, role=MembershipRole.FOCAL_POINT))
    states: QuerySet[MemberState] = (
        MemberState.objects.filter(Q(is_champion=True) | Q(memberships__is_active=True))
        .distinct()
        .annotate(members=Count("memberships", filter=Q(memberships__is_active=True), distinct=True))
        .prefetch_related("champion_roles", people)
        .order_by(name_order())
    )
    organisations: QuerySet[Organisation] = (
        Organisation.objects.filter(is_active=True)
        .select_related("member_state")
        .annotate(members=Count("memberships", filter=Q(memberships__is_active=True), distinct=True))
        .prefetch_related(people)
        .order_by("name")
    )
    if filters.region:
        states = states.filter(region=filters.region)
        organisations = organisations.filter(member_state__region=filters.region)
    if filters.role:
        states = states.filter(champion_roles__kind=filters.role)
        organisations = organisations.none()
    if filters.q:
        # Any of the UN's three names, accents and case aside ("Maroc", "marruecos", "MA").
        states = states.filter(country__in=codes_matching(filters.q))
        organisations = organisations.filter(Q(name__icontains=filters.q) | Q(acronym__icontains=filters.q))
    group = filters.group
    if group == ReviewerGroup.CHAMPION:
        states, organisations = states.filter(is_champion=True), organisations.none()
    elif group == ReviewerGroup.MEMBER_STATE:
        states, organisations = states.filter(is_champion=False), organisations.none()
    elif group == ReviewerGroup.REFERENCE_GROUP:
        states, organisations = states.none(), organisations.filter(in_reference_group=True)
    elif group == ReviewerGroup.STAKEHOLDER:
        states, organisations = states.none(), organisations.filter(in_reference_group=False)
    return list(states), list(organisations)


def invitation_list(*, status: str = "") -> QuerySet[Invitation]:
    now = timezone.now()
    invitations = Invitation.objects.select_related("member_state", "organisation", "invited_by").order_by(
        "-created_at"
    )
    if status == "pending":
        invitations = invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)
    elif status == "accepted":
        invitations = invitations.filter(accepted_at__isnull=False)
    elif status == "expired":
        invitations = invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lte=now)
    elif status == "revoked":
        invitations = invitations.filter(revoked_at__isnull=False)
    return invitations
