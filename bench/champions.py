"""Benchmark of the Champions programme: the overview and the API lists at the issue's sizes.

    .venv/bin/python bench/champions.py                                  # SQLite in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/champions.py   # PostgreSQL

193 Member States, all Champions with roles; 500 pilots with objectives, 5,000 updates,
2,000 practices (1,500 published) with objectives and principles, inserted with bulk_create
after seed_demo. Each page is requested BENCH_RUNS times (default 15) with Django's test
client after a warm-up: median and p95 server time and queries. Writes
bench/champions-results.json. Uses its own database (guidance_review_bench_champions on
PostgreSQL), dropped and recreated at the start; the main database is never touched.
"""

import json
import math
import os
import random
import statistics
import time

import benchdb  # bench/benchdb.py, beside this script

DATABASE = "guidance_review_bench_champions"
benchdb.setup_django(DATABASE)

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY  # noqa: E402
from allauth.account.internal.flows.login import _AUTHENTICATION_METHODS_USER_SESSION_KEY  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from champions.models import ChampionRole, MemberState, Pilot, PilotUpdate, Practice  # noqa: E402
from guidance.models import DocumentVersion, GuidingPrinciple, Objective  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
SIZES = {"pilots": 500, "updates": 5000, "practices": 2000, "published": 1500}
STATUSES = ["planned", "preparing", "in_progress", "paused", "completed", "withdrawn"]
KINDS = ["case_study", "positive_practice", "lesson_learned"]


def load(rng: random.Random) -> None:
    states = list(MemberState.objects.all())
    MemberState.objects.update(is_champion=True)
    roles = [
        ChampionRole(member_state=state, kind=kind)
        for state in states
        for kind in ("partner", "tester", "promoter", "convenor")
        if not ChampionRole.objects.filter(member_state=state, kind=kind).exists()
    ]
    ChampionRole.objects.bulk_create(roles, ignore_conflicts=True)
    moderator = get_user_model().objects.get(email="moderator@example.org")
    version = DocumentVersion.objects.get(document__slug="booklet", label="Draft 1")
    version.status = "final"  # so the versions endpoint has a published version
    version.save(update_fields=["status"])
    objectives, principles = list(Objective.objects.all()), list(GuidingPrinciple.objects.all())
    today = timezone.localdate()
    pilots = Pilot.objects.bulk_create(
        Pilot(
            member_state=rng.choice(states),
            title=f"Bench pilot {n}",
            version=version,
            status=rng.choice(STATUSES),
            status_changed_on=today,
            created_by=moderator,
        )
        for n in range(SIZES["pilots"] - Pilot.objects.count())
    )
    through = Pilot.objectives.through
    through.objects.bulk_create(
        through(pilot_id=p.pk, objective_id=o.pk) for p in pilots for o in rng.sample(objectives, 2)
    )
    all_pilots = list(Pilot.objects.all())
    PilotUpdate.objects.bulk_create(
        (
            PilotUpdate(
                pilot=rng.choice(all_pilots),
                posted_on=today - rng.randint(0, 400) * timezone.timedelta(days=1),
                body="A bench update on the pilot's progress.",
                language="en",
                author=moderator,
            )
            for _n in range(SIZES["updates"] - PilotUpdate.objects.count())
        ),
        batch_size=1000,
    )
    now = timezone.now()
    existing = Practice.objects.count()
    practices = Practice.objects.bulk_create(
        (
            Practice(
                kind=rng.choice(KINDS),
                member_state=rng.choice(states),
                title_en=f"Bench practice {n}",
                title_fr=f"Pratique {n}",
                summary_en="A summary of the practice.",
                body_en="The text of the practice.",
                original_language="en",
                status="published" if n < SIZES["published"] else rng.choice(["draft", "submitted", "approved"]),
                approved_at=now,
                published_at=now - rng.randint(0, 400) * timezone.timedelta(days=1) if n < SIZES["published"] else None,
                author=moderator,
            )
            for n in range(SIZES["practices"] - existing)
        ),
        batch_size=1000,
    )
    objective_links = Practice.objectives.through
    objective_links.objects.bulk_create(
        objective_links(practice_id=p.pk, objective_id=o.pk) for p in practices for o in rng.sample(objectives, 2)
    )
    principle_links = Practice.principles.through
    principle_links.objects.bulk_create(
        principle_links(practice_id=p.pk, guidingprinciple_id=g.pk)
        for p in practices
        for g in rng.sample(principles, 2)
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def measure(client: Client, path: str, **headers) -> dict:
    response = client.get(path, **headers)
    assert response.status_code == 200, (path, response.status_code)
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path, **headers)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries = len(captured)
    times.sort()
    return {
        "path": path,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[math.ceil(0.95 * len(times)) - 1], 1),
        "queries": queries,
    }


def moderator_client() -> Client:
    """The demo moderator, signed in with password and second factor (as after a real sign-in)."""
    client = Client()
    moderator = get_user_model().objects.get(email="moderator@example.org")
    client.force_login(moderator)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": moderator.email},
        {"method": "mfa", "at": time.time(), "type": "totp"},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(moderator.pk)
    session.save()
    return client


def main() -> None:
    started = time.perf_counter()
    benchdb.fresh_database(DATABASE)
    load(random.Random(2026))  # noqa: S311 - reproducible demo data, not security
    loaded = round(time.perf_counter() - started, 1)
    moderator, anonymous = moderator_client(), Client()
    pages = [
        measure(moderator, "/en/programme/"),
        measure(moderator, f"/en/programme/?status=in_progress&objective={Objective.objects.get(number=5).pk}"),
        measure(anonymous, "/api/practices/"),
        measure(anonymous, "/api/practices/?objective=5&page=3"),
        measure(anonymous, "/api/practices/?page_size=100", HTTP_ACCEPT_LANGUAGE="fr"),
        measure(anonymous, "/api/countries/"),
        measure(anonymous, "/api/countries/?page_size=100"),
        measure(anonymous, "/api/versions/"),
        measure(anonymous, "/en/practices/"),
    ]
    result = {
        "database": connection.vendor,
        "sizes": {
            "member_states": MemberState.objects.count(),
            "pilots": Pilot.objects.count(),
            "updates": PilotUpdate.objects.count(),
            "practices": Practice.objects.count(),
            "published": Practice.objects.filter(status="published").count(),
        },
        "load_seconds": loaded,
        "runs": RUNS,
        "pages": pages,
    }
    print(f"{connection.vendor}: {result['sizes']} (loaded in {loaded} s, {RUNS} runs each)")
    for page in pages:
        figures = f"median {page['median_ms']:>7} ms  p95 {page['p95_ms']:>7} ms  {page['queries']} queries"
        print(f"  {page['path']:<55} {figures}")
    name = f"champions-results-{connection.vendor}.json"
    (benchdb.ROOT / "bench" / name).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
