from django.urls import path

from champions.views import delegations, invitations, programme, public

app_name = "champions"

urlpatterns = [
    path("champions/", delegations.ChampionListView.as_view(), name="champion_list"),
    path("champions/<slug:code>/", delegations.CountryDetailView.as_view(), name="country_detail"),
    path("champions/<slug:code>/roles/<int:pk>/remove/", delegations.RoleRemoveView.as_view(), name="role_remove"),
    path(
        "champions/<slug:code>/members/<int:pk>/toggle/",
        delegations.MembershipToggleView.as_view(),
        name="membership_toggle",
    ),
    path(
        "champions/<slug:code>/members/<int:pk>/focal-point/",
        delegations.FocalPointTransferView.as_view(),
        name="focal_point_transfer",
    ),
    path("delegations/", delegations.DirectoryView.as_view(), name="directory"),
    path("invitations/", invitations.InvitationListView.as_view(), name="invitation_list"),
    path("invitations/bulk/", invitations.BulkInvitationView.as_view(), name="invitation_bulk"),
    path("invitations/bulk/send/", invitations.BulkInvitationSendView.as_view(), name="invitation_bulk_send"),
    path("invitations/<int:pk>/resend/", invitations.InvitationResendView.as_view(), name="invitation_resend"),
    path("invitations/<int:pk>/revoke/", invitations.InvitationRevokeView.as_view(), name="invitation_revoke"),
    path("invitations/accept/<str:key>/", invitations.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("profile/", delegations.ProfileView.as_view(), name="profile"),
    # The Champions programme (docs/champions.md): the working group's pages first, then a country's.
    path("programme/", programme.OverviewView.as_view(), name="programme_overview"),
    path("programme/activities/", programme.ActivityListView.as_view(), name="activity_list"),
    path("programme/practices/", programme.PracticeQueueView.as_view(), name="practice_queue"),
    path("programme/practices/<int:pk>/", programme.PracticeDetailView.as_view(), name="practice_detail"),
    path("programme/practices/<int:pk>/edit/", programme.PracticeEditView.as_view(), name="practice_edit"),
    path("programme/pilots/<int:pk>/", programme.PilotDetailView.as_view(), name="pilot_detail"),
    path("programme/pilots/<int:pk>/edit/", programme.PilotEditView.as_view(), name="pilot_edit"),
    path("programme/files/<int:pk>/", programme.PilotAttachmentView.as_view(), name="pilot_attachment"),
    path("programme/<slug:code>/", programme.CountryProgrammeView.as_view(), name="programme_country"),
    path("programme/<slug:code>/pilots/new/", programme.PilotCreateView.as_view(), name="pilot_create"),
    path("programme/<slug:code>/activities/new/", programme.ActivityCreateView.as_view(), name="activity_create"),
    path("programme/<slug:code>/practices/new/", programme.PracticeCreateView.as_view(), name="practice_create"),
    # Published practices, for everyone.
    path("practices/", public.PracticeListView.as_view(), name="practice_public_list"),
    path("practices/feed/", public.PracticeFeed(), name="practice_feed"),
    path("practices/export.csv", public.PracticeCSVView.as_view(), name="practice_csv"),
    path("practices/<int:pk>/", public.PracticePublicDetailView.as_view(), name="practice_public_detail"),
]
