from django.urls import path

from reviews import pilot_views, triage_views, views
from reviews.export_urls import urlpatterns as export_urlpatterns

app_name = "reviews"

urlpatterns = [
    path("my-review/", views.MyReviewView.as_view(), name="my_review"),
    path("rounds/", views.RoundListView.as_view(), name="round_list"),
    path("rounds/new/", views.RoundFormView.as_view(), name="round_create"),
    path("rounds/<int:pk>/edit/", views.RoundFormView.as_view(), name="round_edit"),
    path("rounds/<int:pk>/close/", views.RoundCloseView.as_view(), name="round_close"),
    path("rounds/<int:pk>/late/", views.ExtensionView.as_view(), name="round_extensions"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round_detail"),
    path("rounds/<int:pk>/feedback/", views.FeedbackView.as_view(), name="feedback"),
    path("rounds/<int:pk>/survey/<slug:document>/", views.SurveyView.as_view(), name="survey"),
    path("rounds/<int:pk>/template.xlsx", views.TemplateDownloadView.as_view(), name="template_download"),
    path("rounds/<int:pk>/upload/", views.TemplateUploadView.as_view(), name="template_upload"),
    path("rounds/<int:pk>/upload/confirm/", views.TemplateConfirmView.as_view(), name="template_confirm"),
    path("rounds/<int:pk>/submit/", views.SubmitView.as_view(), name="submit"),
    path("rounds/<int:round_pk>/<slug:document>/", views.RoundDocumentView.as_view(), name="round_document"),
    path("rounds/<int:round_pk>/<slug:document>/<slug:anchor>/", views.ReviewSectionView.as_view(), name="section"),
    path("feedback/<int:pk>/", views.FeedbackDetailView.as_view(), name="feedback_detail"),
    path("programme/pilots/<int:pk>/feedback/", pilot_views.PilotFeedbackView.as_view(), name="pilot_feedback"),
    path("feedback/<int:pk>/letter/", views.LetterDownloadView.as_view(), name="feedback_letter"),
    path("comments/<int:pk>/", views.CommentDetailView.as_view(), name="comment_detail"),
    path("comments/<int:pk>/edit/", views.CommentEditView.as_view(), name="comment_edit"),
    path("comments/<int:pk>/copy/", views.CommentCopyView.as_view(), name="comment_copy"),
    path("comments/<int:pk>/discard/", views.CommentDiscardView.as_view(), name="comment_discard"),
    path("comments/<int:pk>/withdraw/", views.CommentWithdrawView.as_view(), name="comment_withdraw"),
    path("comments/<int:pk>/merge/", views.CommentMergeView.as_view(), name="comment_merge"),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment_download"),
    path("submissions/<int:pk>/", views.ReceiptView.as_view(), name="submission_receipt"),
    path("triage/", triage_views.DashboardView.as_view(), name="triage_dashboard"),
    path("triage/comments/", triage_views.TriageListView.as_view(), name="triage_list"),
    path("triage/comments/<int:pk>/", triage_views.TriageCommentView.as_view(), name="triage_comment"),
    path("triage/comments/<int:pk>/next/", triage_views.TriageNextView.as_view(), name="triage_next"),
    path("triage/comments/<int:pk>/proposal/", triage_views.ProposalDecideView.as_view(), name="triage_proposal"),
    path("triage/queue/", triage_views.QueueView.as_view(), name="triage_queue"),
    path("triage/rounds/<int:pk>/publish/", triage_views.PublishView.as_view(), name="triage_publish"),
    path(
        "triage/rounds/<int:pk>/disposition/",
        triage_views.DispositionReportView.as_view(),
        name="triage_disposition_report",
    ),
    path("triage/themes/", triage_views.ThemeListView.as_view(), name="triage_themes"),
    path("triage/themes/new/", triage_views.ThemeFormView.as_view(), name="triage_theme_create"),
    path("triage/themes/<int:pk>/", triage_views.ThemeFormView.as_view(), name="triage_theme_edit"),
    path("submissions/<int:pk>/comments.docx", views.ReceiptDocxView.as_view(), name="submission_docx"),
]
urlpatterns += export_urlpatterns
