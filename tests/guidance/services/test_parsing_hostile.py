"""Hostile Word files against the guidance import: refused with their message, cheaply
(a peak under 32 MB of memory)."""

import pytest
from django.conf import settings

from guidance.services.parsing import parse_file
from tests.guidance import hostile_files as hostile
from tests.guidance.hostile_files import BOMB, CHEAP, ENTRIES, OLE_REFUSED, refusal

UNREADABLE = "The file is not a readable Word document (.docx)."
CASES = [
    (
        "many_paragraphs",
        hostile.many_paragraphs,
        "The document has more than 10,000 paragraphs, more than can be imported at once.",
    ),
    ("zip_bomb", hostile.zip_bomb, BOMB),
    ("many_entries", hostile.many_entries, ENTRIES),
    ("not_a_zip", lambda: hostile.NOT_A_ZIP, UNREADABLE),
    ("workbook", lambda: hostile.workbook_bytes([["a"]]), UNREADABLE),
    ("ole", lambda: hostile.OLE, OLE_REFUSED),
    ("oversize", lambda: hostile.oversize(settings.GUIDANCE_IMPORT_MAX_BYTES), "The file is larger than 20 MB."),
]


@pytest.mark.parametrize(("name", "build", "message"), CASES, ids=[case[0] for case in CASES])
def test_guidance_import_refuses_hostile_documents(name, build, message):
    content = build()
    messages, _code, peak = refusal(lambda: parse_file(name=f"{name}.docx", content=content))
    assert messages == [message]
    assert peak < CHEAP
