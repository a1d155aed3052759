"""Import a Word or Markdown file into a document version, in one language.

English is the source language: importing it creates the version's sections and blocks,
or updates them in place (keys and anchors of unchanged and edited blocks are kept; new
blocks get new keys). French and Spanish fill the matching sections and blocks of the
same version, and only when the structure matches exactly; otherwise nothing is written
and every mismatch is named. Importing the same file twice changes nothing.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext, override
from django.utils.translation import gettext as _

from guidance.models import Block, Document, DocumentVersion, Objective, Section
from guidance.services.alignment import HEADING_NUMBER, Side, alignment_problems, own_number
from guidance.services.images import images_store
from guidance.services.keys import block_key_mint, section_anchor_mint
from guidance.services.parsing import ParsedBlock, ParsedSection
from guidance.services.versions import document_version_next_number, version_ensure_editable

SOURCE_LANGUAGE = "en"
OBJECTIVE_HEADING = re.compile(r"^objective\s+(\d{1,2})\b", re.IGNORECASE)
SHIFT = 1_000_000  # moves positions out of the way of the unique constraints while renumbering


@dataclass
class ImportReport:
    version: DocumentVersion
    language: str
    version_created: bool = False
    sections_created: int = 0
    sections_updated: int = 0
    sections_removed: int = 0
    blocks_created: int = 0
    blocks_updated: int = 0
    blocks_removed: int = 0
    notices: list[str] = field(default_factory=list)  # what was converted or not kept, paragraph by paragraph

    @property
    def changed(self) -> bool:
        return any(
            (
                self.version_created,
                self.sections_created,
                self.sections_updated,
                self.sections_removed,
                self.blocks_created,
                self.blocks_updated,
                self.blocks_removed,
            )
        )

    def summary(self) -> str:
        if not self.changed:
            return _("Nothing changed: “%(version)s” already has this text.") % {"version": self.version}
        return _(
            "%(version)s (%(language)s): sections %(s_new)d new, %(s_upd)d updated, %(s_del)d removed; "
            "paragraphs %(b_new)d new, %(b_upd)d updated, %(b_del)d removed."
        ) % {
            "version": self.version,
            "language": self.language,
            "s_new": self.sections_created,
            "s_upd": self.sections_updated,
            "s_del": self.sections_removed,
            "b_new": self.blocks_created,
            "b_upd": self.blocks_updated,
            "b_del": self.blocks_removed,
        }


class ImportMismatch(ValidationError):
    """The translated file does not have the structure of the English text."""


@dataclass
class _Node:
    parsed: ParsedSection
    depth: int
    parent_index: int | None
    children_count: int = 0
    number: str = ""
    typed_number: str = ""  # a number typed at the start of the heading in the file, if any
    existing: Section | None = None
    blocks: list[ParsedBlock] = field(default_factory=list)


def _title_without_own_number(title: str, number: str) -> str:
    """The title without a typed number that is the section's own ("2.3 Scope" in section 2.3);
    any other leading number is part of the title ("2030 Agenda…", "23 objectives…")."""
    match = HEADING_NUMBER.match(title)
    if match and number and match.group(1) == number and title[match.end() :].strip():
        return title[match.end() :].strip()
    return title


def _tree(parsed: list[ParsedSection], *, language: str) -> list[_Node]:
    """Depth, parent and number of each parsed heading (levels may skip, e.g. # then ###).

    Level 0 is the opening section (text before the first heading): unnumbered, at the top,
    the parent of nothing; an opening without a title is called "Opening text".
    """
    nodes: list[_Node] = []
    stack: list[int] = []  # indexes of open ancestors
    top_count = 0
    for index, section in enumerate(parsed):
        if section.level == 0:
            title = section.title
            if not title:
                with override(language):
                    title = gettext("Opening text")
            opening = ParsedSection(level=0, title=title, blocks=section.blocks)
            nodes.append(_Node(parsed=opening, depth=1, parent_index=None, blocks=section.blocks))
            continue
        while stack and nodes[stack[-1]].parsed.level >= section.level:
            stack.pop()
        parent = stack[-1] if stack else None
        node = _Node(parsed=section, depth=len(stack) + 1, parent_index=parent, blocks=section.blocks)
        if parent is None:
            top_count += 1
            node.number = str(top_count)
        else:
            nodes[parent].children_count += 1
            node.number = f"{nodes[parent].number}.{nodes[parent].children_count}"
        node.typed_number = own_number(section.title)
        title = _title_without_own_number(section.title, node.number)
        if title != section.title:
            node.parsed = ParsedSection(level=section.level, title=title, blocks=section.blocks)
        nodes.append(node)
        stack.append(index)
    return nodes


def _version_for(*, document: Document, label: str) -> tuple[DocumentVersion, bool]:
    slug = slugify(label)
    if not slug:
        raise ValidationError(_("The version label must contain letters or digits."), code="label")
    version = DocumentVersion.objects.filter(document=document, slug=slug).first()
    if version is not None:
        return version, False
    version = DocumentVersion(document=document, number=document_version_next_number(document), label=label, slug=slug)
    version.full_clean()
    version.save()
    return version, True


@transaction.atomic
def guidance_import(
    *, document: Document, version_label: str, language: str, sections: list[ParsedSection]
) -> ImportReport:
    languages = {code for code, _name in settings.LANGUAGES}
    if language not in languages:
        raise ValidationError(
            _("Unknown language “%(language)s”; use one of: %(languages)s."),
            params={"language": language, "languages": ", ".join(sorted(languages))},
            code="language",
        )
    version, created = _version_for(document=document, label=version_label)
    version_ensure_editable(version)
    report = ImportReport(
        version=version, language=language, version_created=created, notices=list(getattr(sections, "notices", []))
    )
    nodes = _tree(sections, language=language)
    if language == SOURCE_LANGUAGE:
        _import_source(version=version, nodes=nodes, report=report)
    else:
        _import_translation(version=version, nodes=nodes, language=language, report=report)
    # Last, once the text is accepted: the images its blocks show (named by content, never overwritten).
    images_store(images=getattr(sections, "images", {}))
    return report


# --- English: create or update the structure ------------------------------------------


def _signature(title: str, depth: int) -> tuple[int, str]:
    return depth, " ".join(title.lower().split())


def _import_source(*, version: DocumentVersion, nodes: list[_Node], report: ImportReport) -> None:
    existing = list(version.sections.order_by("order").prefetch_related("blocks"))
    matcher = SequenceMatcher(
        a=[_signature(s.title_en, s.depth) for s in existing],
        b=[_signature(n.parsed.title, n.depth) for n in nodes],
        autojunk=False,
    )
    matched: set[int] = set()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in {"equal", "replace"}:
            for old, node in zip(existing[i1:i2], nodes[j1:j2], strict=False):
                node.existing = old
                matched.add(old.pk)

    objectives = {o.number: o for o in Objective.objects.all()}
    structure_changes = any(n.existing is None for n in nodes) or len(matched) != len(existing)
    structure_changes = structure_changes or any(
        n.existing is not None and n.existing.order != i for i, n in enumerate(nodes, start=1)
    )
    removed = [s for s in existing if s.pk not in matched]
    if removed:
        Section.objects.filter(pk__in=[s.pk for s in removed]).delete()
        report.sections_removed = len(removed)
    if structure_changes:
        Section.objects.filter(version=version).update(order=F("order") + SHIFT)
        for node in nodes:
            if node.existing is not None:
                node.existing.order += SHIFT

    anchors = {n.existing.anchor for n in nodes if n.existing is not None}
    saved: list[Section] = []
    for order, node in enumerate(nodes, start=1):
        parent = saved[node.parent_index] if node.parent_index is not None else None
        objective = _objective_for(node.parsed.title, objectives)
        values = {
            "parent_id": parent.pk if parent else None,
            "order": order,
            "depth": node.depth,
            "number": node.number,
            "title_en": node.parsed.title,
            "objective_id": objective.pk if objective else (parent.objective_id if parent else None),
        }
        section = node.existing
        if section is None:
            section = Section(
                version=version, anchor=section_anchor_mint(title=node.parsed.title, taken=anchors), **values
            )
            section.full_clean()
            section.save()
            report.sections_created += 1
        else:
            changed = [name for name, value in values.items() if getattr(section, name) != value]
            if changed:
                for name in changed:
                    setattr(section, name, values[name])
                section.full_clean()
                section.save()
                if set(changed) - {"order"}:
                    report.sections_updated += 1
        saved.append(section)
        _sync_blocks(section=section, parsed=node.blocks, report=report, is_new=node.existing is None)


def _objective_for(title: str, objectives: dict[int, Objective]) -> Objective | None:
    match = OBJECTIVE_HEADING.match(title)
    return objectives.get(int(match.group(1))) if match else None


def _sync_blocks(*, section: Section, parsed: list[ParsedBlock], report: ImportReport, is_new: bool) -> None:
    old = [] if is_new else list(section.blocks.all())
    taken = {b.key for b in old}
    matcher = SequenceMatcher(a=[b.text_en for b in old], b=[p.text for p in parsed], autojunk=False)
    plan: list[tuple[Block | None, ParsedBlock]] = []
    kept: set[int] = set()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or tag == "replace":
            pairs = list(zip(old[i1:i2], parsed[j1:j2], strict=False))
            plan += pairs
            kept.update(b.pk for b, _p in pairs)
            plan += [(None, p) for p in parsed[j1 + len(pairs) : j2]]
        elif tag == "insert":
            plan += [(None, p) for p in parsed[j1:j2]]
    removed = [b.pk for b in old if b.pk not in kept]
    if removed:
        Block.objects.filter(pk__in=removed).delete()
        report.blocks_removed += len(removed)
    reordered = (
        removed
        or any(b is None for b, _p in plan)
        or any(b is not None and b.position != i for i, (b, _p) in enumerate(plan, start=1))
    )
    if reordered and old:
        Block.objects.filter(section=section).update(position=F("position") + SHIFT)
    for position, (block, item) in enumerate(plan, start=1):
        if block is None:
            block = Block(
                section=section, key=block_key_mint(taken=taken), position=position, kind=item.kind, text_en=item.text
            )
            block.full_clean()
            block.save()
            report.blocks_created += 1
            continue
        text_changed = block.text_en != item.text or block.kind != item.kind
        if text_changed or reordered:
            block.text_en, block.kind, block.position = item.text, item.kind, position
            block.save()
            if text_changed:
                report.blocks_updated += 1


# --- French, Spanish: fill the matching sections -----------------------------------------


def _import_translation(*, version: DocumentVersion, nodes: list[_Node], language: str, report: ImportReport) -> None:
    existing = list(version.sections.order_by("order").prefetch_related("blocks"))
    with override(language):
        language_name = dict(settings.LANGUAGES)[language]
    if not existing:
        raise ImportMismatch(
            _("Import the English text of “%(version)s” first; translations fill its sections."),
            params={"version": version},
            code="no_source",
        )
    english = [
        Side(
            number=s.number,
            title=s.title_en,
            depth=s.depth,
            opening=s.number == "",
            typed_number="",
            blocks=[(b.kind, b.text_en) for b in s.blocks.all()],
        )
        for s in existing
    ]
    other = [
        Side(
            number=n.number,
            title=n.parsed.title,
            depth=n.depth,
            opening=n.parsed.level == 0,
            typed_number=n.typed_number,
            blocks=[(b.kind, b.text) for b in n.blocks],
        )
        for n in nodes
    ]
    problems, plan = alignment_problems(english=english, other=other, language_name=str(language_name))
    if problems:
        raise ImportMismatch(problems, code="mismatch")
    for i, j, block_pairs in plan:
        section, node = existing[i], nodes[j]
        if getattr(section, f"title_{language}") != node.parsed.title:
            setattr(section, f"title_{language}", node.parsed.title)
            section.save(update_fields=[f"title_{language}"])
            report.sections_updated += 1
        blocks = list(section.blocks.all())
        for block_index, item_index in block_pairs:
            block, item = blocks[block_index], node.blocks[item_index]
            if getattr(block, f"text_{language}") != item.text:
                setattr(block, f"text_{language}", item.text)
                block.save(update_fields=[f"text_{language}"])
                report.blocks_updated += 1
