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
