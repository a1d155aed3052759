"""Delegations (Member States and organisations), the people who speak for them, and invitations.

A *delegation* is either a Member State or an organisation; a ``Membership`` ties a user
to exactly one of them with a role (focal point or contributor). The reviewer group used
to aggregate feedback is derived from the delegation (see ``reviewer_group``).
"""

import hashlib

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


class Membership(models.Model):
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
    def delegation(self) -> MemberState | Organisation:
        return self.member_state or self.organisation

    @property
    def reviewer_group(self) -> str:
        if self.member_state_id:
            return ReviewerGroup.CHAMPION if self.member_state.is_champion else ReviewerGroup.MEMBER_STATE
        return self.organisation.reviewer_group


class Invitation(models.Model):
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
    def delegation(self) -> MemberState | Organisation:
        return self.member_state or self.organisation

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
