"""Benchmark of a delegation's submission: how long the focal point's POST takes.

    .venv/bin/python bench/submission.py                                  # SQLite in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/submission.py   # PostgreSQL

After seed_demo, the demo focal point of Morocco gets BENCH_MEMBERS colleagues (default 6, in
English, French and Spanish) and, before each run, BENCH_DRAFTS drafts (default 20) on the
sections of both documents. Each run opens the confirmation page and posts it with Django's
test client; the POST is timed (BENCH_RUNS runs, default 15, after one warm-up) in three modes:

- ``before``: the receipt as it was sent before issue 12 — inside the request, one Word copy
  built per member (the previous submission_receipt_send, reproduced below), on top of the
  current writes (the submitted comments in two statements);
- ``inline``: the current receipt task run inside the request (django-tasks' immediate
  backend, as ``make run`` does without a worker): one Word copy per language;
- ``queued``: the current code with the database task backend (production, and ``make run``
  with DJANGO_TASKS_WORKER=1): the request only queues the task; the worker's time for the
  same receipt is measured apart.

Prints median and p95 per mode. Not a test: it measures. Uses its own database
(guidance_review_bench_submission on PostgreSQL), dropped and recreated at the start.
"""

import math
import os
import statistics
import time

import benchdb  # bench/benchdb.py, beside this script

DATABASE = "guidance_review_bench_submission"
benchdb.setup_django(DATABASE)

from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.mail import EmailMessage  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from accounts.models import User  # noqa: E402
from champions.models import Delegation, Membership, MemberState  # noqa: E402
from reviews.models import Comment, ReviewRound, Submission  # noqa: E402
from reviews.selectors import submission_comments  # noqa: E402
from reviews.services import receipts  # noqa: E402
from reviews.services.comments import comment_create  # noqa: E402
from reviews.services.documents import submission_docx  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
MEMBERS = int(os.environ.get("BENCH_MEMBERS", "6"))
DRAFTS = int(os.environ.get("BENCH_DRAFTS", "20"))
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def receipt_send_before(*, submission: Submission) -> int:
    """submission_receipt_send as it was before issue 12: a Word copy per member, in the request."""
    members = Membership.objects.filter(
        member_state=submission.member_state, organisation=submission.organisation, is_active=True, user__is_active=True
    ).select_related("user")
    comments = submission_comments(submission)
    sent = 0
    for membership in members:
        user = membership.user
        with translation.override(user.preferred_language), timezone.override(settings.TIME_ZONE):
            context = {"submission": submission, "comments": comments, "user": user, "site_url": settings.SITE_URL}
            context["attached"] = True
            subject = render_to_string("reviews/email/receipt_subject.txt", context).strip()
            body = render_to_string("reviews/email/receipt_message.txt", context)
            attachment = submission_docx(submission, comments)
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        message.attach(f"comments-{submission.reference}.docx", attachment, receipts.DOCX_TYPE)
        message.send()
        sent += 1
    return sent


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def main() -> None:
    setup_test_environment()  # the locmem email backend keeps what is sent
    benchdb.fresh_database(DATABASE)
    focal = User.objects.get(email="reviewer@example.org")
    morocco = MemberState.objects.get(country="MA")
    review_round = ReviewRound.objects.filter(versions__isnull=False).distinct().first()
    sections = [s for version in review_round.versions.all() for s in version.sections.all()]
    for i in range(MEMBERS - 1):
        user = User.objects.create_user(
            email=f"bench-member-{i}@example.org", password=None, preferred_language=("en", "fr", "es")[i % 3]
        )
        Membership.objects.create(user=user, member_state=morocco, role="contributor")
    members = Membership.objects.filter(member_state=morocco, is_active=True).count()
    client = Client()
    client.force_login(focal)
    submit_url = f"/en/rounds/{review_round.pk}/submit/"

    def one_run() -> tuple[float, Submission]:
        for n in range(DRAFTS):
            comment_create(
                review_round=review_round,
                section=sections[n % len(sections)],
                author=focal,
                delegation=Delegation(member_state=morocco),
                kind="technical",
                body=f"Benchmark comment {n}: " + "circular migration and remittances. " * 12,
                proposed_change="Say how." * 5,
                language="fr",
            )
        page = client.get(submit_url)
        fields = {name: page.context["form"].initial[name] for name in ("token", "drafts")}
        started = time.perf_counter()
        response = client.post(submit_url, fields)
        elapsed = time.perf_counter() - started
        assert response.status_code == 302, response
        return elapsed, Submission.objects.latest("pk")

    print(f"{connection.vendor}: {members} members (en, fr, es), {DRAFTS} drafts per submission, {RUNS} runs")
    original = receipts.submission_receipt_send
    results = {}
    for mode in ("before", "inline", "queued"):
        receipts.submission_receipt_send = receipt_send_before if mode == "before" else original
        with override_settings(TASKS=DATABASE_QUEUE if mode == "queued" else IMMEDIATE):
            one_run()  # warm-up
            times, worker = [], []
            for _ in range(RUNS):
                mail.outbox = []
                elapsed, submission = one_run()
                times.append(elapsed)
                if mode == "queued":
                    assert mail.outbox == [], "the request sent the receipt itself"
                    started = time.perf_counter()
                    original(submission=submission)  # what the worker then does
                    worker.append(time.perf_counter() - started)
                else:
                    assert len(mail.outbox) == members, len(mail.outbox)
        results[mode] = times
        median, p95 = statistics.median(times) * 1000, percentile(times, 0.95) * 1000
        line = f"  {mode:<7} POST median {median:7.0f} ms   p95 {p95:7.0f} ms"
        if worker:
            line += f"   (worker, apart: median {statistics.median(worker) * 1000:.0f} ms)"
        print(line)
    receipts.submission_receipt_send = original
    assert Comment.objects.filter(state="draft").count() == 0


if __name__ == "__main__":
    main()
