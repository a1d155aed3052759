"""The API answers as its own OpenAPI schema says (schemathesis, run inside the suite on the WSGI app).

Every operation gets generated requests (query parameters, path values, Accept-Language is left
to the client) with a bounded number of examples so the whole run stays well under a minute;
each answer is checked: no server error, a documented status code, content type and headers,
and a body that validates against the schema.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from config.wsgi import application

# Loaded through the app itself at collection (the schema view reads no database).
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Called straight through WSGI (not Django's test client), a request would close the test's
    database connection at its end: inside the test transaction PostgreSQL's connection is "not in
    autocommit", which Django takes as unusable. Disconnect that signal as the test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_conforms_to_its_schema(case, published):
    case.call_and_validate()
