from django.urls import path

from danvan.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("mau/", views.template_list, name="template-list"),
    path("mau/moi/", views.template_create, name="template-create"),
    path("mau/<int:template_id>/", views.template_detail, name="template"),
    path("mau/<int:template_id>/sua/", views.template_edit, name="template-edit"),
    path("mau/<int:template_id>/sao-chep/", views.template_copy, name="template-copy"),
    path("chi-tieu/<int:indicator_id>/xoa/", views.indicator_delete, name="indicator-delete"),
    path("dot/moi/", views.round_create, name="round-create"),
    path("dot/<int:round_id>/", views.round_detail, name="round"),
    path("dot/<int:round_id>/han/", views.round_dates, name="round-dates"),
    path("dot/<int:round_id>/nhac/", views.round_remind, name="round-remind"),
    path("dot/<int:round_id>/tong-hop/", views.consolidation, name="consolidation"),
    path(
        "dot/<int:round_id>/tong-hop/<int:indicator_id>/",
        views.indicator_drilldown,
        name="drilldown",
    ),
    path("dot/<int:round_id>/tong-hop.docx", views.consolidation_docx, name="consolidation-docx"),
    path("dot/<int:round_id>/tong-hop.xlsx", views.consolidation_xlsx, name="consolidation-xlsx"),
    path("<int:submission_id>/", views.submission_detail, name="submission"),
    path("<int:submission_id>/duyet/", views.submission_review, name="submission-review"),
    path(
        "<int:submission_id>/tong-hop-tu/", views.submission_fill_from, name="submission-fill-from"
    ),
]
