from django.contrib import admin
from django.http import Http404
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from reviews.enums import CommentState
from reviews.models import Comment, ExternalFeedback, ReviewRound, Submission, Theme


@admin.register(ReviewRound)
class ReviewRoundAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["title", "opens_at", "closes_at", "comments_visible_to_reviewers"]
    filter_horizontal = ["versions", "invited_member_states", "invited_organisations"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Comment)
class CommentAdmin(SimpleHistoryAdmin):
    list_display = [
        "pk",
        "review_round",
        "section",
        "member_state",
        "organisation",
        "kind",
        "state",
        "source",
        "updated_at",
    ]
    list_filter = ["review_round", "state", "kind", "source"]
    search_fields = ["body", "author__email"]
    readonly_fields = [f.name for f in Comment._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # comments are official record: withdrawn, never deleted here

    # A delegation's drafts are that delegation's alone, the secretariat's superusers included
    # (docs/security.md): no draft is listed, searched, opened, and no history shows a draft state.
    def get_queryset(self, request):
        return super().get_queryset(request).exclude(state=CommentState.DRAFT)

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        return (
            super().get_history_queryset(request, history_manager, pk_name, object_id).exclude(state=CommentState.DRAFT)
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        visible = Comment.history.filter(id=object_id, history_id=version_id).exclude(state=CommentState.DRAFT)
        if not self.get_queryset(request).filter(pk=object_id).exists() or not visible.exists():
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "review_round",
        "member_state",
        "organisation",
        "submitted_by",
        "submitted_at",
        "is_late",
    ]
    list_filter = ["review_round", "is_late"]
    readonly_fields = [f.name for f in Submission._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ExternalFeedback)
class ExternalFeedbackAdmin(admin.ModelAdmin):
    list_display = ["__str__", "review_round", "source", "received_on", "recorded_by"]
    list_filter = ["review_round", "source"]


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ["name", "is_active"]
