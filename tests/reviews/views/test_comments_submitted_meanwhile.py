"""An edit saved just after the submission keeps its text (issue 12, "Under load").

The colleague is told the comment was submitted meanwhile, sees what they typed, and saves
it as a new draft on the same paragraph and passage in one POST. The edit address also
answers a page the browser's autosave can restore the text into.
"""

import uuid

import pytest

from champions.models import Delegation
from reviews.models import Comment
from reviews.services.comments import comment_update
from reviews.services.submissions import submission_submit
from tests.reviews.conftest import close, draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(review_round, section, reviewer_a, states):
    return draft(review_round, section, reviewer_a, states["MA"], body="Original", block_key="para02", quote="Second")


def submit(review_round, reviewer_a, states):
    return submission_submit(
        review_round=review_round,
        delegation=Delegation(member_state=states["MA"]),
        actor=reviewer_a,
        token=uuid.uuid4(),
    )


def edit(client, comment, lock_version, **typed):
    data = {"kind": "editorial", "body": "Typed by the colleague", "proposed_change": "Say it better", "language": "es"}
    return client.post(f"/en/comments/{comment.pk}/edit/", {**data, "lock_version": lock_version, **typed})


def test_an_edit_posted_after_the_submission_shows_the_typed_text_not_a_403(
    client, review_round, comment, reviewer_a, colleague_a, states
):
    client.force_login(colleague_a)
    opened_at = comment.lock_version
    submission = submit(review_round, reviewer_a, states)
    response = edit(client, comment, opened_at)
    page = response.content.decode()
    assert response.status_code == 409
    assert "This comment was submitted meanwhile" in page
    assert f"(reference {submission.reference})" in page
    assert "\nTyped by the colleague</textarea>" in page
    assert "\nSay it better</textarea>" in page
    assert f'action="/en/comments/{comment.pk}/copy/"' in page
    comment.refresh_from_db()
    assert (comment.body, comment.state) == ("Original", "submitted")


def test_the_typed_text_is_saved_as_a_new_draft_on_the_same_target_in_one_post(
    client, review_round, comment, reviewer_a, colleague_a, states
):
    client.force_login(colleague_a)
    submit(review_round, reviewer_a, states)
    data = {"kind": "editorial", "body": "Typed by the colleague", "proposed_change": "Say it better", "language": "es"}
    response = client.post(f"/en/comments/{comment.pk}/copy/", data)
    copy = Comment.objects.exclude(pk=comment.pk).get()
    assert response["Location"] == f"/en/rounds/{review_round.pk}/booklet/objective-5/#comment-{copy.pk}"
    assert (copy.state, copy.author, copy.member_state, copy.block_key, copy.paragraph, copy.quote) == (
        "draft",
        colleague_a,
        states["MA"],
        "para02",
        2,
        "Second",
    )
    assert (copy.kind, copy.body, copy.proposed_change, copy.language) == tuple(data.values())
    comment.refresh_from_db()
    assert comment.body == "Original"


def test_an_empty_copy_comes_back_with_the_error_and_saves_nothing(
    client, review_round, comment, reviewer_a, colleague_a, states
):
    client.force_login(colleague_a)
    submit(review_round, reviewer_a, states)
    response = client.post(
        f"/en/comments/{comment.pk}/copy/", {"kind": "general", "body": "", "proposed_change": "Kept", "language": "en"}
    )
    assert response.status_code == 409
    assert "\nKept</textarea>" in response.content.decode()
    assert "This field is required." in response.content.decode()
    assert Comment.objects.count() == 1


def test_the_edit_address_of_a_submitted_comment_answers_a_page_autosave_can_fill(
    client, review_round, comment, reviewer_a, colleague_a, states
):
    client.force_login(colleague_a)
    submit(review_round, reviewer_a, states)
    response = client.get(f"/en/comments/{comment.pk}/edit/")
    page = response.content.decode()
    assert response.status_code == 409
    assert "This comment was submitted meanwhile" in page
    assert "data-autosave" in page and 'name="body"' in page and 'name="proposed_change"' in page
    assert "js/review.js" in page


def test_the_race_inside_the_service_also_keeps_the_text(
    client, review_round, comment, reviewer_a, colleague_a, states, monkeypatch
):
    """Submitted after the view checked the permission and before the row lock: same page, same text."""
    from reviews.views import comments as views

    def submitted_first(**kwargs):
        submit(review_round, reviewer_a, states)
        return comment_update(**kwargs)

    monkeypatch.setattr(views, "comment_update", submitted_first)
    client.force_login(colleague_a)
    response = edit(client, comment, comment.lock_version, body="Raced")
    assert response.status_code == 409
    assert "\nRaced</textarea>" in response.content.decode()


def test_after_the_round_closed_the_text_is_shown_but_not_offered_as_a_draft(
    client, review_round, comment, reviewer_a, colleague_a, states
):
    client.force_login(colleague_a)
    submit(review_round, reviewer_a, states)
    close(review_round)
    response = edit(client, comment, comment.lock_version)
    page = response.content.decode()
    assert response.status_code == 409
    assert "\nTyped by the colleague</textarea>" in page
    assert "/copy/" not in page
    copy = client.post(f"/en/comments/{comment.pk}/copy/", {"kind": "general", "body": "x", "language": "en"})
    assert copy.status_code == 409 and "closed on" in copy.content.decode()
    assert Comment.objects.count() == 1


def test_another_delegation_learns_nothing_about_the_comment(
    client, review_round, comment, reviewer_a, reviewer_b, states
):
    submit(review_round, reviewer_a, states)
    client.force_login(reviewer_b)
    assert edit(client, comment, comment.lock_version).status_code == 404
    assert (
        client.post(f"/en/comments/{comment.pk}/copy/", {"kind": "general", "body": "x", "language": "en"}).status_code
        == 404
    )
    assert Comment.objects.count() == 1


def test_anonymous_is_sent_to_sign_in(client, review_round, comment, reviewer_a, states):
    submit(review_round, reviewer_a, states)
    response = client.get(f"/en/comments/{comment.pk}/edit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_working_group_which_never_edits_gets_a_plain_refusal(
    client, review_round, comment, reviewer_a, moderator, states
):
    submit(review_round, reviewer_a, states)
    client.force_login(moderator)
    assert client.get(f"/en/comments/{comment.pk}/edit/").status_code == 403
    assert edit(client, comment, comment.lock_version).status_code == 403
    assert Comment.objects.get().body == "Original"
