"""Align a French or Spanish file with the English text of a version, by meaning and not only by shape.

Sections are aligned by dynamic programming (the best order-keeping match, as ``diff`` does),
scored by level, the numbers in their headings, the kinds of their blocks and their length,
so a missing section is the one that is really missing, not the next one of the same level.
Blocks of each pair of sections are aligned the same way. Then every pair is checked:

- a typed heading number that is not the section's place (“3.2” where section 3.1 is) and
  numbers in the heading that differ (“Objective 5” against “Objetivo 6”);
- the kind of each block; the items of a list; the rows and columns of a table;
- the length of each block's text: a translation is rarely under half or over twice the English.

Every mismatch is reported at once, each with its place in the English text and in the other
file. See docs/guidance.md, "Translations".
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guidance.enums import BlockKind

LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s", re.MULTILINE)
TABLE_SEPARATOR = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+\s*$")
CELL_BORDER = re.compile(r"(?<!\\)\|")
MARKUP = re.compile(r"\[\^\d+\]|[\\*_`>#|]|\]\([^)]*\)|^\s*(?:[-*+]|\d+[.)])\s", re.MULTILINE)
DIGITS = re.compile(r"\d+")
HEADING_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s+")
MIN_RATIO, MAX_RATIO = 0.5, 2.0
RATIO_FROM_CHARACTERS = 30  # shorter texts (a table's "Step"/"Étape") vary too much to judge


def plain_length(text: str) -> int:
    return len(" ".join(MARKUP.sub(" ", text or "").split()))


def list_items(text: str) -> int:
    return len(LIST_ITEM.findall(text))


def table_shape(text: str) -> tuple[int, int]:
    """(rows, columns) of a Markdown table, the header row included."""
    rows = [line for line in text.splitlines() if line.strip().startswith("|") and not TABLE_SEPARATOR.match(line)]
    columns = len(CELL_BORDER.split(rows[0].strip())) - 2 if rows else 0
    return len(rows), columns


def own_number(title: str) -> str:
    """The number a heading starts with ("2.3" of "2.3 Scope", "4" of "4. Data"), or ""."""
    match = HEADING_NUMBER.match(title)
    return match.group(1) if match else ""


def heading_digits(title: str) -> list[str]:
    return DIGITS.findall(title)


def words(text: str, count: int = 6) -> str:
    plain = " ".join(MARKUP.sub(" ", text or "").split())
    parts = plain.split()
    return " ".join(parts[:count]) + ("…" if len(parts) > count else "")


def align(
    a: Sequence, b: Sequence, similarity: Callable[[object, object], float | None]
) -> list[tuple[int | None, int | None]]:
    """The order-keeping pairing of ``a`` and ``b`` with the greatest total similarity.

    ``similarity`` is positive for items that may be paired, None for items that may not.
    Returns (index in a, index in b) pairs; an unpaired item has None on the other side.
    """
    n, m = len(a), len(b)
    scores = [[0.0] * (m + 1) for _ in range(n + 1)]
    memo: dict[tuple[int, int], float | None] = {}
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best = max(scores[i - 1][j], scores[i][j - 1])
            value = memo[(i - 1, j - 1)] = similarity(a[i - 1], b[j - 1])
            if value is not None:
                best = max(best, scores[i - 1][j - 1] + value)
            scores[i][j] = best
    pairs: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i or j:
        value = memo.get((i - 1, j - 1)) if i and j else None
        if i and j and value is not None and abs(scores[i][j] - (scores[i - 1][j - 1] + value)) < 1e-9:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif i and (not j or scores[i][j] == scores[i - 1][j]):
            pairs.append((i - 1, None))
            i -= 1
        else:
            pairs.append((None, j - 1))
            j -= 1
    return pairs[::-1]


@dataclass
class Side:
    """A section as the alignment sees it, in English (from the database) or in the other file."""

    number: str
    title: str  # without the section's own typed number
    depth: int
    opening: bool
    typed_number: str
    blocks: list[tuple[str, str]]  # (kind, text)
    length: int = field(init=False)
    kinds: tuple[str, ...] = field(init=False)
    digits: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        # Computed once: the alignment compares every section with every other.
        self.length = sum(plain_length(text) for _kind, text in self.blocks)
        self.kinds = tuple(str(kind) for kind, _text in self.blocks)
        self.digits = tuple(heading_digits(self.title))


def _length_similarity(one: int, other: int) -> float:
    if not one and not other:
        return 1.0
    return min(one, other) / max(one, other)


def _section_similarity(english: Side, other: Side) -> float | None:
    if english.depth != other.depth or english.opening != other.opening:
        return None
    score = 1.0 + _length_similarity(english.length, other.length)
    score += _kinds_similarity(english.kinds, other.kinds)
    if english.digits and other.digits:
        score += 1.0 if english.digits == other.digits else -0.9
    return score


@lru_cache(maxsize=4096)
def _kinds_similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if not a and not b:
        return 1.0
    same = sum(1 for i, j in align(a, b, lambda x, y: 1.0 if x == y else None) if i is not None and j is not None)
    return 2 * same / (len(a) + len(b))


def _block_similarity(english: tuple[str, str], other: tuple[str, str]) -> float:
    kind_score = 1.0 if english[0] == other[0] else 0.2
    return kind_score + _length_similarity(plain_length(english[1]), plain_length(other[1]))


def _kind_label(kind: str) -> str:
    return str(BlockKind(kind).label).lower()


def _ratio(value: float) -> str:
    return number_format(round(value, 1), decimal_pos=1)


def alignment_problems(
    *, english: list[Side], other: list[Side], language_name: str
) -> tuple[list[str], list[tuple[int, int, list[tuple[int, int]]]]]:
    """(problems, plan): every mismatch, and the pairs (english section, other section, block pairs)."""
    problems: list[str] = []
    plan: list[tuple[int, int, list[tuple[int, int]]]] = []
    section_pairs = align(english, other, _section_similarity)
    previous_other: Side | None = None
    previous_english: Side | None = None
    for i, j in section_pairs:
        if j is None:
            section = english[i]
            params = {"language": language_name, "number": section.number, "title": section.title}
            if section.opening:
                problems.append(
                    _(
                        "The English text opens with “%(title)s” before its first heading; the %(language)s file "
                        "has no text before its first heading."
                    )
                    % params
                )
            elif previous_other is None:
                problems.append(
                    _(
                        "Section %(number)s “%(title)s” has no matching heading in the %(language)s file "
                        "(it would come first there)."
                    )
                    % params
                )
            else:
                problems.append(
                    _(
                        "Section %(number)s “%(title)s” has no matching heading in the %(language)s file "
                        "(it would come after its heading %(other_number)s “%(other_title)s”)."
                    )
                    % {**params, "other_number": previous_other.number, "other_title": previous_other.title}
                )
            previous_english = section
            continue
        if i is None and other[j].opening:
            problems.append(
                _(
                    "The %(language)s file has text before its first heading (“%(words)s”) that the English "
                    "text has not."
                )
                % {
                    "language": language_name,
                    "words": words(other[j].blocks[0][1]) if other[j].blocks else other[j].title,
                }
            )
            previous_other = other[j]
            continue
        if i is None:
            node = other[j]
            problems.append(
                _("The %(language)s file has an extra heading %(number)s “%(title)s” (after section %(after)s).")
                % {
                    "language": language_name,
                    "number": node.number or "—",
                    "title": node.title,
                    "after": (previous_english.number or previous_english.title) if previous_english else "—",
                }
            )
            previous_other = node
            continue
        section, node = english[i], other[j]
        previous_english, previous_other = section, node
        problems += _section_problems(section, node, language_name)
        block_pairs, block_problems = _block_problems(section, node, language_name)
        problems += block_problems
        plan.append((i, j, block_pairs))
    return problems, plan


def _section_problems(section: Side, node: Side, language_name: str) -> list[str]:
    problems = []
    params = {
        "language": language_name,
        "number": section.number,
        "title": section.title,
        "other_number": node.number,
        "other_title": node.title,
    }
    # A number typed in the heading must be the English section's (the other file's own numbering
    # shifts after a missing section); "2030 Agenda" in both languages is part of the title.
    typed = node.typed_number
    other_title = node.title
    if typed and typed == section.number and own_number(other_title) == typed:
        other_title = HEADING_NUMBER.sub("", other_title, count=1)
    if typed and typed != section.number and own_number(section.title) != typed:
        problems.append(
            _(
                "Section %(number)s “%(title)s”: in its place the %(language)s file has the heading "
                "“%(other_title)s”, numbered %(typed)s (is the order of its sections changed?)."
            )
            % {**params, "typed": node.typed_number}
        )
    elif heading_digits(section.title) != heading_digits(other_title):
        problems.append(
            _(
                "Section %(number)s “%(title)s”: its heading in the %(language)s file, %(other_number)s "
                "“%(other_title)s”, has other numbers (%(english)s in English, %(other)s there)."
            )
            % {
                **params,
                "english": ", ".join(heading_digits(section.title)) or _("none"),
                "other": ", ".join(heading_digits(other_title)) or _("none"),
            }
        )
    return problems


def _block_problems(section: Side, node: Side, language_name: str) -> tuple[list[tuple[int, int]], list[str]]:
    problems: list[str] = []
    pairs: list[tuple[int, int]] = []
    last_english = 0
    where = {
        "language": language_name,
        "number": section.number or "—",
        "title": section.title,
        "other_number": node.number or "—",
    }
    for i, j in align(section.blocks, node.blocks, _block_similarity):
        if j is None:
            kind, text = section.blocks[i]
            problems.append(
                _(
                    "Section %(number)s “%(title)s”, paragraph %(position)d (%(kind)s “%(words)s”) has no match "
                    "in the %(language)s file (its section %(other_number)s)."
                )
                % {**where, "position": i + 1, "kind": _kind_label(kind), "words": words(text)}
            )
            last_english = i + 1
            continue
        if i is None:
            kind, text = node.blocks[j]
            problems.append(
                _(
                    "Section %(number)s “%(title)s”: the %(language)s file has an extra %(kind)s “%(words)s” "
                    "(paragraph %(other_position)d of its section %(other_number)s, after paragraph %(after)d "
                    "of the English)."
                )
                % {
                    **where,
                    "kind": _kind_label(kind),
                    "words": words(text),
                    "other_position": j + 1,
                    "after": last_english,
                }
            )
            continue
        last_english = i + 1
        pairs.append((i, j))
        problems += _pair_problems(
            section.blocks[i], node.blocks[j], {**where, "position": i + 1, "other_position": j + 1}
        )
    return pairs, problems


def _pair_problems(english: tuple[str, str], other: tuple[str, str], where: dict) -> list[str]:
    (kind, text), (other_kind, other_text) = english, other
    if kind != other_kind:
        return [
            _(
                "Section %(number)s “%(title)s”, paragraph %(position)d: %(english)s in English but %(other)s "
                "in the %(language)s file (paragraph %(other_position)d of its section %(other_number)s)."
            )
            % {**where, "english": _kind_label(kind), "other": _kind_label(other_kind)}
        ]
    problems = []
    if kind in {BlockKind.LIST, BlockKind.ORDERED_LIST}:
        count, other_count = list_items(text), list_items(other_text)
        if count != other_count:
            problems.append(
                ngettext(
                    "Section %(number)s “%(title)s”, paragraph %(position)d: the list has %(english)d item in "
                    "English but %(other)d in the %(language)s file (paragraph %(other_position)d of its "
                    "section %(other_number)s).",
                    "Section %(number)s “%(title)s”, paragraph %(position)d: the list has %(english)d items in "
                    "English but %(other)d in the %(language)s file (paragraph %(other_position)d of its "
                    "section %(other_number)s).",
                    count,
                )
                % {**where, "english": count, "other": other_count}
            )
    if kind == BlockKind.TABLE:
        (rows, columns), (other_rows, other_columns) = table_shape(text), table_shape(other_text)
        if rows != other_rows:
            problems.append(
                ngettext(
                    "Section %(number)s “%(title)s”, paragraph %(position)d: the table has %(english)d row in "
                    "English but %(other)d in the %(language)s file (paragraph %(other_position)d of its "
                    "section %(other_number)s).",
                    "Section %(number)s “%(title)s”, paragraph %(position)d: the table has %(english)d rows in "
                    "English but %(other)d in the %(language)s file (paragraph %(other_position)d of its "
                    "section %(other_number)s).",
                    rows,
                )
                % {**where, "english": rows, "other": other_rows}
            )
        if columns != other_columns:
            problems.append(
                ngettext(
                    "Section %(number)s “%(title)s”, paragraph %(position)d: the table has %(english)d column in "
                    "English but %(other)d in the %(language)s file (paragraph %(other_position)d of its "
                    "section %(other_number)s).",
                    "Section %(number)s “%(title)s”, paragraph %(position)d: the table has %(english)d columns in "
                    "English but %(other)d in the %(language)s file (paragraph %(other_position)d of its "
                    "section %(other_number)s).",
                    columns,
                )
                % {**where, "english": columns, "other": other_columns}
            )
    length, other_length = plain_length(text), plain_length(other_text)
    if max(length, other_length) >= RATIO_FROM_CHARACTERS and length:
        ratio = other_length / length
        if ratio < MIN_RATIO or ratio > MAX_RATIO:
            problems.append(
                _(
                    "Section %(number)s “%(title)s”, paragraph %(position)d: the %(language)s text (paragraph "
                    "%(other_position)d of its section %(other_number)s) is %(ratio)s times as long as the English; "
                    "is it the same paragraph?"
                )
                % {**where, "ratio": _ratio(ratio)}
            )
    return problems
