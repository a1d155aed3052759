"""Every time the working group reads says its zone, and the zone it says is the one it is in
(docs/reviews.md, "Times"): Geneva time, even for a moderator whose profile is in Tokyo."""

import datetime
import zoneinfo

import pytest

from reviews.models import ReviewRound
from tests.champions.views.test_invitations import invite

pytestmark = pytest.mark.django_db


def test_the_dashboard_deadline_is_in_geneva_time_whatever_the_profile(client, moderator, review_round):
    moderator.time_zone = "Asia/Tokyo"
    moderator.save()
    closes = datetime.datetime(2027, 1, 15, 17, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Zurich"))
    ReviewRound.objects.filter(pk=review_round.pk).update(closes_at=closes)
    client.force_login(moderator)
    page = client.get(f"/en/triage/?round={review_round.pk}").content.decode()
    assert "Deadline: Jan. 15, 2027, 5 p.m. (Geneva time)." in page  # not 1 a.m., Tokyo's hour


def test_invitations_say_their_zone(client, admin_user, states):
    invite(states, admin_user)
    client.force_login(admin_user)
    page = client.get("/en/invitations/").content.decode()
    assert "(Geneva time)" in page
