"""Word import: today's readers measured on the test corpus (tests/guidance/word_corpus.py).

    .venv/bin/python bench/word_import.py

For each reader and each document of the corpus: the share of the words that must survive
found in the output (and of the deleted words wrongly kept), whether the headings come out
as the expected section tree (levels and titles, in order), the block kinds the case needs,
and the median time of five reads. Readers:

- ``legacy``: the hand-written python-docx reader of before issue 11 (bench/legacy_docx.py);
- ``mammoth``: mammoth 1.13 to HTML (its default style map; headings from h1–h6);
- ``pandoc``: pandoc 3 (pypandoc-binary) to GitHub Markdown, with tracked changes accepted;
- ``import``: the import as shipped (guidance.services.parsing.parse_file: the safe reader,
  the package rewrite, pandoc's JSON tree and our blocks).

Prints one line per reader and document, and a total per reader. Measures, never asserts;
the choice it led to is in docs/guidance.md, "Word import: the reader".
"""

import os
import re
import statistics
import sys
import time
from html import unescape
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.core.exceptions import ValidationError  # noqa: E402

from bench import legacy_docx  # noqa: E402
from tests.guidance.word_corpus import CASES, STRICT  # noqa: E402

RUNS = 5


def normalise(text: str) -> str:
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"[*`|#>]", " ", text)
    return " ".join(text.split())


def legacy(content: bytes):
    sections = legacy_docx.parse(content)
    text = "\n".join([title for _l, title, _b in sections] + [t for *_x, blocks in sections for _k, t in blocks])
    headings = [(level, title) for level, title, _b in sections if level]
    kinds = {kind for *_x, blocks in sections for kind, _t in blocks}
    return text, headings, kinds


def mammoth_reader(content: bytes):
    import mammoth

    html = mammoth.convert_to_html(BytesIO(content)).value
    headings = [
        (int(level), normalise(unescape(re.sub("<[^>]+>", "", title))))
        for level, title in re.findall(r"<h(\d)>(.*?)</h\d>", html)
    ]
    kinds = set()
    if "<ol>" in html:
        kinds.add("ordered_list")
    if "<ul>" in html:
        kinds.add("list")
    if "<table>" in html:
        kinds.add("table")
    if "<blockquote>" in html:
        kinds.add("quote")
    text = unescape(re.sub("<[^>]+>", " ", html)) + " " + " ".join(re.findall(r'href="([^"]+)"', html))
    return text, headings, kinds


def pandoc_reader(content: bytes):
    import tempfile

    import pypandoc

    with tempfile.NamedTemporaryFile(suffix=".docx") as handle:
        handle.write(content)
        handle.flush()
        markdown = pypandoc.convert_file(handle.name, "gfm", format="docx", extra_args=["--track-changes=accept"])
    headings = [(len(marks), normalise(title)) for marks, title in re.findall(r"^(#{1,6}) (.+)$", markdown, re.M)]
    kinds = set()
    if re.search(r"^\s*\d+[.)] ", markdown, re.M):
        kinds.add("ordered_list")
    if re.search(r"^\s*- ", markdown, re.M):
        kinds.add("list")
    if "<table>" in markdown or re.search(r"^\|", markdown, re.M):
        kinds.add("table")
    if re.search(r"^> ", markdown, re.M):
        kinds.add("quote")
    return unescape(re.sub("<[^>]+>", " ", markdown)), headings, kinds


def shipped(content: bytes):
    from guidance.services.parsing import parse_file

    sections = parse_file(name="corpus.docx", content=content)
    text = "\n".join([s.title for s in sections] + [b.text for s in sections for b in s.blocks] + sections.notices)
    headings = [(s.level, s.title) for s in sections]
    kinds = {str(b.kind) for s in sections for b in s.blocks}
    return text, headings, kinds


READERS = {"legacy": legacy, "mammoth": mammoth_reader, "pandoc": pandoc_reader, "import": shipped}


def measure(name: str, reader, case) -> dict:
    content = case.content()
    times = []
    try:
        for _ in range(RUNS):
            start = time.perf_counter()
            text, headings, kinds = reader(content)
            times.append(time.perf_counter() - start)
    except (ValidationError, Exception) as error:  # noqa: BLE001 - a reader's refusal is a result
        message = error.messages[0] if isinstance(error, ValidationError) else f"{type(error).__name__}: {error}"
        return {"refused": message[:70], "kept": 0, "words": len(case.words), "structure": False, "ms": 0}
    plain = normalise(text)
    kept = sum(1 for words in case.words if normalise(words) in plain)
    wrongly = sum(1 for words in case.absent if normalise(words) in plain)
    expected = [(level, title) for level, title in case.headings if level]
    got = [(level, normalise(title)) for level, title in headings if level]
    structure = got == expected and set(case.kinds) <= kinds
    if name == "import":  # the opening section (level 0) is part of the expected tree
        structure = structure and [h for h in headings if h[0] == 0] == [h for h in case.headings if h[0] == 0]
    return {
        "refused": "",
        "kept": kept - wrongly,
        "words": len(case.words),
        "structure": structure,
        "ms": statistics.median(times) * 1000,
    }


def main() -> None:
    totals = {}
    print(f"{'reader':8} {'document':22} {'words kept':>10} {'structure':>9} {'ms':>7}")
    for name, reader in READERS.items():
        kept = words = structure = 0
        ms = []
        for case in [*CASES, STRICT]:
            result = measure(name, reader, case)
            kept += result["kept"]
            words += result["words"]
            structure += bool(result["structure"])
            ms.append(result["ms"])
            note = f"  refused: {result['refused']}" if result["refused"] else ""
            print(
                f"{name:8} {case.name:22} {result['kept']:>4}/{result['words']:<5} "
                f"{'yes' if result['structure'] else 'no':>9} {result['ms']:>7.1f}{note}"
            )
        totals[name] = (kept, words, structure, len(CASES) + 1, statistics.median(ms))
    print()
    for name, (kept, words, structure, cases, median) in totals.items():
        print(
            f"{name:8} words kept {kept}/{words} ({100 * kept / words:.0f} %), "
            f"structure {structure}/{cases}, median {median:.1f} ms"
        )


if __name__ == "__main__":
    main()
