"""Staff pages of recommendations."""

from django.urls import path

from danvan.oversight.recommendations import views

urlpatterns = [
    path("kien-nghi/", views.recommendation_list, name="recommendation-list"),
    path("kien-nghi/xuat.xlsx", views.recommendation_export, name="recommendation-export"),
    path("kien-nghi/can-tra-loi/", views.recommendation_inbox, name="recommendation-inbox"),
    path("kien-nghi/theo-doi/", views.recommendation_dashboard, name="recommendation-dashboard"),
    path(
        "kien-nghi/theo-doi/xuat.xlsx",
        views.recommendation_dashboard_export,
        name="recommendation-dashboard-export",
    ),
    path(
        "kien-nghi/<int:recommendation_id>/",
        views.recommendation_detail,
        name="recommendation-detail",
    ),
    path(
        "kien-nghi/<int:recommendation_id>/sua/",
        views.recommendation_update,
        name="recommendation-update",
    ),
    path(
        "kien-nghi/<int:recommendation_id>/tra-loi/",
        views.recommendation_answer,
        name="recommendation-answer",
    ),
    path(
        "kien-nghi/<int:recommendation_id>/xac-nhan/",
        views.recommendation_verify,
        name="recommendation-verify",
    ),
    path(
        "kien-nghi/<int:recommendation_id>/tra-lai/",
        views.recommendation_return,
        name="recommendation-return",
    ),
    path("kien-nghi/tep/<int:evidence_id>/", views.evidence_download, name="evidence-download"),
]
