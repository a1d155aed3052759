"""PostgreSQL: accent- and case-insensitive search (the unaccent extension, a text search configuration).

``guidance_search`` is ``simple`` with the ``unaccent`` dictionary in front of it for words with
letters outside ASCII, so "autorites", "AUTORITÉS" and "autorités" are one word. The full-text
index of 0003 is rebuilt on that configuration, from the expression the triage search uses
(``reviews.search.search_vector``). Why ``simple`` and not each language's stemmer: see
docs/reviews.md, "Searching comments". Nothing to do on SQLite (reviews/search.py).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import UnaccentExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = "comment_fts_idx"
FIELDS = ("body", "proposed_change", "quote")


def _index(config: str) -> GinIndex:
    return GinIndex(SearchVector(*FIELDS, config=config), name=INDEX)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Comment = apps.get_model("reviews", "Comment")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = 'guidance_search'")
        if cursor.fetchone() is None:
            cursor.execute("CREATE TEXT SEARCH CONFIGURATION guidance_search (COPY = simple)")
        cursor.execute(
            "ALTER TEXT SEARCH CONFIGURATION guidance_search ALTER MAPPING FOR hword, hword_part, word "
            "WITH unaccent, simple"
        )
        cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.add_index(Comment, _index("guidance_search"))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Comment = apps.get_model("reviews", "Comment")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.add_index(Comment, _index("simple"))
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS guidance_search")


class Migration(migrations.Migration):
    dependencies = [("reviews", "0007_submission_confirmed_drafts")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(forwards, backwards),
    ]
