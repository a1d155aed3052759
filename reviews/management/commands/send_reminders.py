from django.core.management.base import BaseCommand

from reviews.services.reminders import reminders_send


class Command(BaseCommand):
    help = "Email reminders before rounds close (run daily; never sends the same reminder twice)."

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"{sent} reminder email(s) sent.")
