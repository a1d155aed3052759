"""Reads about accounts and their roles."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from accounts.roles import DRAFTERS, MODERATORS


def working_group_users() -> QuerySet:
    """Active moderators, drafters and administrators: the people comments can be assigned to."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=[MODERATORS, DRAFTERS]) | Q(is_superuser=True), is_active=True)
        .distinct()
    )


def moderator_users() -> QuerySet:
    """Active moderators (administrators included): those who decide, approve and publish."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=MODERATORS) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("email")
    )
