"""Hostile workbooks against the bulk invitation upload: refused with their message, cheaply
(a peak under 32 MB of memory)."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from champions.models import Invitation
from champions.services.bulk import invitation_bulk_parse
from tests.guidance import hostile_files as hostile
from tests.guidance.hostile_files import CHEAP, refusal

pytestmark = pytest.mark.django_db

CASES = hostile.workbook_cases(
    max_rows=1000,
    max_bytes=settings.INVITATION_BULK_MAX_BYTES,
    unreadable="The file is not a readable Excel workbook (.xlsx).",
)


@pytest.mark.parametrize(("name", "build", "message"), CASES, ids=[case[0] for case in CASES])
def test_bulk_invitations_refuse_hostile_workbooks(states, name, build, message):
    content = build()
    messages, _code, peak = refusal(lambda: invitation_bulk_parse(name=f"{name}.xlsx", content=content))
    assert messages == [message]
    assert peak < CHEAP
    assert Invitation.objects.count() == 0


def test_bulk_invitations_read_a_workbook_up_to_the_limit(states, settings):
    settings.INVITATION_BULK_MAX_ROWS = 3
    header = [["email", "country", "role", "language"]]
    people = [[f"p{n}@example.org", "MA", "contributor", "fr"] for n in range(3)]
    rows, _notes = invitation_bulk_parse(name="people.xlsx", content=hostile.workbook_bytes(header + people))
    assert [row.email for row in rows] == ["p0@example.org", "p1@example.org", "p2@example.org"]
    too_many = hostile.workbook_bytes(header + people + [["p3@example.org", "MA", "contributor", "fr"]])
    with pytest.raises(ValidationError) as caught:
        invitation_bulk_parse(name="people.xlsx", content=too_many)
    assert caught.value.messages == ["The file has more than 3 rows; upload at most 3 rows at once."]
