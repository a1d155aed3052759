from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager, _user_has_perm
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

RULES_ONLY_PREFIXES = ("reviews.",)


class EmailUserManager(UserManager):
    """Users log in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Pages and emails are shown in this language after you sign in."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        help_text=_("Dates and deadlines are shown in this time zone."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = EmailUserManager()
    # Who changed an account, when and what (passwords and login times are not history).
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def has_perm(self, perm, obj=None) -> bool:
        """Superusers have every permission except those guarding delegations' own work.

        A delegation's drafts are its own until submitted: for ``reviews.*`` permissions the
        secretariat is treated like a moderator by the rules (docs/accounts.md). A deactivated
        account has no permission at all, whatever its groups and memberships still say.
        """
        if not self.is_active:
            return False  # as Django's own backend answers: a deactivated account may do nothing
        if self.is_superuser and not perm.startswith(RULES_ONLY_PREFIXES):
            return True
        return _user_has_perm(self, perm, obj)

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class AuditAction(models.TextChoices):
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    SIGN_OUT = "sign_out", _("Signed out")
    SECOND_FACTOR_ADDED = "second_factor_added", _("Two-factor authentication set up")
    SECOND_FACTOR_REMOVED = "second_factor_removed", _("Two-factor authentication removed")
    PERMISSION_DENIED = "permission_denied", _("Access refused")
    ROLE_GRANTED = "role_granted", _("Role granted")
    ROLE_REVOKED = "role_revoked", _("Role withdrawn")
    ACCOUNT_CHANGED = "account_changed", _("Account status changed")
    MEMBERSHIP_ADDED = "membership_added", _("Membership added")
    MEMBERSHIP_CHANGED = "membership_changed", _("Membership changed")
    MEMBERSHIP_REMOVED = "membership_removed", _("Membership removed")
    DISPOSITION = "disposition", _("Disposition recorded")
    PUBLICATION = "publication", _("Responses published")
    EXPORT = "export", _("Export downloaded")


class AuditEventQuerySet(models.QuerySet):
    """Append-only from the application: rows are added, never changed or removed (docs/security.md)."""

    def update(self, **kwargs):
        raise PermissionError("The audit log is append-only.")

    def delete(self):
        raise PermissionError("The audit log is append-only.")


class AuditEvent(models.Model):
    """Who did what, when and from where: one row per security-relevant event (accounts.audit)."""

    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # The account as it was named at the time (kept if the account is later renamed or removed).
    actor_label = models.CharField(_("account"), max_length=254, blank=True)
    action = models.CharField(_("what"), max_length=32, choices=AuditAction.choices, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=300, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("from (IP address)"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    path = models.CharField(_("address"), max_length=500, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["actor", "-at"], name="auditevent_actor_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label or '—'} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log is append-only.")
