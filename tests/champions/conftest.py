import pytest

from tests.factories import MembershipFactory, MemberStateFactory, UserFactory

STATES = {
    "MA": ("MAR", "Morocco", "africa", "african", True),
    "MX": ("MEX", "Mexico", "americas", "latin_american_caribbean", True),
    "FR": ("FRA", "France", "europe", "western_european_others", False),
    "KE": ("KEN", "Kenya", "africa", "african", False),
}


@pytest.fixture
def states(db):
    """Four Member States (the full list of 193 is loaded by seed_demo; see test_reference)."""
    return {
        code: MemberStateFactory(
            country=code, iso3=iso3, name_en=name, region=region, regional_group=group, is_champion=champion
        )
        for code, (iso3, name, region, group, champion) in STATES.items()
    }


@pytest.fixture
def reviewer_a(states):
    """Focal point of Morocco (delegation A)."""
    user = UserFactory(email="a@example.org", preferred_language="fr")
    MembershipFactory(user=user, member_state=states["MA"], role="focal_point")
    return user


@pytest.fixture
def reviewer_b(states):
    """Contributor of Mexico (delegation B)."""
    user = UserFactory(email="b@example.org", preferred_language="es")
    MembershipFactory(user=user, member_state=states["MX"], role="contributor")
    return user
