"""Writes on accounts (see STYLE.md)."""

from allauth.usersessions.models import UserSession
from django.db import transaction


def sessions_end(user) -> int:
    """Sign the user out everywhere (allauth's user sessions)."""
    sessions = list(UserSession.objects.filter(user=user))
    for session in sessions:
        session.end()
    return len(sessions)


@transaction.atomic
def user_set_active(*, user, active: bool, actor):
    """Deactivating an account signs it out everywhere at once (and Django refuses inactive users)."""
    if user.is_active == active:
        return user
    user.is_active = active
    user._history_user = actor
    user._change_reason = "reactivated" if active else "deactivated"  # shown, translated, in timelines
    user.save(update_fields=["is_active"])
    if not active:
        transaction.on_commit(lambda: sessions_end(user))
    return user


@transaction.atomic
def user_update_profile(*, user, full_name: str, preferred_language: str, time_zone: str):
    user.full_name, user.preferred_language, user.time_zone = full_name.strip(), preferred_language, time_zone
    user.full_clean(exclude=["password"])
    user._history_user = user
    user._change_reason = "profile"
    user.save(update_fields=["full_name", "preferred_language", "time_zone"])
    return user
