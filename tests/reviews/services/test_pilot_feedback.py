"""Pilot feedback becomes comments (source "pilot") in the right round, and counts as open until triaged."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from champions.models import ChampionRole
from champions.services.pilots import pilot_create
from reviews.models import Comment, ReviewRound
from reviews.services.pilot_feedback import pilot_feedback_add
from tests.factories import MembershipFactory, SectionFactory, UserFactory, VersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pilot(states, version, reviewer_a):
    ChampionRole.objects.create(member_state=states["MA"], kind="tester")
    return pilot_create(member_state=states["MA"], title="Labour mobility pilot", version=version, actor=reviewer_a)


def feedback(pilot, section, actor, **extra):
    values = {"what_worked": "The checklist.", "what_was_hard": "The data table.", "suggested_change": "Simplify it."}
    return pilot_feedback_add(pilot=pilot, section=section, language="fr", actor=actor, **{**values, **extra})


def test_feedback_becomes_a_submitted_comment_of_the_country(pilot, section, review_round, reviewer_a):
    comment = feedback(pilot, section, reviewer_a)
    comment = Comment.objects.select_related("pilot_feedback").get(pk=comment.pk)
    assert (comment.review_round, comment.section, comment.member_state, comment.source, comment.state) == (
        review_round,
        section,
        pilot.member_state,
        "pilot",
        "submitted",
    )
    with translation.override("fr"):  # the labels are in the language of the feedback
        labels = (gettext("What worked"), gettext("What was hard"))
    assert comment.body == f"{labels[0]}\u202f: The checklist.\n\n{labels[1]}\u202f: The data table."
    assert (comment.proposed_change, comment.language, comment.disposition) == ("Simplify it.", "fr", "pending")
    assert (comment.pilot_feedback.pilot, comment.pilot_feedback.section) == (pilot, section)


def test_feedback_on_draft_1_reaches_the_round_on_draft_2(pilot, section, review_round, reviewer_a, moderator, states):
    """The piloted version's round has closed; the open round reviews the next version (section found by anchor)."""
    review_round.opens_at = timezone.now() - datetime.timedelta(days=30)
    review_round.closes_at = timezone.now() - datetime.timedelta(days=20)
    review_round.save()
    draft_2 = VersionFactory(document=section.version.document, slug="draft-2", status="in_review")
    section_2 = SectionFactory(version=draft_2, anchor=section.anchor, number="1", order=1)
    second = ReviewRound.objects.create(
        title_en="Second consultation",
        opens_at=timezone.now() - datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=10),
        audience_groups=["champion"],
        created_by=moderator,
    )
    second.versions.add(draft_2)
    comment = feedback(pilot, section, reviewer_a)
    assert (comment.review_round, comment.section) == (second, section_2)


def test_the_working_group_names_the_round(pilot, section, review_round, reviewer_a, moderator):
    later = ReviewRound.objects.create(
        title_en="A later round",
        opens_at=timezone.now() - datetime.timedelta(hours=1),
        closes_at=timezone.now() + datetime.timedelta(days=3),
        audience_groups=["champion"],
        created_by=moderator,
    )
    later.versions.add(section.version)
    assert feedback(pilot, section, reviewer_a).review_round == later  # the most recently opened open round
    assert feedback(pilot, section, moderator, review_round=review_round).review_round == review_round


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("no round", "No review round has opened on “Booklet (English)” yet: the feedback has nowhere to go."),
        ("other version", "Choose a section of the version piloted."),
        ("empty", "Say what worked, what was hard or what should change (at least one)."),
    ],
)
def test_feedback_that_cannot_be_placed_is_refused(pilot, section, reviewer_a, case, message, request):
    target, extra = section, {}
    if case != "no round":
        request.getfixturevalue("review_round")
    if case == "other version":
        target = SectionFactory()
    if case == "empty":
        extra = {"what_worked": "", "what_was_hard": " ", "suggested_change": ""}
    with pytest.raises(ValidationError) as error:
        feedback(pilot, target, reviewer_a, **extra)
    assert error.value.messages == [message]
    assert Comment.objects.count() == 0


def test_the_focal_point_sends_feedback_from_the_page(client, pilot, section, review_round, reviewer_a):
    client.force_login(reviewer_a)
    url = reverse("reviews:pilot_feedback", args=[pilot.pk])
    page = client.get(url).content.decode()
    assert 'name="review_round"' not in page  # only the working group chooses the round
    response = client.post(url, {"section": section.pk, "what_was_hard": "Too long.", "suggested_change": "Shorten."})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.source, comment.proposed_change, comment.author) == ("pilot", "Shorten.", reviewer_a)


def test_feedback_from_another_country_is_a_404(client, pilot, section, review_round, states):
    other = UserFactory(email="focal.mx@example.org")
    MembershipFactory(user=other, member_state=states["MX"], role="focal_point")
    client.force_login(other)
    url = reverse("reviews:pilot_feedback", args=[pilot.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"section": section.pk, "what_worked": "x"}).status_code == 404
    assert Comment.objects.count() == 0


def test_open_feedback_is_counted_until_a_disposition(client, pilot, section, review_round, reviewer_a, moderator):
    comment = feedback(pilot, section, reviewer_a)
    client.force_login(moderator)
    page = client.get(reverse("champions:programme_country", args=["ma"])).content.decode()
    assert '<td class="num">1</td>' in page
    Comment.objects.filter(pk=comment.pk).update(disposition="accepted")
    page = client.get(reverse("champions:programme_country", args=["ma"])).content.decode()
    assert '<td class="num">0</td>' in page
