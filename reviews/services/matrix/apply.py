"""Applying a matrix upload's preview: each row that will change is re-checked under
``SELECT … FOR UPDATE``, what changed meanwhile is skipped as a conflict, and every change is a
``TriageChange`` and a history record (see ``upload`` for the whole round trip)."""

import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from guidance.models import DocumentVersion
from guidance.text import clean_text
from reviews.enums import Disposition
from reviews.models import Comment, TriageChange
from reviews.selectors.triage import triage_base
from reviews.services.matrix.upload import MatrixApplyResult, MatrixUploadPreview, UploadRow
from reviews.services.matrix.workbook import CHUNK
from reviews.services.triage import _change, record_changes

# Applying --------------------------------------------------------------------------------


def _value_of(comment: Comment, name: str):
    if name == "addressed_in":
        return comment.addressed_in_id
    if name == "response":
        return clean_text(comment.response).strip()
    return getattr(comment, name)


@transaction.atomic
def matrix_upload_apply(preview: MatrixUploadPreview, actor) -> MatrixApplyResult:
    """Apply the rows of a preview that will change; a comment changed since the preview is skipped (conflict).

    Returns how many comments changed and the numbers of those skipped as conflicts.
    """
    if preview.user_id != actor.pk:
        raise PermissionDenied
    rows = preview.to_apply
    ids = [row.comment_id for row in rows]
    comments: dict[int, Comment] = {}
    for start in range(0, len(ids), CHUNK):
        comments.update(
            triage_base()
            .filter(pk__in=ids[start : start + CHUNK])
            .select_for_update(of=("self",))
            .select_related("addressed_in__document", "duplicate_of", "section__version")
            .in_bulk()
        )
    version_ids = {c.new for row in rows for c in row.changes if c.field == "addressed_in" and c.new}
    versions = DocumentVersion.objects.select_related("document").in_bulk(version_ids)
    batch, now = uuid.uuid4(), timezone.now()
    changes: list[TriageChange] = []
    changed: list[Comment] = []
    conflicts: list[int] = []
    for row in rows:
        comment = comments.get(row.comment_id)
        if comment is None:
            conflicts.append(row.comment_id)  # now a draft again? Never written over.
            continue
        if comment.lock_version != row.lock_version:
            if all(_value_of(comment, c.field) == c.new for c in row.changes):
                continue  # someone already made these very changes
            if any(_value_of(comment, c.field) != c.old for c in row.changes):
                conflicts.append(row.comment_id)
                continue
        if any(
            c.field == "addressed_in"
            and c.new
            and (c.new not in versions or versions[c.new].document_id != comment.section.version.document_id)
            for c in row.changes
        ):
            conflicts.append(row.comment_id)
            continue
        _apply(comment, row, versions, actor, batch, now, changes)
        changed.append(comment)
    if changed:
        bulk_update_with_history(
            changed,
            Comment,
            ["disposition", "response", "addressed_in", "duplicate_of", "lock_version", "updated_at"],
            default_user=actor,
            batch_size=500,
        )
        record_changes(changes, actor=actor)  # the field changes, and the dispositions in the audit log
    return MatrixApplyResult(changed=len(changed), conflicts=conflicts)


def _apply(comment: Comment, row: UploadRow, versions, actor, batch, now, changes: list) -> None:
    def record(name, old, new):
        changes.append(_change(comment, actor, name, old, new, batch=batch, at=now))

    for change in row.changes:
        if change.field == "addressed_in":
            new = versions[change.new] if change.new else None
            record("addressed_in", comment.addressed_in, new)
            comment.addressed_in = new
        elif change.field == "disposition":
            record("disposition", comment.disposition, change.new)
            comment.disposition = change.new
            if change.new != Disposition.DUPLICATE and comment.duplicate_of_id:
                record("duplicate_of", comment.duplicate_of, None)
                comment.duplicate_of = None
        else:
            record(change.field, getattr(comment, change.field), change.new)
            setattr(comment, change.field, change.new)
    comment.lock_version += 1
    comment.updated_at = now
