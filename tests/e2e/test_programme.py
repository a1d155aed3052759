"""The Champions programme in a real browser, in Spanish: a focal point of Mexico moves a pilot on with a
note and submits a case study; a moderator asks for changes, then approves and publishes it; an
anonymous visitor finds it on the public list filtered by its objective."""

import pytest
from playwright.sync_api import expect

from champions.models import ChampionRole, Practice
from champions.services.pilots import pilot_create
from tests.e2e.test_triage import sign_in  # noqa: F401 - the fixture: one browser context per person
from tests.factories import MembershipFactory, ObjectiveFactory, UserFactory, VersionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Ventanilla única para trabajadores migrantes"


@pytest.fixture
def mexico(states, moderator):
    ChampionRole.objects.create(member_state=states["MX"], kind="tester")
    focal = UserFactory(email="punto.focal@example.org", full_name="Lucía Hernández", preferred_language="es")
    MembershipFactory(user=focal, member_state=states["MX"], role="focal_point")
    version = VersionFactory(document__slug="booklet", slug="draft-1", status="in_review")
    pilot = pilot_create(member_state=states["MX"], title="Piloto de movilidad laboral", version=version, actor=focal)
    return {"focal": focal, "pilot": pilot, "objective": ObjectiveFactory(number=5)}


def step(page, action: str, message: str = ""):
    if message:
        page.locator("textarea[name=message]").fill(message)
    page.locator(f"button[name=action][value={action}]").click()
    page.wait_for_load_state()


def test_a_case_study_from_a_pilot_to_its_public_page(sign_in, live_server, mexico, moderator):  # noqa: F811
    focal = sign_in(mexico["focal"], "es")
    focal.goto(f"{live_server.url}/es/programme/pilots/{mexico['pilot'].pk}/")
    focal.locator("select[name=status]").select_option("preparing")
    focal.locator("textarea[name=note]").fill("El ministerio designó al equipo del piloto.")
    focal.locator("form:has(input[name=action][value=status]) button[type=submit]").click()
    expect(focal.locator(".timeline")).to_contain_text("El ministerio designó al equipo del piloto.")
    expect(focal.locator("html")).to_have_attribute("lang", "es")

    focal.goto(f"{live_server.url}/es/programme/mx/practices/new/")
    focal.locator("select[name=kind]").select_option("case_study")
    focal.locator(f"input[name=objectives][value='{mexico['objective'].pk}']").check()
    focal.locator("input[name=title_es]").fill(TITLE)
    focal.locator("textarea[name=summary_es]").fill("Un solo lugar para los trámites de llegada.")
    focal.locator("textarea[name=body_es]").fill("El piloto reunió los servicios en **una** ventanilla.")
    focal.locator("main form button[type=submit]").click()
    focal.wait_for_load_state()
    step(focal, "submit")
    practice = Practice.objects.get()
    assert practice.status == "submitted"

    wg = sign_in(moderator)
    wg.goto(f"{live_server.url}/en/programme/practices/{practice.pk}/")
    step(wg, "request_changes", "Please add the number of people served.")
    expect(wg.locator("main .tag").first).to_have_text("Changes requested")

    focal.reload()
    expect(focal.locator(".thread")).to_contain_text("Please add the number of people served.")
    step(focal, "submit", "Añadimos las cifras: 1.200 personas atendidas.")

    wg.reload()
    step(wg, "approve")
    step(wg, "publish")
    practice.refresh_from_db()
    assert practice.status == "published"

    visitor = wg.context.browser.new_context().new_page()
    visitor.goto(f"{live_server.url}/es/practices/")
    visitor.locator("select[name=objective]").select_option("5")
    visitor.locator("form.filters button[type=submit]").click()
    visitor.wait_for_load_state()
    assert "objective=5" in visitor.url
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.locator("h1")).to_have_text(TITLE)
    expect(visitor.locator(".section-text strong")).to_have_text("una")
    visitor.context.close()
