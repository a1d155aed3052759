from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from champions.countries import codes_matching
from champions.models import ChampionRole, Invitation, Membership, MemberState, Organisation


class ChampionRoleInline(admin.TabularInline):
    model = ChampionRole
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "is_active"]


@admin.register(MemberState)
class MemberStateAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "country", "iso3", "region", "regional_group", "is_champion", "champion_since"]
    list_filter = ["is_champion", "region", "regional_group", "champion_roles__kind"]
    search_fields = ["name_en", "iso3", "country"]
    readonly_fields = ["country", "iso3", "name_en"]
    inlines = [ChampionRoleInline, MembershipInline]

    def get_search_results(self, request, queryset, search_term):
        """Also by the UN's French and Spanish names, accents aside ("Maroc", "marruecos")."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            results |= queryset.filter(country__in=codes_matching(search_term))
        return results, may_have_duplicates

    def has_add_permission(self, request):
        return False  # the 193 Member States come from the reference list


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "acronym", "kind", "member_state", "in_reference_group", "is_active"]
    list_filter = ["kind", "in_reference_group", "is_active"]
    search_fields = ["name", "acronym"]
    autocomplete_fields = ["member_state"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "member_state", "organisation", "role", "is_active", "created_at"]
    list_filter = ["role", "is_active", "member_state__is_champion"]
    search_fields = ["user__email", "member_state__name_en", "organisation__name"]
    autocomplete_fields = ["user", "member_state", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = [
        "email",
        "member_state",
        "organisation",
        "role",
        "language",
        "created_at",
        "expires_at",
        "status_display",
    ]
    list_filter = ["role", "language"]
    search_fields = ["email"]
    readonly_fields = [f.name for f in Invitation._meta.fields]

    @admin.display(description=_("status"))
    def status_display(self, obj):
        return obj.get_status_display()

    def has_add_permission(self, request):
        return False  # invitations are sent from the Invitations page, which emails the link
