from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from guidance.models import Document
from guidance.services import guidance_import
from guidance.services.parsing import import_size_check, parse_file


class Command(BaseCommand):
    help = "Import a .docx or .md file into one language of a document version (see docs/guidance.md)."

    def create_parser(self, prog_name, subcommand, **kwargs):
        # The interface uses --version for the version label, so it replaces Django's own --version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--document", required=True, help="Document slug, e.g. guide or booklet.")
        parser.add_argument("--version", required=True, dest="version_label", help="Version label, e.g. 'Draft 1'.")
        parser.add_argument("--language", required=True, choices=[code for code, _ in settings.LANGUAGES])

    def handle(self, *args, file: Path, document: str, version_label: str, language: str, **options):
        document_obj = Document.objects.filter(slug=document).first()
        if document_obj is None:
            known = (
                ", ".join(Document.objects.values_list("slug", flat=True)) or "none (run seed_demo or use the admin)"
            )
            raise CommandError(f"Unknown document '{document}'. Known documents: {known}.")
        try:
            import_size_check(file.stat().st_size)  # before reading a huge file into memory
            sections = parse_file(name=file.name, content=file.read_bytes())
            report = guidance_import(
                document=document_obj, version_label=version_label, language=language, sections=sections
            )
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except ValidationError as error:
            messages = error.messages
            if len(messages) == 1:
                raise CommandError(f"{messages[0]} Nothing was imported.") from error
            details = "\n".join(f"  - {message}" for message in messages)
            raise CommandError(f"The file does not match the English text; nothing was imported:\n{details}") from error
        self.stdout.write(self.style.SUCCESS(report.summary()))
        for notice in report.notices:  # what was converted or not kept, with where it was
            self.stdout.write(self.style.WARNING(f"  ! {notice}"))
