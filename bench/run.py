"""Benchmarks: server time and query counts of the review and triage pages, and the matrix exports, as comments grow.

    make bench                                  # SQLite in a temporary file
    DATABASE_URL=postgres://… make bench        # PostgreSQL (its own database, guidance_review_bench)

The demo round (seed_demo) invites every reviewer group, so all 193 Member States take part.
The database grows step by step to each size of BENCH_SIZES (submitted comments in the round;
default 1000,10000,100000): comments over the sections of both documents, the delegations,
kinds, languages and sources, written from sentences of the demo texts, with triage data
(about 30 % assigned, themes, dispositions, proposals, published responses), inserted with
bulk_create (on PostgreSQL the GIN indexes are rebuilt once after each step). After each step
the database is vacuumed and analysed (as autovacuum would) and each page is requested
BENCH_RUNS times (default 15, 7 from 100,000 comments) with Django's test client, after one
warm-up request: median and p95 server time, queries, and the slowest query. The exports
(XLSX and CSV of every comment of the round, through the export functions) run in a fresh
process each: time, queries, file size, the process's peak RSS and its growth during the
export (the peak is reset first where Linux allows), and the tracemalloc peak (measured in a
second, traced run, since tracing slows Python down).

Prints a table and a summary line per size and writes bench/results.json. Not a test: it
measures, it does not assert. The bench database is dropped and recreated at the start and
kept afterwards, for EXPLAIN ANALYZE. The main database is never touched.
"""

import gc
import json
import math
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DATABASE = "guidance_review_bench"
EXPORT_CHILD = len(sys.argv) > 1 and sys.argv[1] == "--export"


def bench_database_url(url: str) -> str:
    """The same server as ``url``, the bench database: never the main one."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
if not EXPORT_CHILD:  # an export process inherits the bench database from the parent's environment
    if "DATABASE_URL" in os.environ:
        os.environ["DATABASE_URL"] = bench_database_url(os.environ["DATABASE_URL"])
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import DatabaseError, connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]
LANGUAGE = "en"
BATCH = 5000
SEED = 2026
MB = 1024 * 1024


def runs_for(size: int) -> int:
    return int(os.environ.get("BENCH_RUNS") or (15 if size < 100_000 else 7))


def check_bench_database() -> None:
    name = str(connection.settings_dict["NAME"])
    ok = name == BENCH_DATABASE if connection.vendor == "postgresql" else name.endswith("bench.sqlite3")
    if not ok:
        raise SystemExit(f"refusing to run on {name!r}: the bench only uses its own database")


def ensure_database() -> None:
    check_bench_database()
    if connection.vendor == "postgresql":
        import psycopg2

        settings = connection.settings_dict
        admin = psycopg2.connect(host=settings["HOST"], port=settings["PORT"], user=settings["USER"], dbname="postgres")
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {BENCH_DATABASE}")
        admin.close()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)


# Data ------------------------------------------------------------------------------------

THEMES = [
    ("Data and evidence", "Données et éléments factuels", "Datos y evidencia"),
    ("Labour mobility", "Mobilité de la main-d’œuvre", "Movilidad laboral"),
    ("Gender", "Genre", "Género"),
    ("Children", "Enfants", "Niñez"),
    ("Climate and disasters", "Climat et catastrophes", "Clima y desastres"),
    ("Return and reintegration", "Retour et réintégration", "Retorno y reintegración"),
    ("Terminology", "Terminologie", "Terminología"),
    ("Translation", "Traduction", "Traducción"),
    ("Examples", "Exemples", "Ejemplos"),
    ("Local authorities", "Autorités locales", "Autoridades locales"),
    ("Human rights", "Droits de l’homme", "Derechos humanos"),
    ("Financing", "Financement", "Financiación"),
]
# (value, weight) of each choice.
KINDS = [("general", 30), ("technical", 45), ("editorial", 25)]
LANGUAGES = [("en", 55), ("fr", 25), ("es", 20)]
SOURCES = [("platform", 88), ("offline", 9), ("written", 3)]
DECIDED = [("accepted", 30), ("partially_accepted", 25), ("not_accepted", 15), ("noted", 25), ("out_of_scope", 5)]
PRIORITIES = [(2, 80), (1, 10), (3, 10)]


def pick(rng: random.Random, choices: list[tuple]):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


def sentences() -> dict[str, list[str]]:
    """Sentences of the demo Guide and Booklet in each language: the comments' raw material."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "guidance" / "demo").glob("*.md")):
        language = path.suffixes[0].lstrip(".")
        text = re.sub(r"[*_`>#]|\[|\]\([^)]*\)", "", path.read_text())
        for line in text.splitlines():
            for sentence in re.split(r"(?<=[.!?])\s+", line.strip().lstrip("-0123456789. ")):
                if 30 <= len(sentence) <= 300:
                    found.setdefault(language, []).append(sentence)
    return found


class World:
    """What the generated comments refer to, read once from the seeded database."""

    def __init__(self):
        from django.contrib.auth import get_user_model

        from champions.models import MemberState
        from guidance.models import Block, Section
        from reviews.models import ReviewRound

        User = get_user_model()
        self.review_round = ReviewRound.objects.get()
        self.sections = list(
            Section.objects.filter(version__in=self.review_round.versions.all()).order_by("version_id", "order")
        )
        self.blocks: dict[int, list[tuple[str, int, str]]] = {}  # section → (key, position, text)
        blocks = Block.objects.filter(section__in=self.sections).order_by("section_id", "position")
        for section_id, key, position, text in blocks.values_list("section_id", "key", "position", "text"):
            self.blocks.setdefault(section_id, []).append((key, position, text))
        self.states = list(MemberState.objects.order_by("country"))
        self.moderator = User.objects.get(email="moderator@example.org")
        self.drafter = User.objects.get(email="drafter@example.org")
        self.reviewer = User.objects.get(email="reviewer@example.org")
        self.text = sentences()
        rng = random.Random(SEED)  # noqa: S311 - made-up data, not security
        # Some delegations comment much more than others; Champion countries more than most.
        self.weights = [rng.uniform(0.2, 2.0) * (4 if s.is_champion else 1) for s in self.states]

    def invite_everyone(self) -> int:
        """Every Member State is in the round's audience (by group, or named when the seed changes)."""
        from champions.models import Delegation

        review_round = self.review_round
        missing = [s for s in self.states if not review_round.invites(Delegation(member_state=s))]
        if missing:
            review_round.invited_member_states.add(*missing)
            review_round.__dict__.pop("_named", None)
        invited = sum(review_round.invites(Delegation(member_state=s)) for s in self.states)
        assert invited == len(self.states), (invited, len(self.states))
        return invited

    def themes(self) -> int:
        """The working group's themes: the demo's and a dozen more, as a real round would have."""
        from reviews.models import Theme

        existing = set(Theme.objects.values_list("name_en", flat=True))
        for en, fr, es in THEMES:
            if en not in existing:
                Theme.objects.create(name_en=en, name_fr=fr, name_es=es)
        return Theme.objects.count()

    def delegation_users(self) -> dict[int, int]:
        """One focal point per Member State (the demo's own for Morocco): the comments' authors."""
        from django.contrib.auth import get_user_model
        from django.contrib.auth.hashers import make_password

        from champions.models import Membership

        User = get_user_model()
        existing = dict(Membership.objects.filter(member_state__isnull=False).values_list("member_state_id", "user_id"))
        password = make_password(None)
        new = {
            s.pk: User(email=f"bench.{s.country.code.lower()}@example.org", full_name=f"Focal point {s.country.code}")
            for s in self.states
            if s.pk not in existing
        }
        for user in new.values():
            user.password = password
        User.objects.bulk_create(new.values())
        Membership.objects.bulk_create(
            Membership(user=user, member_state_id=state_id, role="focal_point") for state_id, user in new.items()
        )
        return {**existing, **{state_id: user.pk for state_id, user in new.items()}}


def submitted_count(world: World) -> int:
    return world.review_round.comments.filter(state="submitted").count()


def add_comments(world: World, authors: dict[int, int], total: int, step: int) -> dict:
    """Grow the round to ``total`` submitted comments; returns how many were added and the seconds of each phase."""
    from reviews.models import Comment, Submission, Theme, TriageChange

    started = time.perf_counter()
    load = {"added": total - submitted_count(world)}
    missing = load["added"]
    if missing <= 0:
        return load
    rng = random.Random(SEED + step)  # noqa: S311 - made-up data, not security
    themes = list(Theme.objects.values_list("pk", flat=True))
    opens = world.review_round.opens_at
    window = (timezone.now() - opens).total_seconds()
    now = timezone.now()
    states = rng.choices(world.states, world.weights, k=missing)
    # One formal submission per delegation and step, at a moment of the round.
    submissions = {
        state.pk: Submission(
            review_round=world.review_round,
            member_state=state,
            submitted_by_id=authors[state.pk],
            submitted_at=opens + timedelta(seconds=rng.uniform(0, window)),
            reference=f"BENCH-{step}-{state.country.code}",
            token=uuid.uuid4(),
        )
        for state in {s.pk: s for s in states}.values()
    }
    Submission.objects.bulk_create(submissions.values(), batch_size=BATCH)
    comments = []
    for state in states:
        submission = submissions[state.pk]
        section = rng.choice(world.sections)
        language = pick(rng, LANGUAGES)
        text = world.text[language]
        blocks = world.blocks.get(section.pk) or []
        block_key, paragraph, quote = "", None, ""
        if blocks and rng.random() < 0.7:
            block_key, paragraph, block_text = rng.choice(blocks)
            if rng.random() < 0.5:
                quote = block_text[:120]
        comment = Comment(
            review_round=world.review_round,
            section=section,
            block_key=block_key,
            paragraph=paragraph,
            quote=quote,
            language=language,
            kind=pick(rng, KINDS),
            body=" ".join(rng.sample(text, rng.randint(1, 4))),
            proposed_change=rng.choice(text) if rng.random() < 0.4 else "",
            author_id=authors[state.pk],
            member_state=state,
            source=pick(rng, SOURCES),
            state="submitted",
            submission=submission,
            submitted_at=submission.submitted_at,
            priority=pick(rng, PRIORITIES),
        )
        roll = rng.random()
        if roll < 0.2:
            comment.assignee = world.moderator
        elif roll < 0.3:
            comment.assignee = world.drafter
            if rng.random() < 0.3:  # the drafter proposed a response, awaiting approval
                comment.proposed_disposition = pick(rng, DECIDED)
                comment.proposed_response = rng.choice(world.text["en"])
                comment.proposed_by = world.drafter
                comment.proposed_at = now - timedelta(hours=rng.uniform(0, 48))
        if rng.random() < 0.35:
            comment.disposition = pick(rng, DECIDED)
            comment.response = rng.choice(text)
            comment.lock_version = 2
            if rng.random() < 0.5:
                comment.published_disposition, comment.published_response = comment.disposition, comment.response
                comment.published_at = now - timedelta(hours=rng.uniform(0, 72))
        comments.append(comment)
    load["build_seconds"] = round(time.perf_counter() - started, 1)
    with transaction.atomic(), gin_indexes_rebuilt(load):
        started = time.perf_counter()
        Comment.objects.bulk_create(comments, batch_size=BATCH)
        load["insert_comments_seconds"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        through = Comment.themes.through
        through.objects.bulk_create(
            (
                through(comment_id=comment.pk, theme_id=theme)
                for comment in comments
                if rng.random() < 0.25
                for theme in rng.sample(themes, rng.choice((1, 1, 2)))
            ),
            batch_size=BATCH,
        )
        TriageChange.objects.bulk_create(
            (
                TriageChange(
                    comment_id=comment.pk,
                    actor=world.moderator,
                    at=now,
                    field="disposition",
                    old="pending",
                    new=comment.disposition,
                )
                for comment in comments
                if comment.disposition != "pending"
            ),
            batch_size=BATCH,
        )
        load["insert_themes_and_changes_seconds"] = round(time.perf_counter() - started, 1)
    return load


def analyse() -> None:
    """Fresh planner statistics of every table, as autovacuum would have them after a day of comments."""
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("ANALYZE")
            return
        cursor.execute("VACUUM ANALYZE")
        try:  # the load's dirty pages written now, not by the checkpointer while pages are timed
            cursor.execute("CHECKPOINT")
        except DatabaseError:  # needs superuser or pg_checkpoint
            pass


@contextmanager
def gin_indexes_rebuilt(load: dict):
    """On PostgreSQL, the comments' GIN indexes (full text, trigrams) are built once after a bulk load.

    Growing them row by row would take most of the load's time; rebuilt, they are the
    same indexes (their definitions are read back from the catalogue), only more compact.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'reviews_comment' AND indexdef LIKE %s",
            ["% USING gin %"],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        yield
        started = time.perf_counter()
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred foreign keys, checked before CREATE INDEX
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        load["foreign_keys_and_gin_indexes_seconds"] = round(time.perf_counter() - started, 1)


# Measures --------------------------------------------------------------------------------


def measure(client: Client, path: str, runs: int) -> dict:
    response = client.get(path)  # warm-up: templates, translations, connection
    assert response.status_code == 200, (path, response.status_code)
    times, queries, slowest = [], 0, (0.0, "")
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries = len(captured)
        for query in captured.captured_queries:
            slowest = max(slowest, (float(query["time"]) * 1000, query["sql"]))
    times.sort()
    return {
        "path": path,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[math.ceil(0.95 * len(times)) - 1], 1),
        "queries": queries,
        "slowest_query_ms": round(slowest[0], 1),
        "slowest_query": slowest[1][:2000],
    }


def max_rss_bytes() -> int:
    """This process's peak resident set size.

    On Linux, getrusage's ru_maxrss also keeps the peak of the process that started this one
    (the bench, hundreds of MB once it has loaded the comments), so the same high-water mark
    is read per process from /proc (VmHWM) where it exists; getrusage elsewhere.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux


def reset_max_rss() -> int:
    """The peak RSS so far, brought down to the current RSS where Linux allows it; returns it.

    Without the reset, start-up (imports, URL resolvers) can leave a peak above anything the
    export does, and its growth would read 0.
    """
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass
    return max_rss_bytes()


def export_child(file_format: str, round_pk: int) -> None:
    """In a fresh process: export every comment of the round once untraced (time, queries, RSS), once traced."""
    check_bench_database()
    from reviews.selectors.matrix import matrix_comments
    from reviews.services.matrix import matrix_rows, write_csv, write_xlsx

    queryset = matrix_comments({"round": round_pk, "state": "submitted"})
    rows = queryset.count()

    def export(path: Path) -> None:
        if file_format == "xlsx":
            write_xlsx(matrix_rows(queryset, LANGUAGE), path)
        else:
            with path.open("w", encoding="utf-8", newline="") as stream:
                write_csv(matrix_rows(queryset, LANGUAGE), stream)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"matrix.{file_format}"
        gc.collect()
        rss_before = reset_max_rss()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            export(path)
            seconds = time.perf_counter() - start
        rss_peak = max_rss_bytes()
        rss_growth = rss_peak - rss_before
        size = path.stat().st_size
        path.unlink()
        gc.collect()
        tracemalloc.start()
        start = time.perf_counter()
        export(path)
        traced_seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    print(
        json.dumps(
            {
                "rows": rows,
                "seconds": round(seconds, 2),
                "queries": len(captured),
                "file_mb": round(size / MB, 1),
                "max_rss_growth_mb": round(rss_growth / MB, 1),
                "max_rss_mb": round(rss_peak / MB, 1),
                # getrusage as such, for comparison (on Linux it includes the parent's peak at exec)
                "ru_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "tracemalloc_peak_mb": round(peak / MB, 1),
                "traced_seconds": round(traced_seconds, 2),
            }
        )
    )


def measure_export(file_format: str, round_pk: int) -> dict:
    connection.close()  # the child opens its own
    done = subprocess.run(  # noqa: S603 - this very script, with fixed arguments
        [sys.executable, __file__, "--export", file_format, str(round_pk)],
        capture_output=True,
        text=True,
        check=False,
        env=os.environ.copy(),
    )
    if done.returncode:
        raise SystemExit(f"export {file_format} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# Report ----------------------------------------------------------------------------------

PAGE_HEADER = f"{'comments':>9}  {'page':<36}{'median ms':>10}{'p95 ms':>9}{'queries':>9}{'slowest q ms':>14}"
EXPORT_HEADER = (
    f"{'comments':>9}  {'export':<36}{'seconds':>10}{'queries':>9}{'file MB':>9}{'RSS MB':>9}{'RSS +MB':>9}"
    f"{'tracemalloc MB':>16}"
)


def summary(size: int, figures: dict) -> str:
    pages, exports = figures["pages"], figures["exports"]

    def page(name: str, label: str) -> str:
        return f"{label} {pages[name]['median_ms']:.0f} ms/{pages[name]['queries']} q"

    def export(name: str) -> str:
        e = exports[name]
        return (
            f"{name.upper()} {e['seconds']:.1f} s/peak RSS {e['max_rss_mb']:.0f} MB"
            f" (+{e['max_rss_growth_mb']:.0f}, tracemalloc {e['tracemalloc_peak_mb']:.0f})"
        )

    return f"{size:,} comments: " + ", ".join(
        [
            page("section (review, with comments)", "section"),
            page("triage dashboard", "dashboard"),
            page("triage list", "list"),
            page("triage list (group, kind, q)", "filtered"),
            page("triage comment", "comment"),
            export("xlsx"),
            export("csv"),
        ]
    )


def main() -> None:
    ensure_database()
    from champions.models import MemberState
    from guidance.models import Section
    from reviews.models import Comment

    world = World()
    invited = world.invite_everyone()
    themes = world.themes()
    authors = world.delegation_users()
    round_pk = world.review_round.pk
    section = Section.objects.get(version__document__slug="booklet", number="6.2")
    reviewer, moderator = Client(), Client()
    reviewer.force_login(world.reviewer)
    moderator.force_login(world.moderator)  # seed_demo set up its TOTP: the MFA middleware lets it through
    triage = f"/en/triage/comments/?round={round_pk}"
    pages = {
        "table of contents": "/en/documents/booklet/draft-1/",
        "section (reader)": f"/en/documents/booklet/draft-1/{section.anchor}/",
        "section (review, with comments)": f"/en/rounds/{round_pk}/booklet/{section.anchor}/",
        "my review": "/en/my-review/",
        "triage dashboard": f"/en/triage/?round={round_pk}",
        "triage list": triage,
        "triage list (group, kind, q)": f"{triage}&group=champion&kind=technical&q=migration",
        "triage list (objective 5)": f"{triage}&objective=5",
        "triage list (last page)": f"{triage}&page=999999",  # past the end: the last page
        "triage comment": None,  # chosen once the first comments exist
    }
    reviewer_pages = {"table of contents", "section (reader)", "section (review, with comments)", "my review"}
    results = {
        "database": connection.vendor,
        "delegations": MemberState.objects.count(),
        "invited": invited,
        "themes": themes,
        "sizes": {},
    }
    print(f"database: {connection.vendor}, {invited} Member States invited, sizes {SIZES}")
    for step, size in enumerate(SIZES):
        start = time.perf_counter()
        load = add_comments(world, authors, size, step)
        added = load["added"]
        analyse()
        inserted = time.perf_counter() - start
        if pages["triage comment"] is None:
            comment = (
                Comment.objects.filter(
                    review_round=world.review_round,
                    state="submitted",
                    section__version__document__slug="booklet",
                    assignee__isnull=False,
                    themes__isnull=False,
                )
                .exclude(block_key="")
                .order_by("pk")
                .first()
            )
            pages["triage comment"] = f"/en/triage/comments/{comment.pk}/"
        runs = runs_for(size)
        figures = {
            "comments": submitted_count(world),
            "added": added,
            "load_seconds": round(inserted, 1),  # building, inserting, indexing and VACUUM ANALYZE
            "load": load,
            "runs": runs,
            "pages": {},
            "exports": {},
        }
        results["sizes"][size] = figures
        phases = ", ".join(f"{key.removesuffix('_seconds')} {value} s" for key, value in load.items() if key != "added")
        print(f"\n{size:,} submitted comments: {added:,} added and analysed in {inserted:.1f} s ({phases})")
        print(f"{runs} runs per page")
        print(PAGE_HEADER)
        for name, path in pages.items():
            client = reviewer if name in reviewer_pages else moderator
            page = measure(client, path, runs)
            figures["pages"][name] = page
            line = (
                f"{size:>9}  {name:<36}{page['median_ms']:>10}{page['p95_ms']:>9}"
                f"{page['queries']:>9}{page['slowest_query_ms']:>14}"
            )
            print(line, flush=True)
        print(EXPORT_HEADER)
        for file_format in ("xlsx", "csv"):
            export = measure_export(file_format, round_pk)
            figures["exports"][file_format] = export
            label = f"{file_format.upper()} ({export['rows']:,} rows)"
            line = (
                f"{size:>9}  {label:<36}{export['seconds']:>10}"
                f"{export['queries']:>9}{export['file_mb']:>9}{export['max_rss_mb']:>9}{export['max_rss_growth_mb']:>9}"
                f"{export['tracemalloc_peak_mb']:>16}"
            )
            print(line, flush=True)
        figures["summary"] = summary(size, figures)
        print(figures["summary"], flush=True)
        (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2))
    print("\nSummary")
    for figures in results["sizes"].values():
        print(figures["summary"])
    print("written: bench/results.json")


if __name__ == "__main__":
    if EXPORT_CHILD:
        export_child(sys.argv[2], int(sys.argv[3]))
    else:
        main()
