"""URLs of reviews, grouped as the views are (one block per module of ``reviews.views``)."""

from django.urls import path

from reviews.views import comments, exports, feedback, offline, pilot, reviewing, rounds, submissions, triage

app_name = "reviews"

urlpatterns = [
    # reviewing: a participant's rounds, documents and sections
    path("my-review/", reviewing.MyReviewView.as_view(), name="my_review"),
    path("rounds/<int:pk>/", reviewing.RoundDetailView.as_view(), name="round_detail"),
    # comments: one comment, its thread and attachments
    path("comments/<int:pk>/", comments.CommentDetailView.as_view(), name="comment_detail"),
    path("comments/<int:pk>/edit/", comments.CommentEditView.as_view(), name="comment_edit"),
    path("comments/<int:pk>/copy/", comments.CommentCopyView.as_view(), name="comment_copy"),
    path("comments/<int:pk>/discard/", comments.CommentDiscardView.as_view(), name="comment_discard"),
    path("comments/<int:pk>/withdraw/", comments.CommentWithdrawView.as_view(), name="comment_withdraw"),
    path("comments/<int:pk>/merge/", comments.CommentMergeView.as_view(), name="comment_merge"),
    path("attachments/<int:pk>/", comments.AttachmentDownloadView.as_view(), name="attachment_download"),
    # submissions: submitting a delegation's drafts, the receipt
    path("rounds/<int:pk>/submit/", submissions.SubmitView.as_view(), name="submit"),
    path("submissions/<int:pk>/", submissions.ReceiptView.as_view(), name="submission_receipt"),
    path("submissions/<int:pk>/comments.docx", submissions.ReceiptDocxView.as_view(), name="submission_docx"),
    # rounds: moderators manage rounds
    path("rounds/", rounds.RoundListView.as_view(), name="round_list"),
    path("rounds/new/", rounds.RoundFormView.as_view(), name="round_create"),
    path("rounds/<int:pk>/edit/", rounds.RoundFormView.as_view(), name="round_edit"),
    path("rounds/<int:pk>/close/", rounds.RoundCloseView.as_view(), name="round_close"),
    path("rounds/<int:pk>/late/", rounds.ExtensionView.as_view(), name="round_extensions"),
    # offline: the template workbook
    path("rounds/<int:pk>/template.xlsx", offline.TemplateDownloadView.as_view(), name="template_download"),
    path("rounds/<int:pk>/upload/", offline.TemplateUploadView.as_view(), name="template_upload"),
    path("rounds/<int:pk>/upload/confirm/", offline.TemplateConfirmView.as_view(), name="template_confirm"),
    # feedback: letters and meetings, the survey
    path("rounds/<int:pk>/feedback/", feedback.FeedbackView.as_view(), name="feedback"),
    path("feedback/<int:pk>/", feedback.FeedbackDetailView.as_view(), name="feedback_detail"),
    path("feedback/<int:pk>/letter/", feedback.LetterDownloadView.as_view(), name="feedback_letter"),
    path("rounds/<int:pk>/survey/<slug:document>/", feedback.SurveyView.as_view(), name="survey"),
    # pilot: a Champion country's pilot feedback becomes comments
    path("programme/pilots/<int:pk>/feedback/", pilot.PilotFeedbackView.as_view(), name="pilot_feedback"),
    # triage: the working group
    path("triage/", triage.DashboardView.as_view(), name="triage_dashboard"),
    path("triage/comments/", triage.TriageListView.as_view(), name="triage_list"),
    path("triage/comments/<int:pk>/", triage.TriageCommentView.as_view(), name="triage_comment"),
    path("triage/comments/<int:pk>/next/", triage.TriageNextView.as_view(), name="triage_next"),
    path("triage/comments/<int:pk>/proposal/", triage.ProposalDecideView.as_view(), name="triage_proposal"),
    path("triage/queue/", triage.QueueView.as_view(), name="triage_queue"),
    path("triage/rounds/<int:pk>/publish/", triage.PublishView.as_view(), name="triage_publish"),
    path(
        "triage/rounds/<int:pk>/disposition/",
        triage.DispositionReportView.as_view(),
        name="triage_disposition_report",
    ),
    path("triage/themes/", triage.ThemeListView.as_view(), name="triage_themes"),
    path("triage/themes/new/", triage.ThemeFormView.as_view(), name="triage_theme_create"),
    path("triage/themes/<int:pk>/", triage.ThemeFormView.as_view(), name="triage_theme_edit"),
    # exports: the comment matrix, Word reports, the XLSX round trip
    path("triage/export/", exports.MatrixExportView.as_view(), name="matrix_export"),
    path("triage/exports/", exports.ExportJobListView.as_view(), name="export_list"),
    path("triage/exports/<uuid:pk>/", exports.ExportJobView.as_view(), name="export_job"),
    path("triage/exports/<uuid:pk>/download/", exports.ExportDownloadView.as_view(), name="export_download"),
    path("triage/matrix/upload/", exports.MatrixUploadView.as_view(), name="matrix_upload"),
    path("triage/matrix/upload/confirm/", exports.MatrixConfirmView.as_view(), name="matrix_upload_confirm"),
    path(
        "triage/rounds/<int:pk>/disposition.docx", exports.DispositionReportDocxView.as_view(), name="disposition_docx"
    ),
    # reviewing, last: these two would catch every other rounds/<pk>/<word>/ address above
    path("rounds/<int:round_pk>/<slug:document>/", reviewing.RoundDocumentView.as_view(), name="round_document"),
    path(
        "rounds/<int:round_pk>/<slug:document>/<slug:anchor>/",
        reviewing.ReviewSectionView.as_view(),
        name="section",
    ),
]
