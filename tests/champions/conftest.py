"""Fixtures shared with the reviews tests live in tests/conftest.py (states, reviewer_a, reviewer_b).

The Champions programme: Morocco (focal point ``reviewer_a``) is Tester and Promoter, Mexico
(focal point ``focal_mx``, contributor ``reviewer_b``) is Tester and Convenor.
"""

import pytest

from champions.models import ChampionRole
from champions.services.pilots import pilot_create
from tests.factories import MembershipFactory, ObjectiveFactory, UserFactory, VersionFactory


@pytest.fixture
def programme(states):
    for code, kinds in {"MA": ["tester", "promoter"], "MX": ["tester", "convenor"]}.items():
        for kind in kinds:
            ChampionRole.objects.create(member_state=states[code], kind=kind)
    return states


@pytest.fixture
def piloted_version(db):
    return VersionFactory(document__slug="booklet", slug="draft-1", status="in_review")


@pytest.fixture
def contributor_ma(states):
    user = UserFactory(email="contributor.ma@example.org")
    MembershipFactory(user=user, member_state=states["MA"], role="contributor")
    return user


@pytest.fixture
def focal_mx(states):
    user = UserFactory(email="focal.mx@example.org", preferred_language="es")
    MembershipFactory(user=user, member_state=states["MX"], role="focal_point")
    return user


@pytest.fixture
def pilot_ma(programme, piloted_version, reviewer_a):
    return pilot_create(
        member_state=programme["MA"],
        title="Labour mobility pilot",
        version=piloted_version,
        objectives=[ObjectiveFactory(number=5)],
        actor=reviewer_a,
    )


@pytest.fixture
def pilot_mx(programme, piloted_version, focal_mx):
    return pilot_create(
        member_state=programme["MX"], title="Consular protection pilot", version=piloted_version, actor=focal_mx
    )
