"""URLs of the comment-matrix exports and the matrix upload (included in reviews/urls.py)."""

from django.urls import path

from reviews import export_views

urlpatterns: list = [
    path("triage/export/", export_views.MatrixExportView.as_view(), name="matrix_export"),
    path("triage/exports/", export_views.ExportJobListView.as_view(), name="export_list"),
    path("triage/exports/<uuid:pk>/", export_views.ExportJobView.as_view(), name="export_job"),
    path("triage/exports/<uuid:pk>/download/", export_views.ExportDownloadView.as_view(), name="export_download"),
    path("triage/matrix/upload/", export_views.MatrixUploadView.as_view(), name="matrix_upload"),
    path("triage/matrix/upload/confirm/", export_views.MatrixConfirmView.as_view(), name="matrix_upload_confirm"),
    path(
        "triage/rounds/<int:pk>/disposition.docx",
        export_views.DispositionReportDocxView.as_view(),
        name="disposition_docx",
    ),
]
