"""The route-by-role matrix (issue 9): every URL pattern × kind of user × method answers as the table says.

The table is tests/security/route_matrix.py; docs/security.md ("Route matrix") says how to read it
and how to add a row. A new URL pattern without a row fails ``test_every_pattern_has_a_row``. Each
kind of user walks every row once, in a world built once for it (tests/security/route_world.py);
every request runs in a transaction that is rolled back, so an empty POST that does something
(discard a draft, close the round, sign out) changes nothing for the next row. All differences of
one user are reported together. Rows marked ``xfail`` are known gaps: ``test_known_gap`` expects
each to fail, strictly.

``ROUTE_MATRIX_DUMP=<folder>`` writes what each user actually got (``<folder>/<user>.json``, in the
table's tokens): a help to write a new row — then write what the application *should* answer.
"""

import json
import os
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import Client
from tests.security.route_matrix import ROUTES, TOKENS, USERS, Row
from tests.security.route_world import build_world

pytestmark = pytest.mark.django_db

METHODS = ("get", "post")


def patterns(entries=None, prefix="", namespace=""):
    """(key, route) of every pattern Django knows: its ``namespace:name``, or its route if unnamed."""
    for entry in get_resolver().url_patterns if entries is None else entries:
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace or ""]))
            yield from patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            yield (":".join(filter(None, [namespace, entry.name])) if entry.name else route), route


def test_every_pattern_has_a_row():
    known = {key for key, _ in patterns()}
    rows = {key.partition("@")[0] for key in ROUTES}
    assert {"missing from the table": sorted(known - rows), "no such pattern": sorted(rows - known)} == {
        "missing from the table": [],
        "no such pattern": [],
    }


def test_the_table_is_well_formed():
    for key, row in ROUTES.items():
        for method in METHODS:
            row.expected(method)  # nine tokens, each one the table knows
        assert (row.path is not None) == ("/" in key or key == "favicon.ico"), key  # unnamed: a path
        assert set(row.xfail) <= {f"{who}:{method}" for who in USERS for method in METHODS}, key


def url_of(world, key: str, row: Row) -> str:
    if row.path is not None:
        url = row.path(world)
    else:
        arguments = row.kwargs(world) if row.kwargs else {}
        name = key.partition("@")[0]
        url = reverse(name, args=arguments) if isinstance(arguments, tuple) else reverse(name, kwargs=arguments)
    return f"{url}?{row.query}" if row.query else url


def token_of(status: int, location: str) -> str:
    """An answer in the table's tokens."""
    if status in (301, 302):
        path = location.split("?")[0]
        for token, (expected_status, start) in TOKENS.items():
            if status == expected_status and matches_location(start, location):
                return token
        return f"{status}:{path}"
    return str(status)


def matches_location(start: str, location: str) -> bool:
    if start.endswith("$"):
        return location.split("?")[0] == start[:-1]
    return location.startswith(start)


def answers(expected, status: int, location: str) -> bool:
    if isinstance(expected, tuple):
        return status == expected[0] and matches_location(expected[1], location)
    return status == expected


def ask(client, method: str, url: str) -> tuple[int, str]:
    """One request, undone afterwards: its transaction is rolled back and the client's cookies restored."""
    cookies = SimpleCookie()
    cookies.load(client.cookies.output(header="", sep=";"))
    try:
        with transaction.atomic():
            try:
                response = getattr(client, method)(url)
            except Exception as error:  # noqa: BLE001 - a 500 is an answer the table reports
                return 500, type(error).__name__
            finally:
                transaction.set_rollback(True)
        # Close files of streamed answers as the test client does, without request_finished closing
        # the database connection (on PostgreSQL that would end the test's transaction).
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
        return response.status_code, response.get("Location", "")
    finally:
        client.cookies = cookies


def signed_in_client(world, who: str) -> Client:
    client = Client()
    user = world.users[who]
    if user is not None:
        client.force_login(user, second_factor=not who.endswith("_1fa"))
    return client


@pytest.mark.parametrize("who", USERS)
def test_every_route_answers_as_the_table_says(who):
    world = build_world()
    client = signed_in_client(world, who)
    differences, seen = [], {}
    for key, row in ROUTES.items():
        url = url_of(world, key, row)
        for method in METHODS:
            status, location = ask(client, method, url)
            seen.setdefault(key, []).append(token_of(status, location))
            if f"{who}:{method}" in row.xfail:
                continue  # a known gap: test_known_gap holds it
            expected = row.expected(method, world)[who]
            if not answers(expected, status, location):
                differences.append(f"{method.upper()} {url} [{key}]: expected {expected}, got {status} {location}")
    if folder := os.environ.get("ROUTE_MATRIX_DUMP"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{who}.json").write_text(json.dumps(seen, indent=1))
    assert differences == [], f"{len(differences)} answers differ from the table for {who}:\n" + "\n".join(differences)


KNOWN_GAPS = [
    pytest.param(
        key,
        marks=pytest.mark.xfail(strict=True, raises=AssertionError, reason=" / ".join(sorted(set(row.xfail.values())))),
        id=key,
    )
    for key, row in ROUTES.items()
    if row.xfail
]


@pytest.mark.parametrize(
    "key", KNOWN_GAPS or [pytest.param(None, marks=pytest.mark.skip(reason="no known gap"), id="none")]
)
def test_known_gap(key):
    """Each row with known gaps, checked on those cells only: it fails until the application is fixed."""
    row, world = ROUTES[key], build_world()
    differences = []
    for cell in row.xfail:
        who, _, method = cell.partition(":")
        url = url_of(world, key, row)
        status, location = ask(signed_in_client(world, who), method, url)
        expected = row.expected(method, world)[who]
        if not answers(expected, status, location):
            differences.append(f"{who} {method.upper()} {url}: expected {expected}, got {status} {location}")
    assert differences == []
