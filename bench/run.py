"""Benchmarks: server time and query counts of the reader and review pages as comments grow.

    make bench                                  # SQLite in a temporary file
    DATABASE_URL=postgres://… make bench        # PostgreSQL (database guidance_review_bench)

Prints a table and writes bench/results.json. Not a test: it measures, it does not assert.
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
if "DATABASE_URL" in os.environ:
    os.environ["DATABASE_URL"] = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/guidance_review_bench"
else:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "100,1000,5000").split(",")]
RUNS = int(os.environ.get("BENCH_RUNS", "15"))


def ensure_database() -> None:
    if connection.vendor == "postgresql":
        import psycopg2

        settings = connection.settings_dict
        admin = psycopg2.connect(host=settings["HOST"], port=settings["PORT"], user=settings["USER"], dbname="postgres")
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute("DROP DATABASE IF EXISTS guidance_review_bench")
            cursor.execute("CREATE DATABASE guidance_review_bench")
        admin.close()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)


def add_comments(total: int) -> None:
    from champions.models import MemberState
    from reviews.models import Comment, ReviewRound

    review_round = ReviewRound.objects.get()
    sections = list(review_round.versions.get(document__slug="booklet").sections.all())
    states = list(MemberState.objects.all())
    author_id = Comment.objects.values_list("author_id", flat=True).first()
    missing = total - Comment.objects.count()
    Comment.objects.bulk_create(
        [
            Comment(
                review_round=review_round,
                section=sections[n % len(sections)],
                author_id=author_id,
                member_state=states[n % len(states)],
                kind="general",
                body=f"Benchmark comment {n}. " * 8,
                language="en",
                state="submitted",
            )
            for n in range(missing)
        ],
        batch_size=2000,
    )


def measure(client: Client, path: str) -> dict:
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries = len(captured)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "queries": queries,
    }


def main() -> None:
    setup_test_environment()
    ensure_database()
    from accounts.models import User
    from guidance.models import Section
    from reviews.models import ReviewRound

    client = Client()
    client.force_login(User.objects.get(email="reviewer@example.org"))
    review_round = ReviewRound.objects.get()
    section = Section.objects.get(version__document__slug="booklet", number="6.2")
    pages = {
        "table of contents": "/en/documents/booklet/draft-1/",
        "section (reader)": f"/en/documents/booklet/draft-1/{section.anchor}/",
        "section (review, with comments)": f"/en/rounds/{review_round.pk}/booklet/{section.anchor}/",
        "my review": "/en/my-review/",
    }
    results = {"database": connection.vendor, "runs": RUNS, "sizes": {}}
    print(f"database: {connection.vendor}, {RUNS} runs per page")
    print(f"{'comments':>9}  {'page':<34}{'median ms':>10}{'p95 ms':>9}{'queries':>9}")
    for size in SIZES:
        add_comments(size)
        results["sizes"][size] = {}
        for name, path in pages.items():
            figures = measure(client, path)
            results["sizes"][size][name] = figures
            print(f"{size:>9}  {name:<34}{figures['median_ms']:>10}{figures['p95_ms']:>9}{figures['queries']:>9}")
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2))
    print("written: bench/results.json")


if __name__ == "__main__":
    main()
