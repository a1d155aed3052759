"""Submission races on PostgreSQL, with threads on their own connections (issue 12, "Under load").

- Drafts added and edited while the focal point submits: exactly the confirmed, unchanged
  drafts are submitted; every other draft stays a draft with its text.
- An edit racing the submission either lands before it (the draft stays a draft, with the
  edit) or after it (refused, and the edit page shows the typed text to save as a new draft).
"""

import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from champions.models import Delegation
from reviews.enums import CommentState
from reviews.models import Comment, Submission
from reviews.services.comments import comment_update
from reviews.services.submissions import submission_submit
from tests.reviews.conftest import draft

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and real concurrency need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def race(works: list) -> list:
    """Run each callable in its own thread, released together; return what each returned or raised."""
    barrier, results = threading.Barrier(len(works)), [None] * len(works)

    def run(i):
        try:
            barrier.wait()
            results[i] = works[i]()
        except Exception as error:  # noqa: BLE001 - the outcome of each thread is the result
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(works))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.parametrize("attempt", range(3))
def test_drafts_added_or_edited_during_the_submission_stay_drafts(
    review_round, section, reviewer_a, colleague_a, states, attempt
):
    shown = [draft(review_round, section, reviewer_a, states["MA"], body=f"Shown {i}") for i in range(6)]
    confirmed = {c.pk: c.lock_version for c in shown}
    edited = shown[:3]

    def submit():
        return submission_submit(
            review_round=review_round,
            delegation=Delegation(member_state=states["MA"]),
            actor=reviewer_a,
            token=uuid.uuid4(),
            confirmed=confirmed,
        )

    def add(i):
        return lambda: draft(review_round, section, colleague_a, states["MA"], body=f"Added {i}", language="es")

    def change(comment):
        return lambda: comment_update(
            comment=comment, actor=colleague_a, lock_version=comment.lock_version, body=f"Edited {comment.pk}"
        )

    results = race([submit, *(add(i) for i in range(3)), *(change(c) for c in edited)])
    submission = results[0]
    assert isinstance(submission, Submission), results
    added, edits = results[1:4], results[4:]
    assert all(isinstance(r, Comment) for r in added), added
    saved_edits = {r.pk for r in edits if isinstance(r, Comment)}
    refused = [r for r in edits if not isinstance(r, Comment)]
    assert all(isinstance(r, ValidationError) and r.code == "submitted" for r in refused), refused

    fresh = {c.pk: c for c in Comment.objects.all()}
    submitted = {pk for pk, c in fresh.items() if c.state == CommentState.SUBMITTED}
    # exactly the confirmed drafts nobody changed before the submission locked them
    assert submitted == set(confirmed) - saved_edits
    assert all(fresh[r.pk].state == CommentState.DRAFT for r in added)  # never seen, never submitted
    for pk in saved_edits:
        assert (fresh[pk].state, fresh[pk].body) == (CommentState.DRAFT, f"Edited {pk}")
    for comment in edited:
        if comment.pk not in saved_edits:  # refused: the submitted text is the one confirmed
            assert fresh[comment.pk].body == comment.body
    # the receipt counts what it kept back: every edit that landed first, and the drafts added in time
    assert len(saved_edits) <= submission.kept_as_drafts <= len(saved_edits) + len(added)
    assert submission.missing_drafts == 0
    assert Submission.objects.count() == 1


def test_an_edit_racing_the_submission_keeps_its_text(client, review_round, section, reviewer_a, colleague_a, states):
    """Through the views: the colleague's POST either saves or answers the text back; nothing is lost."""
    from django.test import Client

    comment = draft(review_round, section, reviewer_a, states["MA"], body="Before")
    focal, colleague = Client(), Client()
    focal.force_login(reviewer_a)
    colleague.force_login(colleague_a)
    page = focal.get(f"/en/rounds/{review_round.pk}/submit/")
    confirmation = {name: page.context["form"].initial[name] for name in ("token", "drafts")}
    typed = {"kind": "general", "body": "Typed meanwhile", "proposed_change": "", "language": "es"}

    results = race(
        [
            lambda: focal.post(f"/en/rounds/{review_round.pk}/submit/", confirmation),
            lambda: colleague.post(f"/en/comments/{comment.pk}/edit/", {**typed, "lock_version": comment.lock_version}),
        ]
    )
    submitted, edited = results
    assert submitted.status_code == 302, submitted
    comment.refresh_from_db()
    if edited.status_code == 302:  # the edit landed first: it stays a draft, with the new text
        assert (comment.state, comment.body) == ("draft", "Typed meanwhile")
        assert not Submission.objects.exists() or Submission.objects.get().kept_as_drafts == 1
    else:  # the submission won: the colleague gets the text back, and one POST keeps it
        assert edited.status_code == 409
        assert "\nTyped meanwhile</textarea>" in edited.content.decode()
        assert (comment.state, comment.body) == ("submitted", "Before")
        colleague.post(f"/en/comments/{comment.pk}/copy/", typed)
        assert Comment.objects.filter(state="draft", body="Typed meanwhile", block_key=comment.block_key).count() == 1
