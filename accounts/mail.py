"""Emails to one person at a time, each in the recipient's language (every app sends through this)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation


def email_in_language(user, template: str, context: dict) -> None:
    """Render ``<template>_subject.txt`` and ``<template>_message.txt`` in the user's preferred language,
    times in Geneva time, and send them to the user."""
    with translation.override(user.preferred_language), timezone.override(settings.TIME_ZONE):
        context = {**context, "user": user, "site_url": settings.SITE_URL}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
