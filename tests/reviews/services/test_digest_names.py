"""The working group's digest names delegations as the UN does and lists them in the reader's order."""

import pytest
from django.core import mail

from reviews.services.digest import triage_digest_send
from tests.factories import MemberStateFactory
from tests.reviews.conftest import submitted

pytestmark = pytest.mark.django_db


def test_the_digest_names_and_orders_delegations_in_the_readers_language(review_round, section, moderator):
    moderator.preferred_language = "fr"
    moderator.save()
    for code in ("DE", "RU", "ZA", "EG"):
        state = MemberStateFactory(country=code, iso3=code + "X", name_en=code)
        submitted(review_round, section, state, moderator)
    mail.outbox.clear()
    assert triage_digest_send() == 1
    (message,) = mail.outbox
    lines = [line[2:].split(" — ")[0] for line in message.body.splitlines() if line.startswith("- ")]
    assert lines == ["Afrique du Sud", "Allemagne", "Égypte", "Fédération de Russie"]
