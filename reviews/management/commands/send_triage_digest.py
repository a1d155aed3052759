from django.core.management.base import BaseCommand

from reviews.services.digest import triage_digest_send


class Command(BaseCommand):
    help = "Email the working group its daily triage digest (run daily; at most one digest per person per day)."

    def handle(self, *args, **options):
        sent = triage_digest_send()
        self.stdout.write(f"{sent} digest email(s) sent.")
