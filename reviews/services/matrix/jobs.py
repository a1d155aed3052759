"""Exports of the matrix to a file: at once (small) or as a background ``ExportJob`` with its progress."""

import io
import logging
import tempfile

from django.core.files import File
from django.core.files.base import ContentFile
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reviews.enums import ExportFormat, ExportStatus
from reviews.models import Comment, ExportJob
from reviews.services.matrix.files import write_csv, write_xlsx
from reviews.services.matrix.reports import matrix_docx
from reviews.services.matrix.rows import matrix_rows

logger = logging.getLogger(__name__)


def export_file_name(file_format: str, day=None) -> str:
    """For example ``comment-matrix-2026-11-28.xlsx`` (the day in Geneva time), in the active language: the
    name the export page shows is the name of the file."""
    day = day or timezone.localdate()
    return _("comment-matrix-%(day)s.%(extension)s") % {"day": f"{day:%Y-%m-%d}", "extension": file_format}


def matrix_xlsx_file(queryset: QuerySet[Comment], language: str, *, progress=None):
    """The matrix as XLSX in an anonymous temporary file (deleted when closed), positioned at its start."""
    # The caller (a FileResponse or a job) closes it.
    handle = tempfile.TemporaryFile()
    write_xlsx(matrix_rows(queryset, language), handle, progress=progress)
    handle.seek(0)
    return handle


def matrix_csv_file(queryset: QuerySet[Comment], language: str, *, progress=None):
    handle = tempfile.TemporaryFile()  # closed by the caller
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    write_csv(matrix_rows(queryset, language), text, progress=progress)
    text.flush()
    text.detach()
    handle.seek(0)
    return handle


def export_job_create(*, actor, query: str, file_format: str, language: str) -> ExportJob:
    if file_format not in ExportFormat.values:
        file_format = ExportFormat.XLSX
    return ExportJob.objects.create(created_by=actor, query=query, format=file_format, language=language)


def export_job_run(*, job: ExportJob, queryset: QuerySet[Comment]) -> ExportJob:
    """Write the job's file, saving its progress every 1,000 rows; a failure is recorded, never raised."""
    with translation.override(job.language):  # a worker has no active language: the export's own
        name = export_file_name(job.format, timezone.localdate(job.created_at))

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(done=done)

    try:
        ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, total=queryset.count(), done=0)
        job.refresh_from_db()
        if job.format == ExportFormat.DOCX:
            job.file.save(name, ContentFile(matrix_docx(queryset, job.language)), save=False)
        else:
            writer = matrix_csv_file if job.format == ExportFormat.CSV else matrix_xlsx_file
            with writer(queryset, job.language, progress=progress) as handle:
                job.file.save(name, File(handle, name=name), save=False)
    except Exception as error:  # any failure is shown on the job's page, never as a 500
        logger.exception("Export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.FAILED,
            error=_("The export failed (%(error)s). Try again; if it fails again, tell the secretariat.")
            % {"error": error.__class__.__name__},
            finished_at=timezone.now(),
        )
    else:
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportStatus.DONE,
            file=job.file.name,
            file_name=name,
            done=job.total,
            finished_at=timezone.now(),
        )
    job.refresh_from_db()
    return job
