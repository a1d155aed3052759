"""seed_demo's Champions programme: every new page has something real to show, and a second run adds nothing."""

import pytest
from django.core.management import call_command

from champions.models import Activity, Pilot, PilotUpdate, Practice
from reviews.models import Comment


@pytest.mark.django_db
def test_the_demo_programme_covers_every_state_and_is_idempotent():
    call_command("seed_demo", verbosity=0)
    counts = (Pilot.objects.count(), PilotUpdate.objects.count(), Activity.objects.count(), Practice.objects.count())
    assert set(Pilot.objects.values_list("status", flat=True)) == {"in_progress", "completed", "preparing", "paused"}
    assert set(Practice.objects.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "changes_requested",
        "approved",
        "published",
    }
    published = Practice.objects.filter(status="published")
    assert {p.original_language for p in published} == {"en", "fr", "es"}
    assert Comment.objects.filter(source="pilot").count() == 1
    call_command("seed_demo", verbosity=0)
    again = (Pilot.objects.count(), PilotUpdate.objects.count(), Activity.objects.count(), Practice.objects.count())
    assert again == counts == (4, 4, 5, 7)
