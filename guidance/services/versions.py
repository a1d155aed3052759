from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from guidance.enums import VersionStatus
from guidance.models import Block, Document, DocumentVersion, Section

ALLOWED_TRANSITIONS = {
    VersionStatus.DRAFT: {VersionStatus.IN_REVIEW, VersionStatus.FINAL},
    VersionStatus.IN_REVIEW: {VersionStatus.DRAFT, VersionStatus.FINAL},
    VersionStatus.FINAL: set(),
}


def version_ensure_editable(version: DocumentVersion) -> None:
    if version.is_frozen:
        raise ValidationError(
            _(
                "“%(version)s” is %(status)s and its text can no longer be changed. "
                "Create a new version from it to make changes."
            ),
            code="frozen",
            params={"version": version.label, "status": version.get_status_display().lower()},
        )


@transaction.atomic
def document_version_create_from(*, previous: DocumentVersion, label: str) -> DocumentVersion:
    """A new draft version copying the sections and blocks of ``previous``, keys and anchors kept."""
    document = previous.document
    number = document_version_next_number(document)
    version = DocumentVersion(
        document=document, number=number, label=label, slug=slugify(label) or f"v{number}", based_on=previous
    )
    version.full_clean()
    version.save()
    copies: dict[int, Section] = {}
    sections = previous.sections.order_by("order").prefetch_related("blocks")
    for old in sections:
        new = Section.objects.create(
            version=version,
            parent=copies.get(old.parent_id),
            order=old.order,
            depth=old.depth,
            number=old.number,
            anchor=old.anchor,
            objective_id=old.objective_id,
            **{f"title_{code}": getattr(old, f"title_{code}") for code in ("en", "fr", "es")},
        )
        copies[old.pk] = new
        Block.objects.bulk_create(
            Block(
                section=new,
                key=block.key,
                position=block.position,
                kind=block.kind,
                **{f"text_{code}": getattr(block, f"text_{code}") for code in ("en", "fr", "es")},
            )
            for block in old.blocks.all()
        )
    return version


@transaction.atomic
def document_version_set_status(*, version: DocumentVersion, status: str) -> DocumentVersion:
    if status == version.status:
        return version
    if status not in ALLOWED_TRANSITIONS[VersionStatus(version.status)]:
        raise ValidationError(
            _("A version cannot go from “%(old)s” to “%(new)s”."),
            code="transition",
            params={"old": version.get_status_display(), "new": VersionStatus(status).label},
        )
    version.status = status
    version.full_clean()
    version.save(update_fields=["status"])
    return version


def document_version_next_number(document: Document) -> int:
    return (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def section_update(*, section: Section, **fields: str) -> Section:
    version_ensure_editable(section.version)
    for name, value in fields.items():
        setattr(section, name, value)
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def block_update(*, block: Block, **fields: str) -> Block:
    version_ensure_editable(block.section.version)
    for name, value in fields.items():
        setattr(block, name, value)
    block.full_clean()
    block.save()
    return block


@transaction.atomic
def section_move(*, section: Section, direction: int) -> Section:
    """Swap a section (with its subsections) with its previous (-1) or next (+1) sibling."""
    version_ensure_editable(section.version)
    siblings = list(Section.objects.filter(version=section.version, parent=section.parent_id).order_by("order"))
    index = next(i for i, s in enumerate(siblings) if s.pk == section.pk)
    other_index = index + direction
    if not 0 <= other_index < len(siblings):
        return section
    # Rebuild the order of the whole tree with the two siblings swapped, then renumber.
    siblings[index], siblings[other_index] = siblings[other_index], siblings[index]
    children: dict[int | None, list[Section]] = {}
    for s in Section.objects.filter(version=section.version).order_by("order"):
        children.setdefault(s.parent_id, []).append(s)
    children[section.parent_id] = siblings
    section_tree_renumber(version=section.version, children=children)
    section.refresh_from_db()
    return section


def section_tree_renumber(*, version: DocumentVersion, children: dict[int | None, list[Section]]) -> None:
    """Write ``order``, ``depth`` and ``number`` for a tree given as parent id → ordered children."""
    flat: list[Section] = []

    def walk(parent_id: int | None, prefix: str, depth: int) -> None:
        for position, node in enumerate(children.get(parent_id, []), start=1):
            node.number = f"{prefix}{position}"
            node.depth = depth
            flat.append(node)
            walk(node.pk, f"{node.number}.", depth + 1)

    walk(None, "", 1)
    # Two passes so the unique (version, order) constraint never sees a duplicate.
    Section.objects.filter(version=version).update(order=F("order") + 100000)
    for order, node in enumerate(flat, start=1):
        node.order = order
    Section.objects.bulk_update(flat, ["order", "depth", "number"])
