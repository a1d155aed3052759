"""Reads of the Champions programme: the overview, a country's programme, a pilot, practices.

Every query of these pages is here, with a number that does not grow with the data: lists
are fetched with their relations in one prefetch each, counts and latest dates are
subqueries, and the charts are aggregated by the database.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse

from champions.countries import sorted_by_name
from champions.enums import PILOT_STATUS_TAGS, ChampionRoleKind, PilotStatus, PracticeStatus, Region
from champions.models import (
    Activity,
    ChampionRole,
    MemberState,
    Pilot,
    PilotFeedback,
    PilotStatusChange,
    PilotUpdate,
    Practice,
)
from guidance.models import Objective


def share_step(count: int, top: int) -> int:
    """A bar's length as a share of the largest, in steps of 5 % (drawn by CSS classes, no inline style)."""
    return 0 if not top else round(count * 20 / top) * 5


def _last_update(pilot_ref: str):
    return Subquery(
        PilotUpdate.objects.filter(**{pilot_ref: OuterRef("pk")}).order_by("-posted_on").values("posted_on")[:1]
    )


def _open_feedback(pilot_ref: str):
    """Pilot feedback whose comment the working group has not yet decided on (disposition pending)."""
    return Coalesce(
        Subquery(
            PilotFeedback.objects.filter(**{pilot_ref: OuterRef("pk")}, comment__disposition="pending")
            .order_by()
            .values(pilot_ref)
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


@dataclass
class OverviewFilters:
    region: str = ""
    role: str = ""
    status: str = ""
    objective: Objective | None = None


@dataclass
class Bar:
    label: str
    count: int
    share: int = 0
    key: str = ""
    tag: str = ""


@dataclass
class Overview:
    countries: list[MemberState]
    by_status: list[Bar] = field(default_factory=list)
    by_objective: list[Bar] = field(default_factory=list)
    pilot_count: int = 0


def champions_overview(filters: OverviewFilters) -> Overview:
    """Champion countries (filtered) with roles, pilots, last update and open feedback; pilots by status and
    by objective. Five queries whatever the number of countries and pilots."""
    countries = MemberState.objects.filter(is_champion=True)
    if filters.region:
        countries = countries.filter(region=filters.region)
    if filters.role:
        countries = countries.filter(
            Exists(ChampionRole.objects.filter(member_state=OuterRef("pk"), kind=filters.role))
        )
    pilots = Pilot.objects.all()
    if filters.status:
        pilots = pilots.filter(status=filters.status)
    if filters.objective:
        pilots = pilots.filter(objectives=filters.objective)
    if filters.status or filters.objective:
        countries = countries.filter(Exists(pilots.filter(member_state=OuterRef("pk"))))
    countries = countries.annotate(
        last_update=_last_update("pilot__member_state"), open_feedback=_open_feedback("pilot__member_state")
    )
    rows = sorted_by_name(countries)  # by the UN name in the reader's language (champions.countries)
    _attach_roles_and_pilots(rows, pilots)
    _label(rows)
    rows.sort(key=lambda state: state.display_name)
    charted = Pilot.objects.filter(member_state__in=[state.pk for state in rows])
    if filters.status:
        charted = charted.filter(status=filters.status)
    if filters.objective:
        charted = charted.filter(objectives=filters.objective)
    overview = Overview(countries=rows)
    counts = dict(charted.order_by().values_list("status").annotate(n=Count("pk")))
    overview.pilot_count = sum(counts.values())
    overview.by_status = [
        Bar(label=status.label, count=counts.get(status.value, 0), key=status.value, tag=PILOT_STATUS_TAGS[status])
        for status in PilotStatus
    ]
    objectives = Objective.objects.annotate(
        n=Count("pilots", filter=Q(pilots__in=charted.values("pk")), distinct=True)
    ).order_by("number")
    overview.by_objective = [Bar(label=str(o), count=o.n, key=str(o.pk)) for o in objectives]
    for bars in (overview.by_status, overview.by_objective):
        top = max((bar.count for bar in bars), default=0)
        for bar in bars:
            bar.share = share_step(bar.count, top)
    return overview


@dataclass(frozen=True)
class PilotCell:
    """What the overview shows of a pilot: its link, title and status."""

    url: str
    title: str
    status_tag: str
    status_label: str


def _attach_roles_and_pilots(states: list[MemberState], pilots: QuerySet[Pilot]) -> None:
    """Each country's roles (their kinds) and pilots (raw rows), read as plain values in two queries.

    Not model instances: a prefetch built some 1,500 of them for 193 countries (and a related
    manager's queryset for each), most of the page's time for five columns of text.
    """
    ids = [state.pk for state in states]
    roles: dict[int, list[str]] = {pk: [] for pk in ids}
    for state_id, kind in ChampionRole.objects.filter(member_state_id__in=ids).values_list("member_state_id", "kind"):
        roles[state_id].append(kind)
    found: dict[int, list[tuple]] = {pk: [] for pk in ids}
    rows = pilots.filter(member_state_id__in=ids).order_by("-starts_on", "pk")
    for pk, state_id, title, status in rows.values_list("pk", "member_state_id", "title", "status"):
        found[state_id].append((pk, title, status))
    for state in states:
        state.role_list, state.pilot_list = roles[state.pk], found[state.pk]


def _label(states: list[MemberState]) -> None:
    """Names and labels translated once per page, not once per row (get_FOO_display is costly on long lists)."""
    statuses, roles = {k: str(v) for k, v in PilotStatus.choices}, {k: str(v) for k, v in ChampionRoleKind.choices}
    regions = {k: str(v) for k, v in Region.choices}
    # One reverse() for each kind of link, then the key put in (hundreds of reverse() calls cost tens of ms).
    country_url = reverse("champions:programme_country", kwargs={"code": "zz"})
    pilot_url = reverse("champions:pilot_detail", kwargs={"pk": 0})
    for state in states:
        state.display_name, state.region_label = state.name, regions.get(state.region, "")
        state.programme_url = country_url.replace("/zz/", f"/{state.country.code.lower()}/")
        state.role_list = [roles[kind] for kind in state.role_list]
        state.pilot_list = [
            PilotCell(pilot_url.replace("/0/", f"/{pk}/"), title, PILOT_STATUS_TAGS[status], statuses[status])
            for pk, title, status in state.pilot_list
        ]


def member_state_for_programme(code: str) -> MemberState:
    state = MemberState.objects.filter(country=code.upper()).prefetch_related("champion_roles").first()
    if state is None:
        raise Http404
    return state


def country_programme(member_state: MemberState) -> dict:
    """A country's pilots (with last update and open feedback), activities and practices: four queries."""
    pilots = (
        Pilot.objects.filter(member_state=member_state)
        .annotate(last_update=_last_update("pilot"), open_feedback=_open_feedback("pilot"))
        .select_related("version__document")
        .prefetch_related("objectives")
        .order_by("-starts_on", "pk")
    )
    return {
        "pilots": list(pilots),
        "activities": list(activity_list(member_state=member_state)[:100]),
        "practices": list(
            Practice.objects.filter(member_state=member_state).select_related("author").order_by("-updated_at")
        ),
    }


def activity_list(*, member_state: MemberState | None = None, kind: str = "") -> QuerySet[Activity]:
    activities = Activity.objects.select_related("member_state").prefetch_related("countries").order_by("-held_on")
    if member_state is not None:
        activities = activities.filter(member_state=member_state)
    if kind:
        activities = activities.filter(kind=kind)
    return activities


def pilot_for_page(pk: int) -> Pilot:
    """A pilot with its history, updates (with files) and feedback; a constant number of queries."""
    pilot = (
        Pilot.objects.select_related("member_state", "version__document")
        .prefetch_related(
            "objectives",
            "principles",
            "member_state__champion_roles",
            Prefetch("status_changes", queryset=PilotStatusChange.objects.select_related("changed_by")),
            Prefetch("updates", queryset=PilotUpdate.objects.select_related("author").prefetch_related("attachments")),
            Prefetch(
                "feedback",
                queryset=PilotFeedback.objects.select_related("section", "author").order_by("-created_at", "-pk"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if pilot is None:
        raise Http404
    return pilot


def pilot_by_pk(pk: int) -> Pilot:
    pilot = Pilot.objects.select_related("member_state", "version__document").filter(pk=pk).first()
    if pilot is None:
        raise Http404
    return pilot


def practice_for_page(pk: int) -> Practice:
    practice = (
        Practice.objects.select_related("member_state", "pilot", "author", "approved_by")
        .prefetch_related("objectives", "principles", "messages__author")
        .filter(pk=pk)
        .first()
    )
    if practice is None:
        raise Http404
    return practice


def practice_queue(*, status: str = "") -> QuerySet[Practice]:
    """Practices for the working group, oldest submission first; drafts only when asked for."""
    practices = Practice.objects.select_related("member_state", "author").order_by("submitted_at", "pk")
    if status:
        return practices.filter(status=status)
    return practices.exclude(status=PracticeStatus.DRAFT)


def practice_status_counts() -> dict[str, int]:
    return dict(Practice.objects.order_by().values_list("status").annotate(n=Count("pk")))
