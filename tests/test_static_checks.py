"""No escape from Django's protections in our code without a written reason.

Fails on ``mark_safe``, ``SafeString(…)``, ``csrf_exempt``, the ``|safe``/``|safeseq`` filters and
``{% autoescape off %}`` in our apps, settings and templates, unless the line carries an allow
comment with a reason: ``# noqa: S308 - <reason>`` (the comment ruff already asks for on
``mark_safe``) or ``# allow-unsafe: <reason>`` / ``{# allow-unsafe: <reason> #}``. Data from users
is never marked safe unless it was escaped or sanitised (nh3) just before (docs/security.md).

``.txt`` templates are not scanned: they are plain-text email subjects and bodies, rendered with
``{% autoescape off %}`` on purpose (escaping would show ``&amp;`` to the reader). That holds
only while no mail goes out as HTML, so sending HTML mail counts as an escape here too.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUR_CODE = ["accounts", "champions", "guidance", "reviews", "config", "templates"]

PYTHON_PATTERNS = [
    re.compile(r"\bmark_safe\s*\("),
    re.compile(r"\bmark_safe\s+as\b"),  # an alias would hide every later call
    re.compile(r"\bSafeString\s*\("),
    re.compile(r"\bcsrf_exempt\b"),
    re.compile(r"\b(html_message|attach_alternative|content_subtype)\b"),  # HTML mail: see above
]
TEMPLATE_PATTERNS = [
    re.compile(r"\|\s*safe(seq)?\b"),
    re.compile(r"{%\s*autoescape\s+off\b"),
    re.compile(r"{%\s*filter\s[^%]*\bsafe\b"),
]
ALLOW = re.compile(r"(?:noqa:\s*S308\s+[-—]|allow-unsafe:)\s*(?P<reason>[^#}]*)")
MIN_REASON = 10  # characters: a reason, not a token


def _files():
    for top in OUR_CODE:
        for path in sorted((ROOT / top).rglob("*")):
            if not path.is_file() or "migrations" in path.parts or "__pycache__" in path.parts:
                continue
            if path.suffix == ".py":
                yield path, PYTHON_PATTERNS
            elif path.suffix in {".html", ".xml"}:
                yield path, TEMPLATE_PATTERNS


def unexplained(line: str, patterns) -> bool:
    """Whether ``line`` uses a pattern without an allow comment that gives a reason."""
    stripped = line.lstrip()
    if stripped.startswith(("from ", "import ")) and "mark_safe as" not in stripped:
        return False  # an import alone does nothing; its uses are checked
    if not any(p.search(line) for p in patterns):
        return False
    allow = ALLOW.search(line)
    return allow is None or len(allow.group("reason").strip()) < MIN_REASON


def test_no_unexplained_escape_from_autoescaping_or_csrf():
    files = list(_files())
    assert len(files) > 50, "the scan found too few files: is OUR_CODE right?"
    found = []
    for path, patterns in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if unexplained(line, patterns):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "Add an allow comment with a reason, or escape/sanitise instead:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("line", "patterns"),
    [
        ("    return mark_safe(text)", PYTHON_PATTERNS),
        ("    return mark_safe(text)  # noqa: S308", PYTHON_PATTERNS),
        ("    return mark_safe(text)  # noqa: S308 - ok", PYTHON_PATTERNS),
        ("from django.utils.safestring import mark_safe as ms", PYTHON_PATTERNS),
        ("    return SafeString(text)", PYTHON_PATTERNS),
        ("@csrf_exempt", PYTHON_PATTERNS),
        ("    csrf_exempt = True", PYTHON_PATTERNS),
        ("    message.attach_alternative(html, 'text/html')", PYTHON_PATTERNS),
        ("    send_mail(subject, body, sender, [to], html_message=html)", PYTHON_PATTERNS),
        ("<p>{{ comment.text|safe }}</p>", TEMPLATE_PATTERNS),
        ("<p>{{ items | safeseq }}</p>", TEMPLATE_PATTERNS),
        ("{% autoescape off %}", TEMPLATE_PATTERNS),
        ("{% filter safe %}", TEMPLATE_PATTERNS),
        ("{{ x|safe }} {# allow-unsafe: #}", TEMPLATE_PATTERNS),
    ],
)
def test_the_check_catches(line, patterns):
    assert unexplained(line, patterns)


@pytest.mark.parametrize(
    ("line", "patterns"),
    [
        ("    return mark_safe(html)  # noqa: S308 - sanitised by nh3 just above", PYTHON_PATTERNS),
        ("@csrf_exempt  # allow-unsafe: a webhook signed with an HMAC, checked first", PYTHON_PATTERNS),
        ("{{ html|safe }} {# allow-unsafe: rendered by render_markdown (nh3) #}", TEMPLATE_PATTERNS),
        ("from django.utils.safestring import SafeString, mark_safe", PYTHON_PATTERNS),
        ("def f() -> SafeString:", PYTHON_PATTERNS),
        ("{{ value|safe_join }}", TEMPLATE_PATTERNS),
        ("{{ value|escape }}", TEMPLATE_PATTERNS),
    ],
)
def test_the_check_allows(line, patterns):
    assert not unexplained(line, patterns)
