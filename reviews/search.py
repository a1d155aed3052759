"""Text search of comments, accent- and case-insensitive in English, French and Spanish (docs/reviews.md).

PostgreSQL: full-text search with the ``guidance_search`` configuration (migration 0008), the
``simple`` one with ``unaccent`` in front of it — "autorites", "AUTORITÉS" and "autorités" are
one word, "migracion" finds "migración". The GIN index is built from ``search_vector()``.

SQLite (development and most tests): every word is looked for inside the folded text, with
``GUIDANCE_FOLD``, a function registered on each SQLite connection (``register_sqlite_functions``,
connected in ``ReviewsConfig.ready``) that does what ``fold`` does in Python.
"""

import unicodedata

from django.contrib.postgres.search import SearchVector
from django.db.models import Func, TextField

SEARCH_CONFIG = "guidance_search"  # created by reviews/migrations/0008_search_unaccent.py
SEARCHED_FIELDS = ("body", "proposed_change", "quote")

# Letters that are not a base letter with an accent, which unaccent still maps (as PostgreSQL does).
_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})


def fold(text: str | None) -> str | None:
    """``text`` without accents, in case-folded form: what the search compares."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().translate(_LETTERS)


class Fold(Func):
    """``fold`` in SQL, on SQLite only (PostgreSQL uses its text search configuration)."""

    function = "GUIDANCE_FOLD"
    output_field = TextField()


def search_vector() -> SearchVector:
    """The expression of the full-text index (migration 0008): keep the two identical."""
    return SearchVector(*SEARCHED_FIELDS, config=SEARCH_CONFIG)


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: gives every new SQLite connection ``GUIDANCE_FOLD``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("GUIDANCE_FOLD", 1, fold, deterministic=True)
