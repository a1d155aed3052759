"""Views of the comment matrix: exports (at once or in the background), Word reports, and the XLSX round trip.

Moderators only (``reviews.triage``), with two-factor authentication. Every export shows
exactly the triage list's comments: it reads the list's query string with the list's form.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from champions.views.base import StagedUploadMixin
from guidance.uploads import XLSX_TYPE
from reviews import selectors
from reviews.enums import ExportFormat, ExportStatus
from reviews.forms.exports import ExportForm, MatrixUploadForm, matrix_filters
from reviews.models import ExportJob
from reviews.selectors.matrix import matrix_comments
from reviews.services.matrix import (
    DOCX_TYPE,
    MatrixUploadPreview,
    disposition_report_docx,
    export_file_name,
    export_job_create,
    matrix_csv_stream,
    matrix_docx,
    matrix_rows,
    matrix_upload_apply,
    matrix_upload_parse,
    matrix_xlsx_file,
)
from reviews.tasks import export_matrix

RECENT_JOBS = 20


class MatrixMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "reviews.triage"


def _attachment(response, name: str):
    response["Content-Disposition"] = content_disposition_header(True, name)  # a translated name may have accents
    return response


class MatrixExportView(MatrixMixin, View):
    """The filtered triage list as a file: streamed at once, or as a background job when large."""

    def get(self, request):
        query = request.GET.copy()
        for name in ("format", "page"):
            query.pop(name, None)
        file_format = ExportForm(request.GET).file_format()
        comments = matrix_comments(matrix_filters(query.urlencode()))
        language = get_language()
        if comments.count() > settings.EXPORT_INLINE_MAX_ROWS:
            job = export_job_create(
                actor=request.user, query=query.urlencode(), file_format=file_format, language=language
            )
            export_matrix.enqueue(str(job.pk))
            return redirect("reviews:export_job", pk=job.pk)
        name = export_file_name(file_format)
        if file_format == ExportFormat.CSV:
            stream = matrix_csv_stream(matrix_rows(comments, language))
            return _attachment(StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8"), name)
        if file_format == ExportFormat.DOCX:
            return _attachment(HttpResponse(matrix_docx(comments, language), content_type=DOCX_TYPE), name)
        return FileResponse(
            matrix_xlsx_file(comments, language), as_attachment=True, filename=name, content_type=XLSX_TYPE
        )


class ExportJobMixin(MatrixMixin):
    @cached_property
    def job(self) -> ExportJob:
        return get_object_or_404(ExportJob.objects.select_related("created_by"), pk=self.kwargs["pk"])


class ExportJobView(ExportJobMixin, TemplateView):
    template_name = "reviews/exports/job_detail.html"

    def get_context_data(self, **kwargs):
        running = self.job.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)
        return super().get_context_data(job=self.job, running=running, **kwargs)


class ExportDownloadView(ExportJobMixin, View):
    def get(self, request, pk):
        if self.job.status != ExportStatus.DONE or not self.job.file:
            raise Http404
        return FileResponse(self.job.file.open("rb"), as_attachment=True, filename=self.job.file_name)


class ExportJobListView(MatrixMixin, TemplateView):
    template_name = "reviews/exports/job_list.html"

    def get_context_data(self, **kwargs):
        jobs = ExportJob.objects.filter(created_by=self.request.user).order_by("-created_at")[:RECENT_JOBS]
        return super().get_context_data(jobs=jobs, **kwargs)


class DispositionReportDocxView(MatrixMixin, View):
    def get(self, request, pk):
        review_round = selectors.round_by_pk(pk)
        anonymous = request.GET.get("anonymous") == "1"
        content = disposition_report_docx(review_round, get_language(), anonymous)
        if anonymous:
            name = _("disposition-of-comments-round-%(round)s-anonymous.docx") % {"round": pk}
        else:
            name = _("disposition-of-comments-round-%(round)s.docx") % {"round": pk}
        return _attachment(HttpResponse(content, content_type=DOCX_TYPE), name)


class MatrixStageMixin(StagedUploadMixin, MatrixMixin):
    stage_key = "matrix_upload_preview"


class MatrixUploadView(MatrixStageMixin, FormView):
    """Upload an edited matrix → a preview of every change, conflict and error → confirm."""

    template_name = "reviews/exports/upload.html"
    form_class = MatrixUploadForm

    def form_valid(self, form):
        try:
            preview = matrix_upload_parse(form.cleaned_data["file"], self.request.user)
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        token = self.stage(preview.as_session())
        return self.render_to_response(self.get_context_data(form=form, preview=preview, token=token))


class MatrixConfirmView(MatrixStageMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        pending = self.unstage()
        if not pending:
            messages.error(request, _("There is nothing to apply: upload the file again."))
            return redirect("reviews:matrix_upload")
        result = matrix_upload_apply(MatrixUploadPreview.from_session(pending), request.user)
        message = ngettext("%(count)d comment was updated.", "%(count)d comments were updated.", result.changed)
        messages.success(request, message % {"count": result.changed})
        if result.conflicts:
            messages.warning(
                request,
                _("Changed by someone else since the preview, so left as they are: %(ids)s.")
                % {"ids": ", ".join(f"#{pk}" for pk in result.conflicts)},
            )
        return redirect("reviews:triage_list")
