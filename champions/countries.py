"""The UN's official short names of the 193 Member States, in English, French and Spanish.

One source: ``champions/data/un_member_states.csv`` (UNTERM and the UN Statistics Division's
M49 list), read once. django-countries keeps the ISO code in the database and its
``Country`` objects; ``UNCountries`` makes every ``country.name`` the UN's name in the active
language (CLDR's names — "Birmanie", "Russie" — are never shown). Lists are sorted by the
name in the reader's language with ``collation_key`` (accents and case are secondary, as in
a dictionary), in Python or in the database through ``name_order`` (see docs/design.md).
"""

import csv
import unicodedata
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Concat, StrIndex
from django.utils.functional import lazy
from django.utils.translation import get_language
from django_countries import Countries

DATA = Path(__file__).resolve().parent / "data" / "un_member_states.csv"
LANGUAGES = ("en", "fr", "es")


@cache
def un_names() -> dict[str, dict[str, str]]:
    """ISO alpha-2 code → {"en": …, "fr": …, "es": …, "alpha3": …}, in the file's order."""
    with DATA.open(encoding="utf-8", newline="") as handle:
        return {
            row["alpha2"]: {"alpha3": row["alpha3"], **{lang: row[f"name_{lang}"] for lang in LANGUAGES}}
            for row in csv.DictReader(handle)
        }


def reader_language(language: str | None = None) -> str:
    """en, fr or es: the given or active language, English for anything else."""
    base = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
    return base if base in LANGUAGES else "en"


def country_name(code: str, language: str | None = None) -> str:
    """The UN's short name of a Member State in ``language`` (default: the active one); "" if unknown."""
    names = un_names().get((code or "").upper())
    return names[reader_language(language)] if names else ""


def collation_key(text: str) -> tuple[str, str]:
    """Sort key of a name: letters without accents and case first (É with E, "Afrique du Sud" after
    "Afghanistan"), the exact text to break ties. Apostrophes and hyphens count as spaces."""
    folded = unicodedata.normalize("NFKD", text.replace("’", " ").replace("'", " ").replace("-", " "))
    base = "".join(char for char in folded if not unicodedata.combining(char)).casefold()
    return (" ".join(base.split()), text)


@cache
def _ranks(language: str) -> dict[str, int]:
    ordered = sorted(un_names(), key=lambda code: collation_key(un_names()[code][language]))
    return {code: rank for rank, code in enumerate(ordered)}


def codes_by_name(language: str | None = None) -> list[str]:
    """The 193 codes in the order of their names in ``language``."""
    ranks = _ranks(reader_language(language))
    return sorted(ranks, key=ranks.__getitem__)


def name_order(field: str = "country", language: str | None = None) -> StrIndex:
    """An ``order_by`` expression: rows by the UN name of the country in ``field``, in the reader's language.

    The position of ``,<code>,`` in the codes written in name order (``codes_by_name``): one
    ``INSTR``/``STRPOS`` that SQLite and PostgreSQL both have, so they agree with Python and
    paginated lists stay stable. (A ``CASE`` of 193 branches did the same, but compiling it
    cost some 15 ms on every query.)"""
    return StrIndex(Value(_ordered_codes(reader_language(language))), Concat(Value(","), F(field), Value(",")))


@cache
def _ordered_codes(language: str) -> str:
    return "," + ",".join(codes_by_name(language)) + ","


def sorted_by_name(items, name=lambda item: item.name) -> list:
    """Items (Member States by default) sorted by their name as shown in the active language."""
    return sorted(items, key=lambda item: collation_key(str(name(item))))


def codes_matching(query: str) -> list[str]:
    """Codes whose name in any of the three languages contains ``query`` (accent- and case-insensitive)."""
    needle = collation_key(query)[0]
    if not needle:
        return []
    return [
        code
        for code, names in un_names().items()
        if any(needle in collation_key(names[lang])[0] for lang in LANGUAGES) or needle == code.casefold()
    ]


_lazy_name = lazy(country_name, str)


class UNCountries(Countries):
    """django-countries limited to the Member States, named as the UN names them in the active language."""

    @property
    def only(self):
        return [(code, _lazy_name(code)) for code in un_names()]
