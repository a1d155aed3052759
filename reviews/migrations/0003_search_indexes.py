"""Backfill ``submitted_at``; on PostgreSQL, the full-text index of triage and the pg_trgm extension.

The full-text index is built from the same expression the triage search uses
(``reviews.search.search_vector``; rebuilt on an accent-insensitive configuration by 0008). Trigram similarity
(pg_trgm) ranks likely duplicates within a section (no index needed at that size); where
the extension cannot be created (no privilege), the app falls back to a simpler measure
(see docs/triage.md).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import DatabaseError, migrations
from django.db.models import F, OuterRef, Subquery

FTS_INDEX = "comment_fts_idx"


def backfill_submitted_at(apps, schema_editor):
    Comment = apps.get_model("reviews", "Comment")
    Submission = apps.get_model("reviews", "Submission")
    at = Submission.objects.filter(pk=OuterRef("submission_id")).values("submitted_at")[:1]
    Comment.objects.filter(submission__isnull=False).update(submitted_at=Subquery(at))
    Comment.objects.filter(submission__isnull=True).exclude(state="draft").update(submitted_at=F("created_at"))


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Comment = apps.get_model("reviews", "Comment")
    schema_editor.add_index(
        Comment, GinIndex(SearchVector("body", "proposed_change", "quote", config="simple"), name=FTS_INDEX)
    )
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SAVEPOINT trgm")
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:  # no privilege: duplicates use the fallback measure
            cursor.execute("ROLLBACK TO SAVEPOINT trgm")
            return
        cursor.execute("RELEASE SAVEPOINT trgm")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {FTS_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("reviews", "0002_triage")]

    operations = [
        migrations.RunPython(backfill_submitted_at, migrations.RunPython.noop),
        migrations.RunPython(add_indexes, drop_indexes),
    ]
