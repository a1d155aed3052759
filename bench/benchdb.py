"""The database a bench script runs on: its own, never the main one, created afresh with the demo data.

    benchdb.setup_django("guidance_review_bench_x")   # before importing any model
    ...
    benchdb.fresh_database("guidance_review_bench_x")

With ``DATABASE_URL`` set, the named database on the same PostgreSQL server (dropped and
recreated); otherwise a SQLite file in a temporary folder.
"""

import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def setup_django(database: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if "DATABASE_URL" in os.environ:
        os.environ["DATABASE_URL"] = urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{database}"))
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    import django

    django.setup()


def fresh_database(database: str) -> None:
    """Drop and recreate ``database`` (PostgreSQL), then migrate and load the demo data."""
    from django.core.management import call_command
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "postgresql":
        assert db["NAME"] == database, db["NAME"]
        import psycopg2

        admin = psycopg2.connect(host=db["HOST"], port=db["PORT"], user=db["USER"], dbname="postgres")
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {database}")
        admin.close()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
