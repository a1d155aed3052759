import datetime

import pytest
from django.utils import timezone

from champions.enums import ReviewerGroup
from champions.models import Delegation
from reviews.models import ReviewRound
from reviews.services.comments import comment_create
from tests.factories import (
    BlockFactory,
    MembershipFactory,
    ObjectiveFactory,
    SectionFactory,
    UserFactory,
    VersionFactory,
)


@pytest.fixture
def version(db):
    return VersionFactory(document__slug="booklet", slug="draft-1", status="in_review")


@pytest.fixture
def section(version):
    section = SectionFactory(version=version, anchor="objective-5", number="1", order=1, title_en="Objective 5")
    BlockFactory(
        section=section, key="para01", position=1, text_en="Regular pathways matter.", text_fr="Les filières comptent."
    )
    BlockFactory(section=section, key="para02", position=2, text_en="Second paragraph.")
    return section


@pytest.fixture
def objective_section(section):
    """The section, about GCM objective 5."""
    section.objective = ObjectiveFactory(number=5)
    section.save()
    return section


@pytest.fixture
def other_section(version):
    """A second section, about no objective."""
    return SectionFactory(version=version, anchor="general-remarks", number="2", order=2, title_en="General remarks")


@pytest.fixture
def review_round(version, moderator, states):
    review_round = ReviewRound.objects.create(
        title_en="First consultation",
        opens_at=timezone.now() - datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=10),
        audience_groups=[ReviewerGroup.CHAMPION, ReviewerGroup.MEMBER_STATE],
        created_by=moderator,
    )
    review_round.versions.add(version)
    return review_round


@pytest.fixture
def colleague_a(states):
    """A contributor of Morocco, colleague of reviewer_a (the focal point)."""
    user = UserFactory(email="colleague@example.org", preferred_language="es")
    MembershipFactory(user=user, member_state=states["MA"], role="contributor")
    return user


def close(review_round):
    review_round.opens_at = timezone.now() - datetime.timedelta(days=5)
    review_round.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    review_round.save()


def draft(review_round, section, author, member_state, **extra):
    """A draft comment through the service, with plain defaults the test may override."""
    values = {"kind": "technical", "body": "Add circular migration.", "language": "fr", **extra}
    return comment_create(
        review_round=review_round,
        section=section,
        author=author,
        delegation=Delegation(member_state=member_state),
        **values,
    )


def submitted(review_round, section, member_state, author, **extra):
    """A submitted comment of a delegation, entered through the service (as feedback received on its behalf)."""
    values = {"kind": "general", "body": "A submitted comment.", "language": "en", **extra}
    return comment_create(
        review_round=review_round,
        section=section,
        author=author,
        delegation=Delegation(member_state=member_state),
        state="submitted",
        on_behalf=True,
        **values,
    )
