"""Regression tests of the smaller findings of the security review (issue 9, finding 5)."""

import pytest

from reviews.models import Comment
from tests.reviews.conftest import draft

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("next_url", ["https://evil.example/phish", "//evil.example/", "https:evil.example"])
def test_a_redirect_after_post_never_leaves_the_site(client, review_round, section, reviewer_a, states, next_url):
    mine = draft(review_round, section, reviewer_a, states["MA"])
    client.force_login(reviewer_a)
    response = client.post(f"/en/comments/{mine.pk}/discard/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == f"/en/rounds/{review_round.pk}/{section.version.document.slug}/{section.anchor}/"


def test_a_redirect_after_post_follows_a_local_next(client, review_round, section, reviewer_a, states):
    mine = draft(review_round, section, reviewer_a, states["MA"])
    client.force_login(reviewer_a)
    response = client.post(f"/en/comments/{mine.pk}/discard/", {"next": "/en/my-review/"})
    assert response["Location"] == "/en/my-review/"


def test_invitation_actions_never_redirect_off_site(client, admin_user, states):
    from champions.services.invitations import invitation_create

    invitation = invitation_create(
        email="fp@example.org",
        member_state=states["KE"],
        role="focal_point",
        language="fr",
        invited_by=admin_user,
        send=False,
    )
    client.force_login(admin_user)
    response = client.post(f"/en/invitations/{invitation.pk}/revoke/", {"next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/invitations/"


def test_a_draft_merged_into_itself_is_kept(client, review_round, section, reviewer_a, states):
    mine = draft(review_round, section, reviewer_a, states["MA"], body="Keep me")
    client.force_login(reviewer_a)
    client.post(f"/en/comments/{mine.pk}/merge/", {"other": mine.pk})
    assert Comment.objects.get(pk=mine.pk).body == "Keep me"


@pytest.mark.parametrize("other", ["abc", "", "1; DROP TABLE", "-1", "１"])
def test_a_malformed_merge_id_is_a_404_not_a_500(client, review_round, section, reviewer_a, states, other):
    mine = draft(review_round, section, reviewer_a, states["MA"])
    client.force_login(reviewer_a)
    assert client.post(f"/en/comments/{mine.pk}/merge/", {"other": other}).status_code == 404
    assert Comment.objects.filter(pk=mine.pk).exists()


def test_merging_another_delegations_draft_is_a_404(client, review_round, section, reviewer_a, reviewer_b, states):
    mine = draft(review_round, section, reviewer_a, states["MA"])
    theirs = draft(review_round, section, reviewer_b, states["MX"], body="Mexico's")
    client.force_login(reviewer_a)
    assert client.post(f"/en/comments/{mine.pk}/merge/", {"other": theirs.pk}).status_code == 404
    assert Comment.objects.get(pk=theirs.pk).body == "Mexico's"


def test_another_delegations_comment_answers_as_if_it_did_not_exist(
    client, review_round, section, reviewer_a, reviewer_b, states
):
    theirs = draft(review_round, section, reviewer_b, states["MX"])
    client.force_login(reviewer_a)
    for url in (f"/en/comments/{theirs.pk}/", f"/en/comments/{theirs.pk}/edit/", "/en/comments/999999/"):
        assert client.get(url).status_code == 404
