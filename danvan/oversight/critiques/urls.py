"""Staff pages of social critique."""

from django.urls import path

from danvan.oversight.critiques import views

urlpatterns = [
    path("phan-bien/", views.critique_list, name="critique-list"),
    path("phan-bien/them/", views.critique_create, name="critique-create"),
    path("phan-bien/xuat.xlsx", views.critique_export, name="critique-export"),
    path("phan-bien/<int:critique_id>/", views.critique_detail, name="critique-detail"),
    path(
        "phan-bien/<int:critique_id>/bang-tiep-thu.docx",
        views.answer_table_docx,
        name="critique-answer-table",
    ),
    path("phan-bien/<int:critique_id>/<slug:step>/", views.critique_step, name="critique-step"),
]
