"""What was confirmed is what is submitted (issue 12, "Under load"): views on every database.

The confirmation page carries the id and version of each draft it shows; the POST submits
those drafts only. A draft added or edited after the page was shown stays a draft and the
receipt says so; a draft shown but discarded meanwhile is reported too.
"""

import uuid

import pytest
from django.core import mail

from reviews.models import Comment, Submission
from reviews.services.comments import comment_discard, comment_update
from tests.reviews.conftest import draft

pytestmark = pytest.mark.django_db


def submit_url(review_round) -> str:
    return f"/en/rounds/{review_round.pk}/submit/"


def confirmation(client, review_round) -> dict:
    """The confirmation page as the focal point saw it: the hidden fields its form posts."""
    page = client.get(submit_url(review_round))
    assert page.status_code == 200
    return {name: page.context["form"].initial[name] for name in ("token", "drafts")}


@pytest.fixture
def shown(review_round, section, reviewer_a, colleague_a, states):
    return [
        draft(review_round, section, reviewer_a, states["MA"], body="First, shown"),
        draft(review_round, section, colleague_a, states["MA"], body="Second, shown", language="es"),
    ]


def test_the_confirmation_page_embeds_exactly_the_drafts_it_shows(client, review_round, reviewer_a, shown):
    client.force_login(reviewer_a)
    fields = confirmation(client, review_round)
    assert fields["drafts"] == ",".join(f"{c.pk}:{c.lock_version}" for c in shown)
    page = client.get(submit_url(review_round)).content.decode()
    assert f'name="drafts" value="{fields["drafts"]}"' in page


def test_a_draft_added_after_the_confirmation_stays_a_draft_and_the_receipt_says_so(
    client, review_round, section, reviewer_a, colleague_a, states, shown
):
    client.force_login(reviewer_a)
    fields = confirmation(client, review_round)
    late = draft(review_round, section, colleague_a, states["MA"], body="Added after the page", language="es")
    response = client.post(submit_url(review_round), fields)
    submission = Submission.objects.get()
    assert response["Location"] == submission.get_absolute_url()
    assert set(submission.comments.values_list("pk", flat=True)) == {c.pk for c in shown}
    late.refresh_from_db()
    assert (late.state, late.submission_id) == ("draft", None)
    assert (submission.kept_as_drafts, submission.missing_drafts) == (1, 0)
    receipt = client.get(response["Location"]).content.decode()
    assert "1 comment added or changed after you confirmed was kept as a draft" in receipt


def test_a_draft_edited_after_the_confirmation_stays_a_draft_with_its_new_text(
    client, review_round, reviewer_a, colleague_a, shown
):
    client.force_login(reviewer_a)
    fields = confirmation(client, review_round)
    comment_update(comment=shown[1], actor=colleague_a, lock_version=shown[1].lock_version, body="Edited meanwhile")
    client.post(submit_url(review_round), fields)
    assert dict(Comment.objects.values_list("body", "state")) == {
        "First, shown": "submitted",
        "Edited meanwhile": "draft",
    }
    receipt = client.get(Submission.objects.get().get_absolute_url()).content.decode()
    assert "1 comment added or changed after you confirmed was kept as a draft" in receipt


def test_a_shown_draft_discarded_meanwhile_is_reported(client, review_round, reviewer_a, colleague_a, shown):
    client.force_login(reviewer_a)
    fields = confirmation(client, review_round)
    comment_discard(comment=shown[1], actor=colleague_a)
    client.post(submit_url(review_round), fields)
    submission = Submission.objects.get()
    assert list(submission.comments.values_list("body", flat=True)) == ["First, shown"]
    assert (submission.kept_as_drafts, submission.missing_drafts) == (0, 1)
    receipt = client.get(submission.get_absolute_url()).content.decode()
    assert "1 comment you confirmed was discarded or merged by a colleague meanwhile" in receipt
    assert "kept as a draft" not in receipt


def test_when_every_shown_draft_changed_nothing_is_submitted_and_the_page_comes_back(
    client, review_round, reviewer_a, shown
):
    client.force_login(reviewer_a)
    fields = confirmation(client, review_round)
    for comment in shown:
        comment_update(comment=comment, actor=reviewer_a, lock_version=comment.lock_version, body=f"{comment.pk} new")
    response = client.post(submit_url(review_round), fields, follow=True)
    assert Submission.objects.count() == 0
    assert set(Comment.objects.values_list("state", flat=True)) == {"draft"}
    assert response.redirect_chain[-1][0] == f"{submit_url(review_round)}?delegation={response.context['target'].value}"
    assert "The drafts changed after you opened the confirmation page" in response.content.decode()


def test_a_receipt_of_exactly_what_was_shown_says_nothing_was_left_out(client, review_round, reviewer_a, shown):
    client.force_login(reviewer_a)
    client.post(submit_url(review_round), confirmation(client, review_round))
    receipt = client.get(Submission.objects.get().get_absolute_url()).content.decode()
    assert Submission.objects.get().comments.count() == 2
    assert "kept as" not in receipt and "meanwhile" not in receipt


@pytest.mark.parametrize("drafts", ["", "12;1", "x:1", "1:-1", "٣:1"])
def test_a_damaged_confirmation_submits_nothing(client, review_round, reviewer_a, shown, drafts):
    client.force_login(reviewer_a)
    response = client.post(submit_url(review_round), {"token": str(uuid.uuid4()), "drafts": drafts})
    assert response.status_code == 302 and response["Location"].startswith(submit_url(review_round))
    assert Submission.objects.count() == 0


def test_another_delegations_draft_in_the_confirmation_is_not_submitted(
    client, review_round, section, reviewer_a, reviewer_b, states, shown
):
    theirs = draft(review_round, section, reviewer_b, states["MX"], body="Mexico's")
    client.force_login(reviewer_a)
    fields = confirmation(client, review_round)
    fields["drafts"] += f",{theirs.pk}:{theirs.lock_version}"
    client.post(submit_url(review_round), fields)
    theirs.refresh_from_db()
    assert theirs.state == "draft"
    assert Submission.objects.get().comments.count() == 2


def test_the_submit_request_sends_no_email_itself(
    client, review_round, reviewer_a, shown, settings, django_capture_on_commit_callbacks
):
    """The receipt goes to the task worker: with a queue that runs nothing, the request sends nothing."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import task_backends

    client.force_login(reviewer_a)
    fields = confirmation(client, review_round)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(submit_url(review_round), fields)
    assert response.status_code == 302 and len(callbacks) == 1
    assert mail.outbox == []
    queued = task_backends["default"].results
    assert [(r.task.name, r.args) for r in queued] == [("send_submission_receipt", [Submission.objects.get().pk])]


def test_the_receipt_email_tells_the_colleagues_what_was_kept_as_a_draft(
    client, review_round, section, reviewer_a, colleague_a, states, shown, django_capture_on_commit_callbacks
):
    colleague_a.preferred_language = "en"
    colleague_a.save()
    client.force_login(reviewer_a)
    fields = confirmation(client, review_round)
    draft(review_round, section, colleague_a, states["MA"], body="Added after the page", language="es")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(submit_url(review_round), fields)
    by_person = {m.to[0]: m.body for m in mail.outbox}
    assert sorted(by_person) == ["a@example.org", "colleague@example.org"]
    assert (
        "\n2 comments\n1 comment added or changed after the focal point confirmed was kept as a draft:"
        " it was not submitted.\n" in by_person["colleague@example.org"]
    )


def test_late_submissions_state_their_time_zone(client, review_round, states, moderator):
    import datetime

    from reviews.models import DeadlineExtension

    DeadlineExtension.objects.create(
        review_round=review_round,
        member_state=states["MA"],
        until=datetime.datetime(2026, 12, 20, 17, 0, tzinfo=datetime.UTC),
        reason="Capital's letter delayed",
        granted_by=moderator,
    )
    client.force_login(moderator)
    page = client.get(f"/en/rounds/{review_round.pk}/late/").content.decode()
    assert "until Dec. 20, 2026, 6 p.m. (Geneva time), accepted by" in page


def test_each_submitted_comment_gets_one_history_row_by_the_focal_point(client, review_round, reviewer_a, shown):
    client.force_login(reviewer_a)
    client.post(submit_url(review_round), confirmation(client, review_round))
    submission = Submission.objects.get()
    rows = Comment.history.filter(state="submitted")
    assert sorted(r.id for r in rows) == sorted(c.pk for c in shown)
    assert {(r.history_user_id, r.history_date, r.submission_id) for r in rows} == {
        (reviewer_a.pk, submission.submitted_at, submission.pk)
    }
    fresh = Comment.objects.get(pk=shown[0].pk)
    assert (fresh.lock_version, fresh.updated_at, fresh.submitted_at) == (
        shown[0].lock_version + 1,
        submission.submitted_at,
        submission.submitted_at,
    )
