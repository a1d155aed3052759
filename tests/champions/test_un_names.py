"""The UN's official short names (champions/data/un_member_states.csv), in pages, emails and exports,
and lists sorted by the name in the reader's language."""

import csv
import re

import pytest
from django.core import mail
from django.utils import translation

from champions.countries import DATA, codes_by_name, codes_matching, country_name, name_order, un_names
from champions.models import MemberState
from champions.services.invitations import invitation_create
from champions.services.reference import member_states_load_reference
from reviews.services.matrix.rows import delegation_names
from tests.factories import MembershipFactory, MemberStateFactory, UserFactory


def names(codes, language):
    return [country_name(code, language) for code in codes]


@pytest.mark.parametrize(
    "code, language, expected",
    [
        ("MM", "fr", "Myanmar"),  # CLDR: Birmanie
        ("RU", "fr", "Fédération de Russie"),  # CLDR: Russie
        ("KP", "fr", "République populaire démocratique de Corée"),  # CLDR: Corée du Nord
        ("GY", "fr", "Guyana"),  # CLDR: Guyane
        ("MH", "fr", "Îles Marshall"),
        ("RU", "es", "Federación de Rusia"),
        ("US", "en", "United States of America"),
        ("BO", "es", "Bolivia (Estado Plurinacional de)"),
        ("ma", "es", "Marruecos"),
    ],
)
def test_a_member_state_is_named_as_the_un_names_it(code, language, expected):
    assert country_name(code, language) == expected
    state = MemberState(country=code.upper(), name_en="stored")
    with translation.override(language):
        assert (state.name, str(state), str(state.country.name)) == (expected, expected, expected)


def test_an_unknown_code_has_no_name_and_an_unknown_language_is_english():
    assert country_name("XK", "fr") == ""
    assert country_name("MA", "de") == "Morocco"
    assert MemberState(country="XK", name_en="Stored name").name == "Stored name"


def test_the_project_has_all_193_member_states_in_three_languages():
    with DATA.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(un_names()) == 193
    assert all(row["name_en"] and row["name_fr"] and row["name_es"] for row in rows)


def test_lists_are_sorted_by_the_name_in_the_readers_language():
    assert names(codes_by_name("fr")[:5], "fr") == ["Afghanistan", "Afrique du Sud", "Albanie", "Algérie", "Allemagne"]
    assert names(codes_by_name("en")[:3], "en") == ["Afghanistan", "Albania", "Algeria"]
    spanish = names(codes_by_name("es"), "es")
    assert spanish[spanish.index("Austria") : spanish.index("Austria") + 3] == ["Austria", "Azerbaiyán", "Bahamas"]
    # Accents are secondary: É sorts with E, not after Z.
    french = names(codes_by_name("fr"), "fr")
    start = french.index("Égypte")
    assert french[start : start + 10] == [
        "Égypte",
        "El Salvador",
        "Émirats arabes unis",
        "Équateur",
        "Érythrée",
        "Espagne",
        "Estonie",
        "Eswatini",
        "États-Unis d’Amérique",
        "Éthiopie",
    ]
    assert french[-1] == "Zimbabwe"
    assert spanish[spanish.index("Sudáfrica") + 1] == "Sudán"  # "sudafrica" < "sudan", as a dictionary has it


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_database_orders_as_python_does(language):
    member_states_load_reference()
    with translation.override(language):
        shown = [state.name for state in MemberState.objects.order_by(name_order())]
    assert shown == names(codes_by_name(language), language)
    assert len(shown) == 193


def test_search_finds_a_name_in_any_language_without_accents():
    assert codes_matching("marruecos") == ["MA"]
    assert codes_matching("MAROC") == ["MA"]
    assert "EG" in codes_matching("egypte")
    assert codes_matching("Fédération de Russie") == ["RU"]
    assert codes_matching("  ") == []


@pytest.fixture
def world(db):
    """Champion countries whose French and Spanish orders differ from the English one."""
    return {
        code: MemberStateFactory(country=code, iso3=code + "X", name_en=code, is_champion=True)
        for code in ["ZA", "DE", "AL", "AF", "EG", "AE", "RU"]
    }


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", ["Afghanistan", "Albania", "Egypt", "Germany", "Russian Federation", "South Africa"]),
        ("fr", ["Afghanistan", "Afrique du Sud", "Albanie", "Allemagne", "Égypte", "Fédération de Russie"]),
        ("es", ["Afganistán", "Albania", "Alemania", "Egipto", "Federación de Rusia", "Sudáfrica"]),
    ],
)
def test_the_directory_lists_un_names_in_the_readers_order(client, world, moderator, language, expected):
    client.force_login(moderator)
    response = client.get(f"/{language}/delegations/")
    shown = [state.name for state in response.context["states"]]
    assert [name for name in shown if name in expected] == expected
    page = response.content.decode()
    assert expected[-1] in page
    assert ">Russie<" not in page and "Birmanie" not in page


def test_the_directory_search_finds_a_country_by_its_name_in_another_language(client, world, moderator):
    client.force_login(moderator)
    response = client.get("/fr/delegations/", {"q": "sudafrica"})
    assert [state.country.code for state in response.context["states"]] == ["ZA"]
    response = client.get("/fr/delegations/", {"q": "egypte"})
    assert [state.country.code for state in response.context["states"]] == ["EG"]


def test_the_activity_form_lists_countries_in_the_readers_order(client, world, moderator):
    from champions.forms.programme import ActivityForm

    with translation.override("es"):
        labels = [label for _value, label in ActivityForm().fields["countries"].choices]
    assert labels == [
        "Afganistán",
        "Albania",
        "Alemania",
        "Egipto",
        "Emiratos Árabes Unidos",
        "Federación de Rusia",
        "Sudáfrica",
    ]


def test_the_invitation_email_names_the_delegation_without_an_article(
    world, moderator, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://testserver"
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            email="focal.ru@example.org",
            member_state=world["RU"],
            role="focal_point",
            language="fr",
            invited_by=moderator,
        )
    (message,) = mail.outbox
    assert message.subject.endswith("Fédération de Russie")
    assert "Fédération de Russie" in message.body
    assert not re.search(r"\b(au nom de|de|pour) Fédération", message.subject + message.body)


def test_exports_name_delegations_as_the_un_does(world):
    with translation.override("fr"):
        states, _organisations = delegation_names()
    assert states[world["RU"].pk] == "Fédération de Russie"
    assert states[world["AE"].pk] == "Émirats arabes unis"


def test_the_home_page_names_the_delegation_without_an_article(client, world):
    user = UserFactory(email="focal.ru@example.org", preferred_language="es")
    MembershipFactory(user=user, member_state=world["RU"], role="focal_point")
    client.force_login(user)
    page = client.get("/es/").content.decode()
    assert "<strong>Federación de Rusia</strong>" in page
    assert "en nombre de Federación" not in page


def test_the_programme_overview_lists_champions_in_the_readers_order(client, world, moderator):
    client.force_login(moderator)
    response = client.get("/es/programme/")
    shown = [state.name for state in response.context["overview"].countries]
    assert shown == [
        "Afganistán",
        "Albania",
        "Alemania",
        "Egipto",
        "Emiratos Árabes Unidos",
        "Federación de Rusia",
        "Sudáfrica",
    ]


def test_the_round_form_offers_member_states_in_the_readers_order(world):
    from reviews.forms.rounds import RoundForm

    with translation.override("fr"):
        labels = [label for _value, label in RoundForm().fields["invited_member_states"].choices]
    assert labels == [
        "Afghanistan",
        "Afrique du Sud",
        "Albanie",
        "Allemagne",
        "Égypte",
        "Émirats arabes unis",
        "Fédération de Russie",
    ]


def test_the_admin_finds_a_member_state_by_its_french_or_spanish_name(client, world, admin_user):
    client.force_login(admin_user)
    for term in ("Fédération de Russie", "federacion", "RU"):
        response = client.get("/fr/admin/champions/memberstate/", {"q": term})
        assert [state.country.code for state in response.context["cl"].result_list] == ["RU"], term
    assert "Fédération de Russie" in client.get("/fr/admin/champions/memberstate/").content.decode()


def test_the_api_names_and_orders_countries_in_the_asked_language(client, world):
    response = client.get("/api/countries/", {"lang": "es"})
    assert response.status_code == 200
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    assert [row["name"] for row in rows] == [
        "Afganistán",
        "Albania",
        "Alemania",
        "Egipto",
        "Emiratos Árabes Unidos",
        "Federación de Rusia",
        "Sudáfrica",
    ]
