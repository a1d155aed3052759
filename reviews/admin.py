from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

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
