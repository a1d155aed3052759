"""Delegations (Member States and organisations), the people who speak for them, and invitations.

A *delegation* is either a Member State or an organisation; a ``Membership`` ties a user
to exactly one of them with a role (focal point or contributor). The reviewer group used
to aggregate feedback is derived from the delegation (see ``Delegation.reviewer_group``).

``Delegation`` is the one value for "a Member State or an organisation" (its form value
"s12" / "o3", name, reviewer group, key and filter); a model owned by exactly one
delegation declares the two keys with ``delegation_fields``, the constraint with
``one_delegation`` and inherits ``DelegationOwned`` for its ``delegation`` (docs/architecture.md).
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from champions.countries import UNCountries, country_name
from champions.enums import (
    ChampionRoleKind,
    InvitationStatus,
    MembershipRole,
    OrganisationKind,
    Region,
    RegionalGroup,
    ReviewerGroup,
)


def delegation_fields(related_name: str, on_delete=models.PROTECT):
    """A delegation is a Member State *or* an organisation: the two nullable keys (use with one_delegation)."""
    return (
        models.ForeignKey(
            "champions.MemberState",
            on_delete=on_delete,
            null=True,
            blank=True,
            related_name=related_name,
            verbose_name=_("Member State"),
        ),
        models.ForeignKey(
            "champions.Organisation",
            on_delete=on_delete,
            null=True,
            blank=True,
            related_name=related_name,
            verbose_name=_("organisation"),
        ),
    )


def one_delegation(name: str) -> models.CheckConstraint:
    """Exactly one of the two keys of ``delegation_fields`` is set."""
    return models.CheckConstraint(
        condition=(models.Q(member_state__isnull=False) & models.Q(organisation__isnull=True))
        | (models.Q(member_state__isnull=True) & models.Q(organisation__isnull=False)),
        name=name,
    )


class DelegationOwned:
    """A model owned by exactly one delegation: its ``delegation`` (None while neither key is set).

    A plain mixin, not an abstract model with the two keys: the models keep their own related
    names ("+" for some), ``on_delete`` and constraint names, which one abstract declaration
    could not all reproduce without a migration (docs/architecture.md).
    """

    @property
    def delegation(self) -> "Delegation | None":
        return Delegation.of(self)


class MemberState(models.Model):
    country = CountryField(_("country"), unique=True, countries=UNCountries)
    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    name_en = models.CharField(_("English name"), max_length=100, help_text=_("As listed by the United Nations."))
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    regional_group = models.CharField(_("regional group"), max_length=30, choices=RegionalGroup.choices, blank=True)
    is_champion = models.BooleanField(_("Champion country"), default=False)
    champion_since = models.DateField(_("Champion since"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, help_text=_("Internal notes of the secretariat."))

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("Member State")
        verbose_name_plural = _("Member States")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("champions:country_detail", kwargs={"code": self.country.code.lower()})

    @property
    def name(self) -> str:
        """The UN's official short name in the active language (champions.countries), the stored English name
        for a code the UN list does not have."""
        return country_name(self.country.code) or self.name_en

    def name_in(self, language: str) -> str:
        """The UN's name in ``language`` (en, fr, es), whatever language is active."""
        return country_name(self.country.code, language) or self.name_en


class ChampionRole(models.Model):
    member_state = models.ForeignKey(
        MemberState, on_delete=models.CASCADE, related_name="champion_roles", verbose_name=_("Member State")
    )
    kind = models.CharField(_("role"), max_length=20, choices=ChampionRoleKind.choices)
    started_on = models.DateField(_("start date"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["member_state", "kind"]
        verbose_name = _("Champion role")
        verbose_name_plural = _("Champion roles")
        constraints = [models.UniqueConstraint(fields=["member_state", "kind"], name="champion_role_unique")]

    def __str__(self) -> str:
        return f"{self.member_state} — {self.get_kind_display()}"


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("Member State"),
        help_text=_("For a permanent mission: the Member State it represents."),
    )
    in_reference_group = models.BooleanField(
        _("in the reference group"), default=False, help_text=_("Permanent missions in Geneva and other stakeholders.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind=OrganisationKind.PERMANENT_MISSION) | models.Q(member_state__isnull=False),
                name="permanent_mission_has_member_state",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def reviewer_group(self) -> str:
        return ReviewerGroup.REFERENCE_GROUP if self.in_reference_group else ReviewerGroup.STAKEHOLDER


class Membership(DelegationOwned, models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    member_state, organisation = delegation_fields("memberships")
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.CONTRIBUTOR
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["member_state__name_en", "organisation__name", "user__email"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            one_delegation("membership_one_delegation"),
            models.UniqueConstraint(fields=["user", "member_state"], name="membership_user_state_unique"),
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_user_org_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.delegation} ({self.get_role_display()})"

    @property
    def reviewer_group(self) -> str:
        return self.delegation.reviewer_group


class Invitation(DelegationOwned, models.Model):
    """A single-use, expiring invitation to a membership. Only a hash of the key is stored."""

    email = models.EmailField(_("email address"))
    member_state, organisation = delegation_fields("invitations", on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)
    send_count = models.PositiveSmallIntegerField(_("times sent"), default=0)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            one_delegation("invitation_one_delegation"),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.delegation}"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @property
    def status(self) -> str:
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    def get_status_display(self) -> str:
        return InvitationStatus(self.status).label


# A form value: "s" or "o" and the key in decimal digits. ``str.isdecimal`` is what ``int``
# reads and what a form's ``\d`` matches (so "s١" is Member State 1, as before); 18 digits fit
# any key and keep ``int`` away from huge strings.
VALUE_KINDS = {"s": MemberState, "o": Organisation}
VALUE_DIGITS = 18


@dataclass(frozen=True, eq=False)
class Delegation:
    """A Member State *or* an organisation, as one value: equal (and hashed) by ``key``."""

    member_state: MemberState | None = None
    organisation: Organisation | None = None

    def __post_init__(self):
        if (self.member_state is None) == (self.organisation is None):
            raise ValueError("A delegation is a Member State or an organisation: give exactly one.")

    @classmethod
    def of(cls, obj) -> "Delegation | None":
        """The delegation of anything with ``member_state``/``organisation``: None when neither is set,
        the Member State when a form not yet validated set both (as ``member_state or organisation`` did)."""
        if obj.member_state is not None:
            return cls(member_state=obj.member_state)
        return cls(organisation=obj.organisation) if obj.organisation is not None else None

    @staticmethod
    def parse(value) -> tuple[int | None, int | None] | None:
        """The key a form value names, without loading anything; None for anything else."""
        if not isinstance(value, str) or value[:1] not in VALUE_KINDS:
            return None
        digits = value[1:]
        if not digits.isdecimal() or len(digits) > VALUE_DIGITS:
            return None
        pk = int(digits)
        return (pk, None) if value[0] == "s" else (None, pk)

    @classmethod
    def from_value(cls, value) -> "Delegation | None":
        """The delegation a form value ("s12", "o3") names, loaded; None when malformed or not found."""
        key = cls.parse(value)
        if key is None:
            return None
        model = VALUE_KINDS[value[0]]
        found = model.objects.filter(pk=key[0] if key[0] is not None else key[1]).first()
        if found is None:
            return None
        return cls(member_state=found) if model is MemberState else cls(organisation=found)

    @property
    def owner(self) -> MemberState | Organisation:
        """The Member State or the organisation itself."""
        return self.member_state if self.member_state is not None else self.organisation

    @property
    def key(self) -> tuple[int | None, int | None]:
        """(member state id, organisation id), as ``ReviewRound.late_delegations`` holds them."""
        return (getattr(self.member_state, "pk", None), getattr(self.organisation, "pk", None))

    @property
    def value(self) -> str:
        """The form value: "s12" for a Member State, "o3" for an organisation."""
        return f"s{self.member_state.pk}" if self.member_state is not None else f"o{self.organisation.pk}"

    code = value

    @property
    def name(self) -> str:
        """The Member State's UN name in the active language, or the organisation's name (and acronym)."""
        return str(self.owner)

    @property
    def reviewer_group(self) -> str:
        if self.member_state is not None:
            return ReviewerGroup.CHAMPION if self.member_state.is_champion else ReviewerGroup.MEMBER_STATE
        return self.organisation.reviewer_group

    @property
    def fields(self) -> dict:
        """The two keys as model fields, to create or look up a row owned by this delegation."""
        return {"member_state": self.member_state, "organisation": self.organisation}

    def q(self, prefix: str = "") -> models.Q:
        """Rows owned by this delegation (``prefix`` for a relation: ``q("comments__")``)."""
        return self.key_q(self.key, prefix)

    @staticmethod
    def key_q(key: tuple[int | None, int | None], prefix: str = "") -> models.Q:
        """Rows owned by the delegation with this key (nothing loaded)."""
        member_state_id, organisation_id = key
        return models.Q(**{f"{prefix}member_state_id": member_state_id, f"{prefix}organisation_id": organisation_id})

    def __eq__(self, other) -> bool:
        return self.key == other.key if isinstance(other, Delegation) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.key)

    def __str__(self) -> str:
        return self.name
