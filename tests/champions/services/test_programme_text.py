"""Text pasted from Word into the Champions programme is stored as every free text is
(guidance.text.clean_text): Word's line breaks kept as line breaks, control characters and NUL
dropped, NFC — in pilots, updates, status notes, activities, practices, messages and pilot feedback."""

import pytest

from champions.services.activities import activity_create
from champions.services.pilots import pilot_update, pilot_update_post
from champions.services.practices import practice_message_post
from tests.champions.services.test_programme import TODAY, new_practice

pytestmark = pytest.mark.django_db

PASTED = "First line\x0bsecond line\x00\x07 with e\u0301\r\nend"
CLEAN = "First line\nsecond line with é\nend"


def test_pilot_texts_are_stored_clean(pilot_ma, reviewer_a):
    pilot = pilot_update(pilot=pilot_ma, actor=reviewer_a, lock_version=pilot_ma.lock_version, summary=PASTED)
    update = pilot_update_post(pilot=pilot, body=PASTED, language="en", actor=reviewer_a)
    pilot.refresh_from_db()
    assert (pilot.summary, update.body) == (CLEAN, CLEAN)


def test_activity_practice_and_message_texts_are_stored_clean(programme, moderator, reviewer_a):
    programme["MA"].champion_roles.get_or_create(kind="promoter", defaults={"started_on": TODAY()})
    activity = activity_create(
        member_state=programme["MA"],
        kind="briefing",
        held_on=TODAY(),
        title="Briefing",
        description=PASTED,
        actor=moderator,
    )
    practice = new_practice(programme, reviewer_a, body_es=PASTED)
    message = practice_message_post(practice=practice, actor=reviewer_a, body=PASTED)
    assert (activity.description, practice.body_es, message.body) == (CLEAN, CLEAN, CLEAN)
