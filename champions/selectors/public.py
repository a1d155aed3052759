"""Reads for the public: published practices (pages, feed, CSV export and API) and Champion countries.

Nothing here returns a practice that is not published; the pages, the feed, the export and
the API all read through these functions, so they show the same thing.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from champions.countries import name_order, sorted_by_name
from champions.enums import PracticeStatus
from champions.models import ChampionRole, MemberState, Pilot, Practice
from guidance.enums import VersionStatus
from guidance.models import DocumentVersion


@dataclass
class PracticeFilters:
    objective: object = None  # an Objective
    principle: object = None  # a GuidingPrinciple
    region: str = ""
    country: str = ""  # ISO alpha-2, any case
    kind: str = ""


def published_practices(filters: PracticeFilters | None = None) -> QuerySet[Practice]:
    """Published practices, newest first, with their country, objectives and principles (three queries)."""
    practices = (
        Practice.objects.filter(status=PracticeStatus.PUBLISHED)
        .select_related("member_state")
        .prefetch_related("objectives", "principles")
        .order_by("-published_at", "-pk")
    )
    filters = filters or PracticeFilters()
    if filters.objective:
        practices = practices.filter(objectives=filters.objective)
    if filters.principle:
        practices = practices.filter(principles=filters.principle)
    if filters.region:
        practices = practices.filter(member_state__region=filters.region)
    if filters.country:
        practices = practices.filter(member_state__country=filters.country.upper())
    if filters.kind:
        practices = practices.filter(kind=filters.kind)
    return practices


def published_practice(pk: int) -> Practice:
    """One published practice; anything else (a draft, an unknown id) is a 404."""
    practice = published_practices().filter(pk=pk).first()
    if practice is None:
        raise Http404
    return practice


def countries_with_published_practices() -> list[MemberState]:
    states = MemberState.objects.filter(practices__status=PracticeStatus.PUBLISHED).distinct()
    return sorted_by_name(states)


def champion_countries(*, region: str = "", role: str = "", pilot_status: str = "") -> QuerySet[MemberState]:
    """Champion countries with their roles and pilots (for the API), in a stable order for pagination."""
    pilots = Pilot.objects.select_related("version__document").prefetch_related("objectives").order_by("pk")
    states = MemberState.objects.filter(is_champion=True)
    if region:
        states = states.filter(region=region)
    if role:
        states = states.filter(Exists(ChampionRole.objects.filter(member_state=OuterRef("pk"), kind=role)))
    if pilot_status:
        states = states.filter(Exists(Pilot.objects.filter(member_state=OuterRef("pk"), status=pilot_status)))
    return states.prefetch_related(
        "champion_roles", Prefetch("pilots", queryset=pilots, to_attr="pilot_list")
    ).order_by(name_order(), "pk")


def published_versions(*, document: str = "") -> QuerySet[DocumentVersion]:
    """Final (published) versions of the guidance documents."""
    versions = DocumentVersion.objects.filter(status=VersionStatus.FINAL).select_related("document")
    if document:
        versions = versions.filter(document__slug=document)
    return versions.order_by("document__position", "-number", "pk")
