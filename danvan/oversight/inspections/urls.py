"""Staff pages of inspections."""

from django.urls import path

from danvan.oversight.inspections import views

urlpatterns = [
    path("kiem-tra/", views.inspection_list, name="inspection-list"),
    path("kiem-tra/xuat.xlsx", views.inspection_export, name="inspection-export"),
    path("kiem-tra/ke-hoach/", views.plan_list, name="plan-list"),
    path("kiem-tra/ke-hoach/them/", views.plan_create, name="plan-create"),
    path("kiem-tra/ke-hoach/xuat.xlsx", views.plan_export, name="plan-export"),
    path("kiem-tra/ke-hoach/<int:plan_id>/", views.plan_detail, name="plan-detail"),
    path("kiem-tra/ke-hoach/<int:plan_id>/sua/", views.plan_update, name="plan-update"),
    path("kiem-tra/ke-hoach/<int:plan_id>/bao-cao.docx", views.plan_report, name="plan-report"),
    path("kiem-tra/<int:inspection_id>/", views.inspection_detail, name="inspection-detail"),
    path(
        "kiem-tra/<int:inspection_id>/ket-luan.docx",
        views.conclusion_docx,
        name="inspection-conclusion-docx",
    ),
    path(
        "kiem-tra/<int:inspection_id>/<slug:step>/",
        views.inspection_step,
        name="inspection-step",
    ),
    path("kiem-tra/thanh-vien/<int:member_id>/xoa/", views.member_remove, name="member-remove"),
    path("kiem-tra/phat-hien/<int:finding_id>/xoa/", views.finding_delete, name="finding-delete"),
    path("kiem-tra/tep/<int:document_id>/", views.document_download, name="inspection-document"),
]
