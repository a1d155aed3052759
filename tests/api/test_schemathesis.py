"""The API answers as its own OpenAPI schema says (schemathesis, run inside the suite on the WSGI app).

Every operation gets generated requests (query parameters, path values, Accept-Language is left
to the client) with a bounded number of examples so the whole run stays well under a minute;
each answer is checked: no server error, a documented status code, content type and headers,
and a body that validates against the schema.
"""

import schemathesis
from hypothesis import HealthCheck, settings

from config.wsgi import application

# Loaded through the app itself at collection (the schema view reads no database).
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_conforms_to_its_schema(case, published):
    case.call_and_validate()
