"""Installed apps whose admin section has no French or Spanish name of its own, renamed in ours.

The admin index lists each app by its AppConfig.verbose_name: django-tasks-db says "Tasks Database
Backend" in every language and allauth's "MFA" is an English acronym (allauth's own catalogs keep it),
so a French admin read "Tasks Database Backend". INSTALLED_APPS names these subclasses instead of the
packages; labels, models and migrations stay the packages' own.
"""

from allauth.mfa.apps import MFAConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")


class TwoFactorConfig(MFAConfig):
    verbose_name = _("Two-factor authentication")
