"""Print the current two-factor (TOTP) code of the demo accounts (``seed_demo``).

The demo admin, moderator and drafter share one published TOTP secret; this prints the code an
authenticator app would show now, with allauth's own TOTP functions (no other package needed).
It knows only the demo secret: it never reads a real account's authenticator.
"""

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from config.management.commands.seed_demo import DEMO_TOTP_SECRET, refuse_outside_demo


def current_code(secret: str = DEMO_TOTP_SECRET, at: float | None = None) -> str:
    counter = int(time.time() if at is None else at) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo admin, moderator and drafter accounts."

    def handle(self, *args, **options):
        refuse_outside_demo()
        self.stdout.write(current_code())
