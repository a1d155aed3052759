"""Reads of the guidance text. Every query the reader makes is here (one place for N+1s)."""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from guidance.enums import VersionStatus
from guidance.models import Block, Document, DocumentVersion, Section
from guidance.rules import visible_statuses

SEARCH_CONFIG = {"en": "english", "fr": "french", "es": "spanish"}
SEARCH_LIMIT = 50


def _missing(field: str, prefix: str = "") -> Q:
    return Q(**{f"{prefix}{field}": ""}) | Q(**{f"{prefix}{field}__isnull": True})


def version_queryset_for(user) -> QuerySet[DocumentVersion]:
    return DocumentVersion.objects.filter(status__in=visible_statuses(user)).select_related("document")


def document_list_for(user) -> list[Document]:
    """Documents with the versions the user may see listed: in review and final ones for everyone
    (that a draft is under review is public; reading it needs an account), drafts for the working group."""
    statuses = visible_statuses(user) | {VersionStatus.IN_REVIEW, VersionStatus.FINAL}
    versions = DocumentVersion.objects.filter(status__in=statuses).order_by("-number")
    documents = Document.objects.prefetch_related(Prefetch("versions", queryset=versions, to_attr="visible_versions"))
    return list(documents)


def versions_in_review() -> list[DocumentVersion]:
    return list(DocumentVersion.objects.filter(status=VersionStatus.IN_REVIEW).select_related("document"))


def version_by_slugs(*, document: str, version: str) -> DocumentVersion:
    """The version named in a URL, or 404. Views check ``guidance.read_version`` on it."""
    found = DocumentVersion.objects.select_related("document").filter(document__slug=document, slug=version).first()
    if found is None:
        raise Http404
    return found


def latest_version_for(*, user, document: str) -> DocumentVersion:
    found = version_queryset_for(user).filter(document__slug=document).order_by("-number").first()
    if found is None:
        raise Http404
    return found


def section_toc(*, version: DocumentVersion, language: str) -> list[Section]:
    """Every section of the version in order, with objective and a ``missing_translation`` flag."""
    sections = Section.objects.filter(version=version).select_related("objective").order_by("order")
    if language == "en":
        result = list(sections)
        for section in result:
            section.missing_translation = section.title_fallback = False
        return result
    missing_blocks = (
        Block.objects.filter(_missing(f"text_{language}"), section=OuterRef("pk"))
        .order_by()  # no default ordering in the GROUP BY
        .values("section")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = sections.annotate(missing_blocks=Coalesce(Subquery(missing_blocks, output_field=IntegerField()), 0))
    result = list(rows)
    for section in result:
        section.title_fallback = not getattr(section, f"title_{language}")
        section.missing_translation = section.missing_blocks > 0 or section.title_fallback
    return result


@dataclass
class SectionPage:
    section: Section
    blocks: list[Block]
    toc: list[Section]
    ancestors: list[Section]
    previous: Section | None
    next: Section | None
    missing_translation: bool


def section_page(*, version: DocumentVersion, anchor: str, language: str) -> SectionPage:
    toc = section_toc(version=version, language=language)
    by_id = {s.pk: s for s in toc}
    index = next((i for i, s in enumerate(toc) if s.anchor == anchor), None)
    if index is None:
        raise Http404
    section = toc[index]
    section.version = version
    parent_section = by_id.get(section.parent_id)
    # "Serves objective N" is said where the heading does not say it: in the chapter's subsections.
    section.objective_inherited = bool(
        section.objective_id and parent_section is not None and parent_section.objective_id == section.objective_id
    )
    ancestors = []
    parent = by_id.get(section.parent_id)
    while parent is not None:
        ancestors.insert(0, parent)
        parent = by_id.get(parent.parent_id)
    blocks = list(Block.objects.filter(section=section).order_by("position"))
    missing = language != "en" and (
        not getattr(section, f"title_{language}") or any(not getattr(b, f"text_{language}") for b in blocks)
    )
    return SectionPage(
        section=section,
        blocks=blocks,
        toc=toc,
        ancestors=ancestors,
        previous=toc[index - 1] if index > 0 else None,
        next=toc[index + 1] if index + 1 < len(toc) else None,
        missing_translation=missing,
    )


def translation_completeness(versions: QuerySet[DocumentVersion], languages: tuple[str, ...] = ("fr", "es")):
    """Annotate ``sections_total`` and ``sections_<lang>`` (sections with a title and every paragraph)."""
    annotations = {"sections_total": Count("sections", distinct=True)}
    for language in languages:
        incomplete_block = Block.objects.filter(_missing(f"text_{language}"), section=OuterRef("pk"))
        complete = (
            Section.objects.filter(version=OuterRef("pk"))
            .exclude(_missing(f"title_{language}"))
            .exclude(Exists(incomplete_block))
            .order_by()  # no default ordering in the GROUP BY
            .values("version")
            .annotate(n=Count("pk"))
            .values("n")
        )
        annotations[f"sections_{language}"] = Coalesce(Subquery(complete, output_field=IntegerField()), 0)
    return versions.annotate(**annotations)


# --- Search ------------------------------------------------------------------------------


@dataclass
class SearchHit:
    section: Section
    block: Block | None
    snippet: SafeString


def _text_in(language: str, field: str = "text"):
    """The text in ``language``, falling back to English where it is not translated."""
    if language == "en":
        return F(f"{field}_en")
    return Coalesce(NullIf(f"{field}_{language}", Value("")), f"{field}_en", output_field=TextField())


def version_search(*, version: DocumentVersion, query: str, language: str) -> list[SearchHit]:
    query = " ".join(query.split())[:200]
    if not query:
        return []
    if connection.vendor == "postgresql":
        return _search_postgres(version=version, query=query, language=language)
    return _search_simple(version=version, query=query, language=language)


def _search_postgres(*, version: DocumentVersion, query: str, language: str) -> list[SearchHit]:
    config = SEARCH_CONFIG.get(language, "simple")
    search_query = SearchQuery(query, config=config, search_type="websearch")
    text = _text_in(language)
    title = _text_in(language, "title")
    blocks = (
        Block.objects.filter(section__version=version)
        .annotate(vector=SearchVector(text, config=config))
        .filter(vector=search_query)  # the @@ match; ranking alone also scores non-matching rows
        .annotate(
            rank=SearchRank(F("vector"), search_query),
            snippet=SearchHeadline(
                text, search_query, config=config, start_sel="<mark>", stop_sel="</mark>", max_words=35, min_words=15
            ),
        )
        .select_related("section")
        .order_by("-rank", "section__order", "position")[:SEARCH_LIMIT]
    )
    sections = (
        Section.objects.filter(version=version)
        .annotate(title_text=title, vector=SearchVector(title, config=config))
        .filter(vector=search_query)
        .order_by("order")[:SEARCH_LIMIT]
    )
    hits = [SearchHit(section=s, block=None, snippet=escape(s.title_text)) for s in sections]
    hits += [SearchHit(section=b.section, block=b, snippet=_safe_headline(b.snippet)) for b in blocks]
    return hits


def _safe_headline(headline: str) -> SafeString:
    """ts_headline returns raw text with <mark> tags: escape everything, then restore the marks."""
    marked = str(escape(headline)).replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>")
    return mark_safe(marked)  # noqa: S308 - all escaped; only bare <mark> and </mark> restored


def _search_simple(*, version: DocumentVersion, query: str, language: str) -> list[SearchHit]:
    """SQLite fallback: every word must appear (case-insensitive substring)."""
    terms = [t for t in re.split(r"\s+", query.replace('"', " ")) if t][:10]
    text, title = _text_in(language), _text_in(language, "title")
    block_filter, title_filter = Q(), Q()
    for term in terms:
        block_filter &= Q(document_text__icontains=term)
        title_filter &= Q(title_text__icontains=term)
    sections = (
        Section.objects.filter(version=version).annotate(title_text=title).filter(title_filter).order_by("order")
    )[:SEARCH_LIMIT]
    blocks = (
        Block.objects.filter(section__version=version)
        .annotate(document_text=text)
        .filter(block_filter)
        .select_related("section")
        .order_by("section__order", "position")
    )[:SEARCH_LIMIT]
    hits = [SearchHit(section=s, block=None, snippet=escape(s.title_text)) for s in sections]
    hits += [SearchHit(section=b.section, block=b, snippet=_snippet(b.document_text, terms)) for b in blocks]
    return hits


def _snippet(text: str, terms: list[str], width: int = 220) -> SafeString:
    """An excerpt of ``text`` around the first match, cut at word boundaries, matches marked."""
    plain = re.sub(r"[*_`>#|]", "", text)
    lowered = plain.lower()
    first = min((lowered.find(t.lower()) for t in terms if lowered.find(t.lower()) >= 0), default=0)
    start = max(0, first - width // 3)
    if start > 0:
        space = plain.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = start + width
    if end < len(plain):
        space = plain.rfind(" ", first, end)
        end = space if space > first else end
    escaped = str(escape(plain[start:end]))
    for term in sorted(set(terms), key=len, reverse=True):
        escaped = re.sub(f"({re.escape(str(escape(term)))})", r"<mark>\1</mark>", escaped, flags=re.IGNORECASE)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(plain) else ""
    return mark_safe(f"{prefix}{escaped}{suffix}")  # noqa: S308 - built from escaped text
