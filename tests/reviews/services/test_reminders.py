import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from reviews.services.reminders import reminders_send
from tests.reviews.conftest import draft

pytestmark = pytest.mark.django_db


def test_reminders_go_once_to_delegations_with_drafts_or_nothing(
    review_round, section, reviewer_a, reviewer_b, colleague_a, states
):
    review_round.reminder_days = [7, 2]
    review_round.closes_at = timezone.now() + datetime.timedelta(days=6, hours=1)
    review_round.save()
    draft(review_round, section, reviewer_a, states["MA"], kind="general", body="Draft")

    assert reminders_send() == 3  # Morocco: two members (a draft); Mexico: one member (no comment)
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org", "colleague@example.org"]
    by_person = {m.to[0]: m for m in mail.outbox}
    assert "Rappel" in by_person["a@example.org"].subject
    assert "Recordatorio" in by_person["b@example.org"].subject
    assert "1 projet de commentaire" in by_person["a@example.org"].body

    call_command("send_reminders")  # the scheduler runs again the same day
    assert len(mail.outbox) == 3


def test_no_reminder_before_its_day_or_after_everything_is_submitted(review_round, section, reviewer_a, states):
    review_round.reminder_days = [2]
    review_round.save()  # closes in 10 days
    assert reminders_send() == 0
    assert mail.outbox == []
