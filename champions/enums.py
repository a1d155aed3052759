from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Region(models.TextChoices):
    """UN M49 geographic regions."""

    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    OCEANIA = "oceania", _("Oceania")


class RegionalGroup(models.TextChoices):
    """Regional groups of the UN General Assembly."""

    AFRICAN = "african", _("African States")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific States")
    EASTERN_EUROPEAN = "eastern_european", _("Eastern European States")
    LATIN_AMERICAN_CARIBBEAN = "latin_american_caribbean", _("Latin American and Caribbean States")
    WESTERN_EUROPEAN_OTHERS = "western_european_others", _("Western European and other States")


class ChampionRoleKind(models.TextChoices):
    PARTNER = "partner", _("Partner/Collaborator")
    TESTER = "tester", _("Tester/Piloter")
    PROMOTER = "promoter", _("Promoter")
    CONVENOR = "convenor", _("Convenor")


class OrganisationKind(models.TextChoices):
    PERMANENT_MISSION = "permanent_mission", _("Permanent mission")
    UN_ENTITY = "un_entity", _("UN entity")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ACADEMIA = "academia", _("Academia")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    TRADE_UNION = "trade_union", _("Trade union")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    OTHER = "other", pgettext_lazy("organisation kind", "Other")


class MembershipRole(models.TextChoices):
    FOCAL_POINT = "focal_point", _("Focal point")
    CONTRIBUTOR = "contributor", _("Contributor")


class ReviewerGroup(models.TextChoices):
    """How feedback is aggregated: derived from the delegation, never stored on comments by hand."""

    CHAMPION = "champion", _("Champion country")
    MEMBER_STATE = "member_state", _("Other Member State")
    REFERENCE_GROUP = "reference_group", _("Reference group")
    STAKEHOLDER = "stakeholder", _("Stakeholder")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("invitation status", "Pending")
    ACCEPTED = "accepted", pgettext_lazy("invitation status", "Accepted")
    EXPIRED = "expired", pgettext_lazy("invitation status", "Expired")
    REVOKED = "revoked", pgettext_lazy("invitation status", "Revoked")


class PilotStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("pilot status", "Planned")
    PREPARING = "preparing", pgettext_lazy("pilot status", "Preparing")
    IN_PROGRESS = "in_progress", pgettext_lazy("pilot status", "In progress")
    PAUSED = "paused", pgettext_lazy("pilot status", "Paused")
    COMPLETED = "completed", pgettext_lazy("pilot status", "Completed")
    WITHDRAWN = "withdrawn", pgettext_lazy("pilot status", "Withdrawn")


# The transitions a pilot may take; those marked True go back and need a reason (docs/champions.md).
PILOT_TRANSITIONS: dict[str, dict[str, bool]] = {
    PilotStatus.PLANNED: {PilotStatus.PREPARING: False, PilotStatus.IN_PROGRESS: False, PilotStatus.WITHDRAWN: False},
    PilotStatus.PREPARING: {PilotStatus.IN_PROGRESS: False, PilotStatus.WITHDRAWN: False, PilotStatus.PLANNED: True},
    PilotStatus.IN_PROGRESS: {
        PilotStatus.PAUSED: False,
        PilotStatus.COMPLETED: False,
        PilotStatus.WITHDRAWN: False,
        PilotStatus.PREPARING: True,
    },
    PilotStatus.PAUSED: {PilotStatus.IN_PROGRESS: False, PilotStatus.COMPLETED: False, PilotStatus.WITHDRAWN: False},
    PilotStatus.COMPLETED: {PilotStatus.IN_PROGRESS: True},
    PilotStatus.WITHDRAWN: {PilotStatus.PLANNED: True, PilotStatus.PREPARING: True},
}

# Colour of each status's tag (always with its text).
PILOT_STATUS_TAGS = {
    PilotStatus.PLANNED: "grey",
    PilotStatus.PREPARING: "blue",
    PilotStatus.IN_PROGRESS: "green",
    PilotStatus.PAUSED: "amber",
    PilotStatus.COMPLETED: "green",
    PilotStatus.WITHDRAWN: "red",
}


class ActivityKind(models.TextChoices):
    BRIEFING = "briefing", _("Briefing")
    INTERGOVERNMENTAL = "intergovernmental", _("Reference in an intergovernmental meeting")
    REGIONAL_REVIEW = "regional_review", _("Reference in a regional review")
    PEER_LEARNING = "peer_learning", _("Peer-learning session")


class PracticeKind(models.TextChoices):
    CASE_STUDY = "case_study", _("Case study")
    POSITIVE_PRACTICE = "positive_practice", _("Positive practice")
    LESSON_LEARNED = "lesson_learned", _("Lesson learned")


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("practice status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("practice status", "Submitted")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("practice status", "Changes requested")
    APPROVED = "approved", pgettext_lazy("practice status", "Approved")
    PUBLISHED = "published", pgettext_lazy("practice status", "Published")


class PracticeAction(models.TextChoices):
    """A step of the practice workflow: (from states, to state, who, needs a message) in PRACTICE_ACTIONS."""

    SUBMIT = "submit", pgettext_lazy("practice action", "Submit for review")
    REQUEST_CHANGES = "request_changes", pgettext_lazy("practice action", "Request changes")
    APPROVE = "approve", pgettext_lazy("practice action", "Approve")
    PUBLISH = "publish", pgettext_lazy("practice action", "Publish")
    UNPUBLISH = "unpublish", pgettext_lazy("practice action", "Withdraw from publication")


PRACTICE_TAGS = {
    PracticeStatus.DRAFT: "grey",
    PracticeStatus.SUBMITTED: "blue",
    PracticeStatus.CHANGES_REQUESTED: "amber",
    PracticeStatus.APPROVED: "green",
    PracticeStatus.PUBLISHED: "green",
}
