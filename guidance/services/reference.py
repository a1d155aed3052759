"""Load the GCM objectives and guiding principles from the project's data files."""

import csv
from pathlib import Path

from django.db import transaction

from guidance.models import GuidingPrinciple, Objective

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def objectives_load_reference() -> int:
    """Create or update the 23 objectives (titles en/fr/es, short labels); returns how many changed."""
    titles = (
        {row["number"]: row for row in _rows("gcm_objective_titles.csv")}
        if (DATA / "gcm_objective_titles.csv").exists()
        else {}
    )
    changed = 0
    for row in _rows("gcm_objectives.csv"):
        translated = titles.get(row["number"], {})
        values = {
            "title_en": row["title_en"],
            "title_fr": translated.get("title_fr", ""),
            "title_es": translated.get("title_es", ""),
            "short_label_en": row["short_en"],
            "short_label_fr": row["short_fr"],
            "short_label_es": row["short_es"],
        }
        objective, created = Objective.objects.get_or_create(number=int(row["number"]), defaults=values)
        if created or any(getattr(objective, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(objective, key, value)
            objective.save()
            changed += 1
    return changed


@transaction.atomic
def guiding_principles_load_reference() -> int:
    changed = 0
    for position, row in enumerate(_rows("gcm_guiding_principles.csv"), start=1):
        values = {"position": position, "name_en": row["name_en"], "name_fr": row["name_fr"], "name_es": row["name_es"]}
        principle, created = GuidingPrinciple.objects.get_or_create(key=row["key"], defaults=values)
        if created or any(getattr(principle, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(principle, key, value)
            principle.save()
            changed += 1
    return changed
