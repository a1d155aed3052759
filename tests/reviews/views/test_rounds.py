import datetime

import pytest
from django.utils import timezone

from reviews.models import DeadlineExtension, ReviewRound
from tests.factories import VersionFactory

pytestmark = pytest.mark.django_db


def form_data(version, **extra):
    return {
        "title_en": "Second consultation",
        "title_fr": "Deuxième consultation",
        "versions": [version.pk],
        "opens_at": "2027-01-10T09:00",
        "closes_at": "2027-02-10T23:59",
        "audience_groups": ["champion", "reference_group"],
        "reminder_days": "7, 2",
        **extra,
    }


def test_moderator_creates_a_round(client, moderator, version):
    client.force_login(moderator)
    response = client.post("/en/rounds/new/", form_data(version))
    review_round = ReviewRound.objects.get()
    assert response["Location"] == f"/en/rounds/{review_round.pk}/"
    assert (review_round.title_fr, review_round.audience_groups, review_round.reminder_days) == (
        "Deuxième consultation",
        ["champion", "reference_group"],
        [7, 2],
    )
    assert review_round.closes_at.astimezone(datetime.UTC).isoformat() == "2027-02-10T22:59:00+00:00"  # Geneva → UTC


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"closes_at": "2027-01-01T00:00"}, "The round must close after it opens."),
        ({"reminder_days": "seven"}, "Write whole numbers of days"),
    ],
)
def test_bad_round_input_keeps_what_was_typed(client, moderator, version, change, message):
    client.force_login(moderator)
    response = client.post("/en/rounds/new/", form_data(version, **change))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="Deuxième consultation"' in html
    assert ReviewRound.objects.count() == 0


def test_a_draft_version_cannot_be_reviewed(client, moderator):
    client.force_login(moderator)
    draft = VersionFactory(status="draft")
    response = client.post("/en/rounds/new/", form_data(draft))
    assert response.status_code == 200
    assert ReviewRound.objects.count() == 0


@pytest.mark.parametrize("who", ["reviewer_a", "drafter"])
def test_only_moderators_manage_rounds(client, request, version, who):
    client.force_login(request.getfixturevalue(who))
    assert client.post("/en/rounds/new/", form_data(version)).status_code == 403


def test_close_and_accept_a_late_submission(client, moderator, review_round, states):
    client.force_login(moderator)
    client.post(f"/en/rounds/{review_round.pk}/close/")
    review_round.refresh_from_db()
    assert review_round.status == "closed"
    until = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/en/rounds/{review_round.pk}/late/",
        {"delegation": f"s{states['MA'].pk}", "until": until, "reason": "Capital delayed"},
    )
    assert response.status_code == 302
    extension = DeadlineExtension.objects.get()
    assert (extension.member_state, extension.granted_by, extension.reason) == (
        states["MA"],
        moderator,
        "Capital delayed",
    )


def test_a_round_can_be_previewed_before_it_opens(client, moderator, review_round, reviewer_a):
    review_round.opens_at = timezone.now() + datetime.timedelta(days=3)
    review_round.closes_at = timezone.now() + datetime.timedelta(days=30)
    review_round.save()
    client.force_login(moderator)
    page = client.get(f"/en/rounds/{review_round.pk}/booklet/").content.decode()
    assert "This round opens on" in page
