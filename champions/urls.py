from django.urls import path

from champions import views

app_name = "champions"

urlpatterns = [
    path("champions/", views.ChampionListView.as_view(), name="champion_list"),
    path("champions/<slug:code>/", views.CountryDetailView.as_view(), name="country_detail"),
    path("champions/<slug:code>/roles/<int:pk>/remove/", views.RoleRemoveView.as_view(), name="role_remove"),
    path(
        "champions/<slug:code>/members/<int:pk>/toggle/", views.MembershipToggleView.as_view(), name="membership_toggle"
    ),
    path(
        "champions/<slug:code>/members/<int:pk>/focal-point/",
        views.FocalPointTransferView.as_view(),
        name="focal_point_transfer",
    ),
    path("delegations/", views.DirectoryView.as_view(), name="directory"),
    path("invitations/", views.InvitationListView.as_view(), name="invitation_list"),
    path("invitations/bulk/", views.BulkInvitationView.as_view(), name="invitation_bulk"),
    path("invitations/bulk/send/", views.BulkInvitationSendView.as_view(), name="invitation_bulk_send"),
    path("invitations/<int:pk>/resend/", views.InvitationResendView.as_view(), name="invitation_resend"),
    path("invitations/<int:pk>/revoke/", views.InvitationRevokeView.as_view(), name="invitation_revoke"),
    path("invitations/accept/<str:key>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
]
