"""Activities of Promoters and Convenors: briefings, references in meetings and reviews, peer learning."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from champions.enums import ChampionRoleKind
from champions.models import Activity, MemberState
from champions.services.delegations import _by
from guidance.text import clean_text

ACTIVITY_ROLES = (ChampionRoleKind.PROMOTER, ChampionRoleKind.CONVENOR)


@transaction.atomic
def activity_create(
    *,
    member_state: MemberState,
    kind: str,
    held_on: datetime.date,
    title: str,
    actor,
    description: str = "",
    link: str = "",
    countries=(),
) -> Activity:
    if not member_state.champion_roles.filter(kind__in=ACTIVITY_ROLES).exists():
        raise ValidationError(
            _("%(country)s is neither a Promoter nor a Convenor; activities are logged for these roles."),
            params={"country": member_state.name},
            code="no_role",
        )
    activity = Activity(
        member_state=member_state,
        kind=kind,
        held_on=held_on,
        title=clean_text(title).strip(),
        description=clean_text(description).strip(),
        link=link.strip(),
        created_by=actor,
    )
    activity.full_clean()
    _by(activity, actor).save()
    activity.countries.set(countries)
    return activity
