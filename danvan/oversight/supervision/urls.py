"""Staff pages of supervision and council questions."""

from django.urls import path

from danvan.oversight.supervision import question_views, views

urlpatterns = [
    path("giam-sat/", views.supervision_list, name="supervision-list"),
    path("giam-sat/xuat.xlsx", views.supervision_export, name="supervision-export"),
    path("giam-sat/chuong-trinh/them/", views.programme_create, name="programme-create"),
    path(
        "giam-sat/chuong-trinh/<int:programme_id>/",
        views.programme_detail,
        name="programme-detail",
    ),
    path("giam-sat/<int:supervision_id>/", views.supervision_detail, name="supervision-detail"),
    path(
        "giam-sat/<int:supervision_id>/<slug:step>/",
        views.supervision_step,
        name="supervision-step",
    ),
    path("chat-van/", question_views.session_list, name="session-list"),
    path("chat-van/them/", question_views.session_create, name="session-create"),
    path("chat-van/xuat.xlsx", question_views.session_export, name="session-export"),
    path("chat-van/<int:session_id>/", question_views.session_detail, name="session-detail"),
    path("chat-van/<int:session_id>/cau-hoi/", question_views.question_add, name="question-add"),
    path(
        "chat-van/cau-hoi/<int:question_id>/<slug:step>/",
        question_views.question_step,
        name="question-step",
    ),
]
