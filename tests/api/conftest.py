import pytest

from champions.models import ChampionRole
from champions.services.pilots import pilot_create
from tests.factories import GuidingPrincipleFactory, ObjectiveFactory, PracticeFactory, VersionFactory


@pytest.fixture
def published(states, moderator):
    """Morocco (Tester, Promoter) with a pilot; two published practices, one of each other status; a final version."""
    for kind in ("tester", "promoter"):
        ChampionRole.objects.create(member_state=states["MA"], kind=kind)
    final = VersionFactory(document__slug="guide", slug="final", label="Final 2027", status="final")
    VersionFactory(document=final.document, slug="draft-9", status="in_review")
    pilot = pilot_create(
        member_state=states["MA"],
        title="Labour mobility pilot",
        version=final,
        objectives=[ObjectiveFactory(number=5)],
        actor=moderator,
    )
    one = PracticeFactory(member_state=states["MA"], status="published", title_en="One-stop shop", title_fr="Guichet")
    one.objectives.set([ObjectiveFactory(number=5)])
    one.principles.set([GuidingPrincipleFactory(key="human-rights")])
    two = PracticeFactory(member_state=states["MX"], status="published", kind="lesson_learned", title_en="Consulates")
    hidden = [
        PracticeFactory(member_state=states["MA"], status=status)
        for status in ("draft", "submitted", "changes_requested", "approved")
    ]
    return {"pilot": pilot, "practices": [one, two], "hidden": hidden, "version": final}
