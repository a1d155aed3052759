"""The security battery reuses the review fixtures (a round on a version with sections)."""

from tests.reviews.conftest import review_round, section, version  # noqa: F401  (fixtures)
