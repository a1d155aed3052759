"""The champions app's models: delegations (Member States, organisations, memberships,
invitations) and the Champions programme (pilots, activities, practices)."""

from champions.models.delegations import (
    ChampionRole,
    Delegation,
    DelegationOwned,
    Invitation,
    Membership,
    MemberState,
    Organisation,
    delegation_fields,
    one_delegation,
)
from champions.models.programme import (
    Activity,
    Pilot,
    PilotFeedback,
    PilotStatusChange,
    PilotUpdate,
    PilotUpdateAttachment,
    Practice,
    PracticeMessage,
    StoredFile,
)

__all__ = [
    "Activity",
    "ChampionRole",
    "Delegation",
    "DelegationOwned",
    "Invitation",
    "MemberState",
    "Membership",
    "Organisation",
    "Pilot",
    "PilotFeedback",
    "PilotStatusChange",
    "PilotUpdate",
    "PilotUpdateAttachment",
    "Practice",
    "PracticeMessage",
    "StoredFile",
    "delegation_fields",
    "one_delegation",
]
