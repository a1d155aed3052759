import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from champions.models import Delegation
from reviews.enums import CommentState
from reviews.models import Comment, DeadlineExtension, Submission
from reviews.services.comments import (
    EditConflict,
    comment_discard,
    comment_merge,
    comment_update,
    comment_withdraw,
)
from reviews.services.submissions import submission_submit
from tests.factories import SectionFactory, VersionFactory
from tests.reviews.conftest import close, draft

pytestmark = pytest.mark.django_db


def test_a_member_comments_for_their_delegation(review_round, section, reviewer_a, states):
    comment = draft(review_round, section, reviewer_a, states["MA"], block_key="para01", quote="Les filières")
    assert (comment.state, comment.block_key, comment.quote, comment.lock_version) == (
        "draft",
        "para01",
        "Les filières",
        1,
    )
    assert comment.history.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"member_state": "MX"}, "You can only comment on behalf of your own delegation."),
        ({"block_key": "forged"}, "The paragraph you commented on is not in this section."),
        ({"body": "   "}, "Write your comment."),
        ({"body": "x" * 5001}, "Ensure this value has at most 5000 characters (it has 5001)."),
    ],
)
def test_bad_comments_are_refused(review_round, section, reviewer_a, states, change, message):
    state = states[change.pop("member_state", "MA")]
    with pytest.raises(ValidationError) as error:
        draft(review_round, section, reviewer_a, state, **change)
    assert message in " ".join(error.value.messages)
    assert Comment.objects.count() == 0


def test_a_section_of_a_version_not_under_review_is_refused(review_round, reviewer_a, states):
    other = SectionFactory(version=VersionFactory(status="draft"))
    with pytest.raises(ValidationError, match="not part of a version under review"):
        draft(review_round, other, reviewer_a, states["MA"])


def test_an_uninvited_delegation_is_refused(review_round, section, reviewer_a, states):
    review_round.audience_groups = ["reference_group"]
    review_round.save()
    with pytest.raises(ValidationError, match="not invited"):
        draft(review_round, section, reviewer_a, states["MA"])


def test_a_closed_round_refuses_comments_and_edits(review_round, section, reviewer_a, states):
    comment = draft(review_round, section, reviewer_a, states["MA"])
    close(review_round)
    with pytest.raises(ValidationError) as error:
        draft(review_round, section, reviewer_a, states["MA"])
    assert "closed on" in error.value.messages[0]
    with pytest.raises(ValidationError):
        comment_update(comment=comment, actor=reviewer_a, lock_version=1, body="Changed")
    comment.refresh_from_db()
    assert comment.body == "Add circular migration."


def test_a_stale_edit_is_refused_and_keeps_both(review_round, section, reviewer_a, colleague_a, states):
    comment = draft(review_round, section, reviewer_a, states["MA"])
    comment_update(comment=comment, actor=colleague_a, lock_version=1, body="Colleague's text")
    with pytest.raises(EditConflict) as conflict:
        comment_update(comment=comment, actor=reviewer_a, lock_version=1, body="My text")
    assert conflict.value.current.body == "Colleague's text"
    comment.refresh_from_db()
    assert (comment.body, comment.lock_version) == ("Colleague's text", 2)
    assert [h.body for h in comment.history.order_by("history_date")] == ["Add circular migration.", "Colleague's text"]


def test_merge_combines_two_drafts(review_round, section, reviewer_a, colleague_a, states):
    first = draft(review_round, section, reviewer_a, states["MA"], body="One.", proposed_change="A")
    second = draft(review_round, section, colleague_a, states["MA"], body="Two.", proposed_change="B")
    merged = comment_merge(target=first, other=second, actor=reviewer_a)
    assert (merged.body, merged.proposed_change) == ("One.\n\nTwo.", "A\n\nB")
    assert list(Comment.objects.values_list("pk", flat=True)) == [first.pk]


def test_merge_refuses_another_delegations_draft(review_round, section, reviewer_a, reviewer_b, states):
    first = draft(review_round, section, reviewer_a, states["MA"])
    other = draft(review_round, section, reviewer_b, states["MX"])
    with pytest.raises(ValidationError):
        comment_merge(target=first, other=other, actor=reviewer_a)
    assert Comment.objects.count() == 2


def test_submission_is_atomic_idempotent_and_emails_a_receipt(
    review_round, section, reviewer_a, colleague_a, states, django_capture_on_commit_callbacks
):
    draft(review_round, section, reviewer_a, states["MA"])
    draft(review_round, section, colleague_a, states["MA"], kind="editorial", body="Typo.")
    token = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        first = submission_submit(
            review_round=review_round, delegation=Delegation(member_state=states["MA"]), actor=reviewer_a, token=token
        )
        again = submission_submit(
            review_round=review_round, delegation=Delegation(member_state=states["MA"]), actor=reviewer_a, token=token
        )
    assert first.pk == again.pk
    assert first.reference == f"R{review_round.pk}-MAR-01"
    assert Submission.objects.count() == 1
    assert set(Comment.objects.values_list("state", flat=True)) == {"submitted"}
    # every member, in their language, with the Word copy
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "colleague@example.org"]
    by_person = {m.to[0]: m for m in mail.outbox}
    assert "Récépissé" in by_person["a@example.org"].subject
    assert "Acuse de recibo" in by_person["colleague@example.org"].subject
    name, content, _mimetype = by_person["a@example.org"].attachments[0]
    assert name.endswith(".docx") and content[:2] == b"PK"


def test_a_second_focal_point_at_the_same_moment_is_told(review_round, section, reviewer_a, states):
    draft(review_round, section, reviewer_a, states["MA"])
    submission_submit(
        review_round=review_round,
        delegation=Delegation(member_state=states["MA"]),
        actor=reviewer_a,
        token=uuid.uuid4(),
    )
    with pytest.raises(ValidationError) as error:
        submission_submit(
            review_round=review_round,
            delegation=Delegation(member_state=states["MA"]),
            actor=reviewer_a,
            token=uuid.uuid4(),
        )
    assert "has just submitted" in error.value.messages[0]
    assert Submission.objects.count() == 1


def test_submitted_comments_are_locked_and_withdrawal_keeps_them(review_round, section, reviewer_a, states):
    comment = draft(review_round, section, reviewer_a, states["MA"])
    submission_submit(
        review_round=review_round,
        delegation=Delegation(member_state=states["MA"]),
        actor=reviewer_a,
        token=uuid.uuid4(),
    )
    with pytest.raises(ValidationError):
        comment_update(comment=comment, actor=reviewer_a, lock_version=2, body="x")
    with pytest.raises(ValidationError):
        comment_discard(comment=comment, actor=reviewer_a)
    comment_withdraw(comment=comment, actor=reviewer_a)
    comment.refresh_from_db()
    assert comment.state == CommentState.WITHDRAWN
    assert Comment.objects.count() == 1


def test_a_late_submission_needs_an_explicit_allowance(review_round, section, reviewer_a, moderator, states):
    draft(review_round, section, reviewer_a, states["MA"])
    close(review_round)
    with pytest.raises(ValidationError):
        submission_submit(
            review_round=review_round,
            delegation=Delegation(member_state=states["MA"]),
            actor=reviewer_a,
            token=uuid.uuid4(),
        )
    from datetime import timedelta

    from django.utils import timezone

    DeadlineExtension.objects.create(
        review_round=review_round,
        member_state=states["MA"],
        until=timezone.now() + timedelta(days=1),
        reason="Letter from the capital delayed",
        granted_by=moderator,
    )
    submission = submission_submit(
        review_round=review_round,
        delegation=Delegation(member_state=states["MA"]),
        actor=reviewer_a,
        token=uuid.uuid4(),
    )
    assert submission.is_late is True


@pytest.mark.parametrize(
    ("language", "heading", "label"),
    [
        ("en", "Submitted comments", "Reference number"),
        ("fr", "Commentaires soumis", "Numéro de référence"),
        ("es", "Comentarios presentados", "Número de referencia"),
    ],
)
def test_the_word_copy_is_in_each_recipients_language(
    review_round, section, reviewer_a, states, language, heading, label, django_capture_on_commit_callbacks
):
    import io

    import docx

    reviewer_a.preferred_language = language
    reviewer_a.save()
    draft(review_round, section, reviewer_a, states["MA"], proposed_change="Nouveau texte")
    with django_capture_on_commit_callbacks(execute=True):
        submission_submit(
            review_round=review_round,
            delegation=Delegation(member_state=states["MA"]),
            actor=reviewer_a,
            token=uuid.uuid4(),
        )
    _name, content, _mimetype = mail.outbox[0].attachments[0]
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )
    assert heading in text
    assert label in text
    assert "Add circular migration." in text and "Nouveau texte" in text
