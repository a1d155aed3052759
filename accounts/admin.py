from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import AuditEvent, User
from accounts.services import user_set_active


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    actions = ["deactivate"]

    @admin.action(description=_("Deactivate and sign out everywhere"))
    def deactivate(self, request, queryset):
        for user in queryset.exclude(pk=request.user.pk):
            user_set_active(user=user, active=False, actor=request.user)

    ordering = ["email"]
    list_display = ["email", "full_name", "preferred_language", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "preferred_language", "groups"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal details"), {"fields": ("full_name", "preferred_language", "time_zone")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log, read-only for everyone: nothing can be added, changed or removed here."""

    list_display = ["at", "actor_label", "action", "object_label", "ip", "path"]
    list_filter = ["action", ("at", admin.DateFieldListFilter)]
    search_fields = ["actor_label", "object_label", "object_id", "ip", "path"]
    date_hierarchy = "at"
    list_per_page = 100
    readonly_fields = [
        "at",
        "actor",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "object_label",
        "detail",
        "ip",
        "user_agent",
        "path",
    ]
    fields = readonly_fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
