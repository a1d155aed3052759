"""The moderators' dashboard: every figure counted in the database, in a fixed number of queries.

Each figure comes with the triage-list filters that select exactly the comments it counts,
so the page can link every number to the list.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg, Case, CharField, Count, Q, Value, When
from django.db.models.functions import TruncDate
from django.utils.translation import ngettext

from champions.enums import Region, ReviewerGroup
from champions.models import Delegation, MemberState, Organisation
from guidance.models import Objective, Section
from reviews.enums import CommentKind, CommentSource, CommentState, Disposition, Priority
from reviews.models import ReviewRound, Submission, SurveyResponse
from reviews.selectors.triage import apply_filters, triage_base


@dataclass
class Bar:
    label: str
    count: int
    filters: dict
    share: int = 0  # percentage of the largest bar, for drawing


@dataclass
class HeatRow:
    section: Section
    cells: list[Bar]
    total: int
    filters: dict


@dataclass
class Dashboard:
    scope: dict
    totals: dict
    breakdowns: dict[str, list[Bar]] = field(default_factory=dict)
    heatmap: list[HeatRow] = field(default_factory=list)
    tree: list[HeatRow] = field(default_factory=list)
    groups: list = field(default_factory=list)
    objectives: list[Bar] = field(default_factory=list)
    delegations: list[Bar] = field(default_factory=list)
    days: list[dict] = field(default_factory=list)
    deadline: object = None
    survey: list[dict] = field(default_factory=list)
    remarks: list = field(default_factory=list)
    heat_max: int = 0
    stats: list[Bar] = field(default_factory=list)


def _step(count: int, top: int) -> int:
    """A share of the largest figure in steps of 5 % (bars are drawn by CSS classes, no inline style)."""
    return 5 * round(20 * count / top) if top else 0


def _scaled(bars: list[Bar]) -> list[Bar]:
    top = max((b.count for b in bars), default=0)
    for bar in bars:
        bar.share = _step(bar.count, top)
    return bars


# (breakdown name, filter name, choices, condition for one value)
def _fixed_breakdowns():
    return [
        ("disposition", "disposition", Disposition.choices, lambda v: Q(disposition=v)),
        ("kind", "kind", CommentKind.choices, lambda v: Q(kind=v)),
        ("source", "source", CommentSource.choices, lambda v: Q(source=v)),
        ("language", "language", settings.LANGUAGES, lambda v: Q(language=v)),
        ("priority", "priority", Priority.choices, lambda v: Q(priority=v)),
    ]


def dashboard(scope: dict) -> Dashboard:
    """Figures for the comments in ``scope`` (a round, or every round; submitted ones by default)."""
    scope = {"state": CommentState.SUBMITTED, **scope}
    comments = apply_filters(triage_base(), scope)

    # 1. Totals and every fixed-choice breakdown: one scan with conditional counts.
    aggregates = {
        "total": Count("pk"),
        "assigned": Count("pk", filter=Q(assignee__isnull=False)),
        "decided": Count("pk", filter=~Q(disposition=Disposition.PENDING)),
        "proposed": Count("pk", filter=Q(proposed_at__isnull=False)),
        "published": Count("pk", filter=Q(published_at__isnull=False)),
    }
    fixed = _fixed_breakdowns()
    for name, _filter, choices, condition in fixed:
        for value, _label in choices:
            aggregates[f"{name}__{value}"] = Count("pk", filter=condition(value))
    counts = comments.aggregate(**aggregates)
    totals = {key: counts[key] for key in ("total", "assigned", "decided", "proposed", "published")}
    totals["pending"] = totals["total"] - totals["decided"]
    totals["percent_decided"] = round(100 * totals["decided"] / totals["total"]) if totals["total"] else 0
    totals["percent_published"] = round(100 * totals["published"] / totals["total"]) if totals["total"] else 0
    totals["unassigned"] = totals["total"] - totals["assigned"]
    result = Dashboard(scope=scope, totals=totals)
    unpublished = totals["decided"] - totals["published"]
    # Each label agrees with its figure ("1 proposition à approuver", "2 propositions à approuver").
    result.stats = [
        Bar(ngettext("submitted comment", "submitted comments", totals["total"]), totals["total"], scope),
        Bar(
            ngettext("comment awaiting a decision", "comments awaiting a decision", totals["pending"]),
            totals["pending"],
            {**scope, "disposition": Disposition.PENDING},
        ),
        Bar(
            ngettext("comment not assigned", "comments not assigned", totals["unassigned"]),
            totals["unassigned"],
            {**scope, "assignee": "none"},
        ),
        Bar(
            ngettext("proposal to approve", "proposals to approve", totals["proposed"]),
            totals["proposed"],
            {**scope, "workflow": "proposed"},
        ),
        Bar(
            ngettext("decision not yet published", "decisions not yet published", unpublished),
            unpublished,
            {**scope, "workflow": "unpublished"},
        ),
        Bar(
            ngettext("response published", "responses published", totals["published"]),
            totals["published"],
            {**scope, "workflow": "published"},
        ),
    ]
    for name, filter_name, choices, _condition in fixed:
        result.breakdowns[name] = _scaled(
            [Bar(str(label), counts[f"{name}__{value}"], {**scope, filter_name: value}) for value, label in choices]
        )
    result.groups = list(ReviewerGroup.choices)

    # 2. Sections × reviewer group (the heatmap, the section tree, the objectives) and the
    # delegations: two grouped queries. The reviewer group is computed from the lists of
    # Champion countries and reference-group organisations (two small tables), so neither
    # query joins anything to the comments; regions come from the delegations.
    champions = list(MemberState.objects.filter(is_champion=True).values_list("pk", flat=True))
    reference = list(Organisation.objects.filter(in_reference_group=True).values_list("pk", flat=True))
    group = Case(
        When(member_state_id__in=champions, then=Value(ReviewerGroup.CHAMPION.value)),
        When(member_state_id__isnull=False, then=Value(ReviewerGroup.MEMBER_STATE.value)),
        When(organisation_id__in=reference, then=Value(ReviewerGroup.REFERENCE_GROUP.value)),
        default=Value(ReviewerGroup.STAKEHOLDER.value),
        output_field=CharField(),
    )
    by_cell: dict[tuple, int] = {}
    by_group = dict.fromkeys(ReviewerGroup.values, 0)
    for row in (
        comments.annotate(reviewer_group=group)
        .values("section_id", "reviewer_group")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_cell[(row["section_id"], row["reviewer_group"])] = row["n"]
        by_group[row["reviewer_group"]] += row["n"]
    by_delegation = {
        (row["member_state_id"], row["organisation_id"]): row["n"]
        for row in comments.values("member_state_id", "organisation_id").annotate(n=Count("pk")).order_by()
    }
    states = MemberState.objects.in_bulk({state for state, _organisation in by_delegation if state})
    organisations = Organisation.objects.select_related("member_state").in_bulk(
        {organisation for _state, organisation in by_delegation if organisation}
    )
    delegation_of = {key: Delegation(states.get(key[0]), organisations.get(key[1])) for key in by_delegation}
    by_region = dict.fromkeys(Region.values, 0)
    for key, count in by_delegation.items():
        region = _region(delegation_of[key])
        if region:
            by_region[region] += count
    result.breakdowns["group"] = _scaled(
        [Bar(str(label), by_group[value], {**scope, "group": value}) for value, label in ReviewerGroup.choices]
    )
    result.breakdowns["region"] = _scaled(
        [Bar(str(label), by_region[value], {**scope, "region": value}) for value, label in Region.choices]
    )
    sections = _scope_sections(scope)
    objective_counts: dict[int, int] = {}
    chapter = None
    for section in sections:
        per_group = [by_cell.get((section.pk, name), 0) for name, _label in ReviewerGroup.choices]
        total = sum(per_group)
        result.tree.append(HeatRow(section, [], total, {**scope, "section": section.pk}))
        if chapter is None or section.depth == 1 or chapter.section.version_id != section.version_id:
            # The heatmap rolls subsections up into their top-level section.
            chapter = HeatRow(
                section,
                [
                    Bar(str(label), 0, {**scope, "chapter": section.pk, "group": name})
                    for name, label in ReviewerGroup.choices
                ],
                0,
                {**scope, "chapter": section.pk},
            )
            result.heatmap.append(chapter)
        for cell, count in zip(chapter.cells, per_group, strict=True):
            cell.count += count
        chapter.total += total
        if section.objective_id:
            number = section.objective.number
            objective_counts[number] = objective_counts.get(number, 0) + total
    result.heat_max = max((cell.count for row in result.heatmap for cell in row.cells), default=0)
    for row in result.heatmap:
        for cell in row.cells:
            cell.share = _step(cell.count, result.heat_max)
    result.objectives = _scaled(
        [
            Bar(f"{o.number}. {o.short_label}", objective_counts.get(o.number, 0), {**scope, "objective": o.number})
            for o in Objective.objects.order_by("number")
        ]
    )

    # 3. Delegations, largest first.
    delegations = []
    for key, count in sorted(by_delegation.items(), key=lambda item: -item[1]):
        delegation = delegation_of[key]
        delegations.append(Bar(delegation.name, count, {**scope, "delegation": delegation.value}))
    result.delegations = _scaled(delegations)

    # 4. Over time: comments and formal submissions per day, against the deadline.
    per_day = {
        row["day"]: row["n"]
        for row in comments.exclude(submitted_at__isnull=True)
        .annotate(day=TruncDate("submitted_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by()
    }
    submissions = Submission.objects.all()
    if scope.get("round"):
        submissions = submissions.filter(review_round_id=scope["round"])
    submission_days = {
        row["day"]: row["n"]
        for row in submissions.annotate(day=TruncDate("submitted_at")).values("day").annotate(n=Count("pk")).order_by()
    }
    running = 0
    days = sorted(set(per_day) | set(submission_days))
    top = max(per_day.values(), default=0)
    for day in days:
        running += per_day.get(day, 0)
        result.days.append(
            {
                "day": day,
                "comments": per_day.get(day, 0),
                "submissions": submission_days.get(day, 0),
                "running": running,
                "share": _step(per_day.get(day, 0), top),
                "filters": {**scope, "day": day.isoformat()},
            }
        )

    # 5. The usability survey: averages per document, and the remarks.
    surveys = SurveyResponse.objects.all()
    if scope.get("round"):
        surveys = surveys.filter(review_round_id=scope["round"])
    result.survey = list(
        surveys.values("document__title")
        .annotate(answers=Count("pk"), clarity=Avg("clarity"), usefulness=Avg("usefulness"), ease=Avg("ease"))
        .order_by("document__position")
    )
    result.remarks = list(
        surveys.exclude(remarks="")
        .select_related("document", "member_state", "organisation")
        .order_by("-updated_at")[:100]
    )
    return result


def _region(delegation: Delegation) -> str:
    """A delegation's region, as ``region_q`` selects it (an organisation's through its Member State)."""
    if delegation.member_state is not None:
        return delegation.member_state.region
    organisation = delegation.organisation
    return organisation.member_state.region if organisation.member_state_id else ""


def _scope_sections(scope: dict) -> list[Section]:
    sections = Section.objects.select_related("version__document", "objective")
    if scope.get("round"):
        review_round = ReviewRound.objects.filter(pk=scope["round"]).first()
        versions = list(review_round.versions.values_list("pk", flat=True)) if review_round else []
        sections = sections.filter(version__in=versions)
    else:
        sections = sections.filter(version__in=ReviewRound.objects.values("versions"))
    if scope.get("document"):
        sections = sections.filter(version__document__slug=scope["document"])
    return list(sections.order_by("version__document__position", "version__pk", "order"))
