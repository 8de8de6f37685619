"""Staff pages of cases, under /don-thu/ (names ``petitions:<entity>-<action>``)."""

from django.urls import path

from danvan.petitions.cases import views

urlpatterns = [
    path("", views.case_list, name="case-list"),
    path("them/", views.case_create, name="case-create"),
    path("trung-lap/", views.case_duplicates, name="case-duplicates"),
    path("xuat.xlsx", views.case_export, name="case-export"),
    path("thong-ke/", views.case_stats, name="case-stats"),
    path("thong-ke/xuat.xlsx", views.case_stats_export, name="case-stats-export"),
    path("thoi-han/", views.time_limit_list, name="time-limit-list"),
    path("thoi-han/<int:limit_id>/sua/", views.time_limit_update, name="time-limit-update"),
    path("linh-vuc/them/", views.field_create, name="field-create"),
    path("linh-vuc/<int:field_id>/sua/", views.field_update, name="field-update"),
    path("<int:pk>/", views.case_detail, name="case-detail"),
    path("<int:pk>/sua/", views.case_update, name="case-update"),
    path("<int:pk>/thu-ly/", views.case_accept, name="case-accept"),
    path("<int:pk>/gia-han-thu-ly/", views.case_extend_acceptance, name="case-extend-acceptance"),
    path("<int:pk>/tu-choi/", views.case_refuse, name="case-refuse"),
    path("<int:pk>/huong-dan/", views.case_advise, name="case-advise"),
    path("<int:pk>/chuyen/", views.case_forward, name="case-forward"),
    path("<int:pk>/luu-trung-lap/", views.case_file_duplicate, name="case-file-duplicate"),
    path("<int:pk>/giai-quyet/", views.case_resolve, name="case-resolve"),
    path("<int:pk>/gia-han/", views.case_extend, name="case-extend"),
    path("<int:pk>/cong-khai/", views.case_publish, name="case-publish"),
    path("<int:pk>/thoi-cong-khai/", views.case_unpublish, name="case-unpublish"),
    path("<int:pk>/an/", views.case_hide, name="case-hide"),
    path("<int:pk>/hien/", views.case_unhide, name="case-unhide"),
    path("<int:pk>/lan-hai/", views.case_escalate, name="case-escalate"),
    path("<int:pk>/nguoi-xu-ly/them/", views.handler_create, name="handler-create"),
    path("<int:pk>/nguoi-xu-ly/<int:user_id>/xoa/", views.handler_delete, name="handler-delete"),
    path("<int:pk>/danh-tinh/", views.case_identity, name="case-identity"),
    path("<int:pk>/danh-tinh/cap-quyen/", views.identity_grant, name="identity-grant"),
    path("<int:pk>/tep/<int:file_id>/", views.attachment_detail, name="attachment-detail"),
]
