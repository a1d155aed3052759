"""Invitations: the only way an account or a membership is created.

An invitation is for one email address, to one delegation (a Member State or an
organisation), with a role and a language. The key in the link is random; only its
SHA-256 hash is stored, so a database leak gives no usable link. Single use, expiring
(``INVITATION_VALID_DAYS``), revocable; resending mints a new key and a new expiry.
"""

import datetime
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from champions.enums import InvitationStatus, MembershipRole
from champions.models import Delegation, Invitation, Membership, MemberState, Organisation
from champions.services.delegations import _by, focal_point_transfer


def _expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=settings.INVITATION_VALID_DAYS)


def invitation_check(
    *, email: str, member_state: MemberState | None, organisation: Organisation | None, role: str, language: str
) -> str:
    """Validate an invitation's fields; returns the normalised email or raises ValidationError."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": _("Enter a valid email address.")}, code="email") from error
    if (member_state is None) == (organisation is None):
        raise ValidationError(_("Choose either a Member State or an organisation."), code="delegation")
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Choose a role.")}, code="role")
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose a language.")}, code="language")
    delegation = Delegation(member_state, organisation)
    if Membership.objects.filter(delegation.q(), user__email__iexact=email, is_active=True).exists():
        raise ValidationError(
            {"email": _("%(email)s is already a member of this delegation.") % {"email": email}}, code="member"
        )
    return email


@transaction.atomic
def invitation_create(
    *,
    email: str,
    member_state: MemberState | None = None,
    organisation: Organisation | None = None,
    role: str,
    language: str,
    invited_by,
    send: bool = True,
) -> Invitation:
    """Create (or renew and resend) the invitation of ``email`` to a delegation."""
    email = invitation_check(
        email=email, member_state=member_state, organisation=organisation, role=role, language=language
    )
    delegation = Delegation(member_state, organisation)
    pending = (
        Invitation.objects.select_for_update()
        .filter(delegation.q(), email=email)
        .filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    invitation = pending or Invitation(email=email, **delegation.fields)
    invitation.role, invitation.language, invitation.invited_by = role, language, invited_by
    key = _renew_key(invitation)
    invitation.full_clean()
    _by(invitation, invited_by).save()
    if send:
        _send_on_commit(invitation, key)
    return invitation


def _renew_key(invitation: Invitation) -> str:
    key = secrets.token_urlsafe(32)
    invitation.key_hash = Invitation.hash_key(key)
    invitation.expires_at = _expiry()
    return key


def _send_on_commit(invitation: Invitation, key: str) -> None:
    invitation.sent_at = timezone.now()
    invitation.send_count += 1
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=invitation.sent_at, send_count=invitation.send_count)
    transaction.on_commit(lambda: invitation_email_send(invitation=invitation, key=key))


def invitation_accept_url(key: str, language: str) -> str:
    with translation.override(language):
        path = reverse("champions:invitation_accept", kwargs={"key": key})
    return f"{settings.SITE_URL}{path}"


def invitation_email_send(*, invitation: Invitation, key: str) -> None:
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "delegation": invitation.delegation,
            "url": invitation_accept_url(key, invitation.language),
            "inviter": invitation.invited_by,
            "days": settings.INVITATION_VALID_DAYS,
        }
        subject = render_to_string("champions/email/invitation_subject.txt", context).strip()
        body = render_to_string("champions/email/invitation_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status in {InvitationStatus.ACCEPTED, InvitationStatus.REVOKED}:
        raise ValidationError(
            _("This invitation was %(status)s and cannot be sent again.")
            % {"status": invitation.get_status_display().lower()},
            code="closed",
        )
    key = _renew_key(invitation)
    _by(invitation, actor).save(update_fields=["key_hash", "expires_at"])
    _send_on_commit(invitation, key)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status == InvitationStatus.ACCEPTED:
        raise ValidationError(_("This invitation was already accepted; deactivate the membership instead."))
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        _by(invitation, actor).save(update_fields=["revoked_at"])
    return invitation


def invitation_open(key: str) -> Invitation:
    """The invitation a link's key opens, or a ValidationError saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("member_state", "organisation", "invited_by")
        .filter(key_hash=Invitation.hash_key(key or ""))
        .first()
    )
    if invitation is None:
        raise ValidationError(
            _("This invitation link is not valid. Check that you copied the whole link from the email."),
            code="unknown",
        )
    messages = {
        InvitationStatus.ACCEPTED: _("This invitation has already been used. Sign in with your email address."),
        InvitationStatus.REVOKED: _("This invitation has been withdrawn. Contact the secretariat if you need access."),
        InvitationStatus.EXPIRED: _("This invitation has expired. Ask the secretariat to send you a new one."),
    }
    if invitation.status in messages:
        raise ValidationError(messages[invitation.status], code=invitation.status)
    return invitation


def _membership_for(invitation: Invitation, user) -> Membership:
    delegation = invitation.delegation
    membership = Membership.objects.filter(delegation.q(), user=user).first()
    if membership is None:
        membership = _by(
            Membership(user=user, role=MembershipRole.CONTRIBUTOR, **delegation.fields), invitation.invited_by
        )
        membership.full_clean()
        membership.save()
    elif not membership.is_active:
        membership.is_active = True
        _by(membership, invitation.invited_by).save(update_fields=["is_active"])
    if invitation.role == MembershipRole.FOCAL_POINT:
        focal_point_transfer(to=membership, actor=invitation.invited_by)
    return membership


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """A signed-in user accepts an invitation sent to their own address."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError(_("This invitation can no longer be used."), code=invitation.status)
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("This invitation is for %(email)s. Sign out, then open the link again.") % {"email": invitation.email},
            code="other_user",
        )
    membership = _membership_for(invitation, user)
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    _by(invitation, user).save(update_fields=["accepted_at", "accepted_by"])
    EmailAddress.objects.update_or_create(
        user=user,
        email__iexact=invitation.email,
        defaults={"email": invitation.email, "verified": True, "primary": True},
    )
    return membership


@transaction.atomic
def invitation_accept_new_account(*, invitation: Invitation, full_name: str, password: str):
    """Create the account of an invited person (their address is verified by the link) and accept."""
    User = get_user_model()
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            _("An account already exists for %(email)s. Sign in to accept the invitation.")
            % {"email": invitation.email},
            code="exists",
        )
    user = User(email=invitation.email, full_name=full_name.strip(), preferred_language=invitation.language)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user._history_user = invitation.invited_by
    user._change_reason = "created"
    user.save()
    invitation_accept(invitation=invitation, user=user)
    return user
