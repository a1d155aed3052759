import csv
from pathlib import Path

from django.db import transaction

from champions.models import MemberState

DATA = Path(__file__).resolve().parent.parent / "data"


@transaction.atomic
def member_states_load_reference() -> int:
    """Create or update the 193 UN Member States with their region and regional group."""
    with (DATA / "un_member_state_regions.csv").open(encoding="utf-8", newline="") as handle:
        regions = {row["alpha2"]: row for row in csv.DictReader(handle)}
    changed = 0
    with (DATA / "un_member_states.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            extra = regions.get(row["alpha2"], {})
            values = {
                "iso3": row["alpha3"],
                "name_en": row["name_en"],
                "region": extra.get("region", ""),
                "regional_group": extra.get("regional_group", ""),
            }
            state = MemberState.objects.filter(country=row["alpha2"]).first()
            if state is None:
                MemberState.objects.create(country=row["alpha2"], **values)
                changed += 1
            elif any(getattr(state, key) != value for key, value in values.items()):
                MemberState.objects.filter(pk=state.pk).update(**values)
                changed += 1
    return changed
