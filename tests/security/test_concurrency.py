"""Many hands on one object at once, and failures halfway through (docs/security.md, "Concurrency").

On PostgreSQL, threads with their own connections triage, decide and publish the same comments
at the same moment: exactly one state change, one history row, one audit event, one e-mail
per member. On every database, a failure injected between two steps of a service leaves
nothing partial behind and sends nothing.
"""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from accounts.models import AuditAction, AuditEvent
from reviews.models import Comment, TriageChange
from reviews.services import triage
from reviews.services.comments import EditConflict
from tests.reviews.conftest import submitted

THREADS = 8

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and real concurrency need PostgreSQL"
)


def race(work, n: int = THREADS) -> list:
    """Run ``work(i)`` in ``n`` threads released together; return what each returned or raised."""
    barrier, results = threading.Barrier(n), [None] * n

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001 - the outcome of each thread is the result
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def comments(review_round, section, states, moderator):
    return [
        submitted(review_round, section, states["MA"], moderator, body="Circular migration first."),
        submitted(review_round, section, states["KE"], moderator, body="Remittances cost."),
    ]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_eight_moderators_deciding_one_comment_make_one_decision(comments, moderator):
    comment = comments[0]

    def decide(i):
        return triage.triage_update(
            comment=comment,
            actor=moderator,
            lock_version=comment.lock_version,
            disposition="accepted" if i % 2 else "noted",
            response=f"Response {i}",
        )

    results = race(decide)
    saved = [r for r in results if isinstance(r, Comment)]
    conflicts = [r for r in results if isinstance(r, EditConflict)]
    assert (len(saved), len(conflicts)) == (1, THREADS - 1), results
    fresh = Comment.objects.get(pk=comment.pk)
    assert fresh.lock_version == comment.lock_version + 1
    assert fresh.response == saved[0].response  # the one that won is the one stored
    assert TriageChange.objects.filter(comment=comment, field="disposition").count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.DISPOSITION).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_bulk_actions_racing_on_the_same_comments_change_each_once(comments, moderator):
    def bulk(i):
        return triage.bulk_apply(
            targets=Comment.objects.filter(pk__in=[c.pk for c in comments]),
            actor=moderator,
            action="disposition",
            value="noted",
        )

    results = race(bulk)
    assert sorted(r for r in results if isinstance(r, int)) == [0] * (THREADS - 1) + [2], results
    assert TriageChange.objects.filter(field="disposition").count() == 2
    for comment in comments:
        assert Comment.objects.get(pk=comment.pk).lock_version == comment.lock_version + 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_publishing_twice_at_once_publishes_and_emails_once(comments, moderator, review_round, reviewer_a):
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(disposition="noted")

    def publish(i):
        return triage.responses_publish(review_round=review_round, actor=moderator)

    results = race(publish, 4)
    published = [r for r in results if isinstance(r, tuple) and r[0]]
    assert len(published) == 1 and published[0][0] == 2, results
    assert all(isinstance(r, tuple) for r in results), results
    assert TriageChange.objects.filter(field="published").count() == 2
    assert AuditEvent.objects.filter(action=AuditAction.PUBLICATION).count() == 1
    assert [m.to for m in mail.outbox] == [[reviewer_a.email]]  # MA's one member; KE has none


# --- A failure halfway through ------------------------------------------------------------------


class Injected(Exception):
    pass


def fail(*args, **kwargs):
    raise Injected


@pytest.mark.django_db(transaction=True)
def test_a_publication_failing_after_its_first_step_leaves_nothing_and_sends_nothing(
    comments, moderator, review_round, reviewer_a, monkeypatch
):
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(disposition="noted")
    # The comments are updated, then their history is written: break the second step.
    monkeypatch.setattr(triage.TriageChange.objects, "bulk_create", fail)
    with pytest.raises(Injected):
        triage.responses_publish(review_round=review_round, actor=moderator)
    assert not Comment.objects.filter(published_at__isnull=False).exists()
    assert Comment.history.filter(published_at__isnull=False).count() == 0
    assert AuditEvent.objects.filter(action=AuditAction.PUBLICATION).count() == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_bulk_decision_failing_halfway_changes_no_comment(comments, moderator, monkeypatch):
    before = {c.pk: (c.disposition, c.lock_version) for c in Comment.objects.all()}
    monkeypatch.setattr(triage.audit, "record", fail)  # after the comments and their history
    with pytest.raises(Injected):
        triage.bulk_apply(targets=Comment.objects.all(), actor=moderator, action="disposition", value="noted")
    assert {c.pk: (c.disposition, c.lock_version) for c in Comment.objects.all()} == before
    assert TriageChange.objects.count() == 0
    assert Comment.history.filter(disposition="noted").count() == 0


@pytest.mark.django_db(transaction=True)
def test_one_decision_failing_after_its_save_leaves_the_comment_as_it_was(comments, moderator, monkeypatch):
    comment = comments[0]
    history = comment.history.count()
    monkeypatch.setattr(triage.TriageChange.objects, "bulk_create", fail)
    with pytest.raises(Injected):
        triage.triage_update(
            comment=comment, actor=moderator, lock_version=comment.lock_version, disposition="accepted", response="Yes."
        )
    fresh = Comment.objects.get(pk=comment.pk)
    assert (fresh.disposition, fresh.lock_version, fresh.response) == (
        comment.disposition,
        comment.lock_version,
        comment.response,
    )
    assert fresh.history.count() == history
