"""Receipts are sent by the task worker, whatever happens to their Word copy (issue 12, "Under load")."""

import logging
import uuid

import pytest
from django.core import mail

from champions.models import Delegation
from reviews.models import Submission
from reviews.services import receipts, submissions
from reviews.tasks import send_submission_receipt
from tests.reviews.conftest import draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(review_round, section, reviewer_a, colleague_a, states, django_capture_on_commit_callbacks):
    draft(review_round, section, reviewer_a, states["MA"], body="Circular migration")
    with django_capture_on_commit_callbacks(execute=False):  # the receipt is sent by each test itself
        return submissions.submission_submit(
            review_round=review_round,
            delegation=Delegation(member_state=states["MA"]),
            actor=reviewer_a,
            token=uuid.uuid4(),
        )


def test_the_task_emails_every_member_with_the_word_copy(submission):
    result = send_submission_receipt.enqueue(submission.pk)  # the immediate backend under test
    assert result.return_value == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "colleague@example.org"]
    for message in mail.outbox:
        ((name, content, _mimetype),) = message.attachments
        assert name.endswith(f"{submission.reference}.docx") and content[:2] == b"PK"
        assert "could not be attached" not in message.body


def test_a_word_copy_that_cannot_be_built_does_not_stop_the_receipt(submission, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("python-docx failed")

    monkeypatch.setattr(receipts, "submission_docx", broken)
    with caplog.at_level(logging.ERROR, logger="reviews.services.receipts"):
        result = send_submission_receipt.enqueue(submission.pk)
    assert result.return_value == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "colleague@example.org"]
    by_person = {m.to[0]: m for m in mail.outbox}
    assert by_person["a@example.org"].attachments == []
    assert "pas pu être jointe" in by_person["a@example.org"].body or "could not be attached" in (
        by_person["a@example.org"].body
    )
    assert f"/submissions/{submission.pk}/" in by_person["a@example.org"].body  # where to download it
    assert [r.getMessage() for r in caplog.records] == [
        f"Could not build the Word copy of submission {submission.reference}"
    ] * 2  # once per language (French and Spanish), not once per member of the same language


def test_a_failing_mailbox_does_not_stop_the_other_members_receipts(submission, monkeypatch, caplog):
    real_send = mail.EmailMessage.send

    def send(message, *args, **kwargs):
        if message.to == ["a@example.org"]:
            raise ConnectionRefusedError
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMessage, "send", send)
    assert send_submission_receipt.enqueue(submission.pk).return_value == 1
    assert [m.to for m in mail.outbox] == [["colleague@example.org"]]
    assert "Could not email the receipt" in caplog.text


def test_a_queue_that_fails_leaves_the_submission_standing(
    review_round, section, reviewer_a, states, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise ConnectionError("queue down")

    from django_tasks.backends.immediate import ImmediateBackend

    monkeypatch.setattr(ImmediateBackend, "enqueue", refuse)
    draft(review_round, section, reviewer_a, states["MA"])
    with django_capture_on_commit_callbacks(execute=True):
        submission = submissions.submission_submit(
            review_round=review_round,
            delegation=Delegation(member_state=states["MA"]),
            actor=reviewer_a,
            token=uuid.uuid4(),
        )
    assert Submission.objects.get().pk == submission.pk
    assert "Could not queue the receipt" in caplog.text


def test_a_receipt_for_a_missing_submission_sends_nothing():
    assert send_submission_receipt.enqueue(999999).return_value == 0
    assert mail.outbox == []
