from django.urls import path

from guidance import views

app_name = "guidance"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("documents/", views.DocumentListView.as_view(), name="document_list"),
    path("documents/<slug:document>/", views.document_detail, name="document_detail"),
    path("documents/<slug:document>/<slug:version>/", views.VersionDetailView.as_view(), name="version_detail"),
    path("documents/<slug:document>/<slug:version>/search/", views.VersionSearchView.as_view(), name="version_search"),
    path(
        "documents/<slug:document>/<slug:version>/<slug:anchor>/",
        views.SectionDetailView.as_view(),
        name="section_detail",
    ),
    path(
        "documents/<slug:document>/<slug:version>/<slug:anchor>/compare/",
        views.SectionCompareView.as_view(),
        name="section_compare",
    ),
]
