from django.urls import path

from danvan.petitions.cases import views as case_views

urlpatterns = [
    path("", case_views.home, name="home"),
    path("moi/", case_views.case_create, name="case-create"),
    path("trung-lap/", case_views.case_duplicates, name="case-duplicates"),
    path("thong-ke/", case_views.case_stats, name="case-stats"),
    path("xuat-excel/", case_views.case_export, name="case-export"),
    path("thoi-han/", case_views.case_limits, name="case-limits"),
    path("<int:pk>/", case_views.case_detail, name="case-detail"),
    path("<int:pk>/xu-ly/<slug:action>/", case_views.case_action, name="case-action"),
    path(
        "<int:pk>/nguoi-xu-ly/<int:user_id>/bo/",
        case_views.case_unassign,
        name="case-unassign",
    ),
    path("<int:pk>/danh-tinh/", case_views.case_identity, name="case-identity"),
    path("<int:pk>/tep/<int:file_id>/", case_views.case_file, name="case-file"),
]
