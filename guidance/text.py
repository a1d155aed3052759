"""Free text as the product stores and writes it: line breaks kept, control characters dropped, NFC.

Text pasted from Word or typed into a spreadsheet carries characters that no file format
can hold: Word's manual line break is a vertical tab (U+000B), its page break a form feed
(U+000C), and a cell may hold NUL or other C0/C1 controls. XML (so Word and Excel files)
refuses them, and a lone surrogate cannot even be encoded as UTF-8.

``clean_text`` is applied where free text comes in (forms, the offline template, the
matrix upload) and again where it goes out (every export), so text stored before this
existed is written safely too. It is idempotent: ``clean_text(clean_text(t)) == clean_text(t)``.

- line breaks stay line breaks: ``\\r\\n``, ``\\r``, VT, FF, NEL (U+0085), LINE SEPARATOR
  (U+2028) and PARAGRAPH SEPARATOR (U+2029) each become ``\\n``;
- the tab stays;
- every other C0 control, DEL, the C1 controls, lone surrogates and the Unicode
  noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and each plane's last two) are dropped;
- the result is in Unicode normal form C (NFC): "é" typed as e + combining accent is "é".

Bidirectional marks and zero-width joiners are kept: they are part of Arabic, Persian or
Indic text and XML accepts them.
"""

import re
import unicodedata

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_DROPPED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
# Either of the above, in one character class (fast: most texts have none and are returned after one scan).
_SPECIAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# The last two code points of planes 1 to 16 (a class of astral characters is slow: only used when needed).
_ASTRAL_NONCHARACTERS = re.compile(
    "[" + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)) + "]"
)


def clean_text(value: str | None) -> str:
    """The text with line breaks as ``\\n``, without characters no document can hold, in NFC (see module)."""
    if not value:
        return ""
    text = value if type(value) is str else str(value)
    if _SPECIAL.search(text) is not None:
        text = _DROPPED.sub("", _LINE_BREAKS.sub("\n", text))
    if text.isascii():
        return text
    if _ASTRAL.search(text) is not None:
        text = _ASTRAL_NONCHARACTERS.sub("", text)
    # Nothing illegal is left for NFC to compose with; normalising twice is a no-op.
    return unicodedata.normalize("NFC", text)


def clean_optional(value):
    """``clean_text`` for strings, anything else unchanged (cells of a spreadsheet row)."""
    return clean_text(value) if isinstance(value, str) else value
