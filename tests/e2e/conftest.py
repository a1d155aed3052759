import os
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.factories import PASSWORD, UserFactory
from tests.reviews.conftest import review_round, section, version  # noqa: F401  (fixtures)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", verbosity=0)


@pytest.fixture
def french_reviewer(transactional_db):
    return UserFactory(email="point.focal@example.org", preferred_language="fr")


def sign_in(page, live_server, user, language="en"):
    page.goto(f"{live_server.url}/{language}/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.fixture
def axe():
    """Run axe-core (WCAG 2.1 AA rules) on a page; returns the violations."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{AXE} is missing: run `npm ci` (see .ci/run)")
        pytest.skip("axe-core not installed: `npm ci` to run accessibility checks")

    def run(page):
        page.add_script_tag(path=str(AXE))
        tags = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']"
        result = page.evaluate(f"async () => await axe.run(document, {{runOnly: {{type: 'tag', values: {tags}}}}})")
        return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]

    return run
