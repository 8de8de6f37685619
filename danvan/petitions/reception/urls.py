"""Staff pages of citizen reception, voter petitions and dialogue conferences."""

from django.urls import path

from danvan.petitions.reception import views

urlpatterns = [
    path("tiep-cong-dan/", views.session_list, name="reception-list"),
    path("tiep-cong-dan/xuat-excel/", views.session_export, name="reception-export"),
    path("tiep-cong-dan/moi/", views.session_create, name="reception-create"),
    path("tiep-cong-dan/lich/", views.schedule_list, name="reception-schedules"),
    path(
        "tiep-cong-dan/lich/<int:schedule_id>/ngung/",
        views.schedule_stop,
        name="reception-schedule-stop",
    ),
    path("tiep-cong-dan/<int:session_id>/", views.session_detail, name="reception-detail"),
    path("tiep-cong-dan/<int:session_id>/sua/", views.session_edit, name="reception-edit"),
    path(
        "tiep-cong-dan/noi-dung/<int:matter_id>/thanh-don/",
        views.matter_to_case,
        name="reception-matter-case",
    ),
    path("cu-tri/", views.voter_petition_list, name="voter-list"),
    path("cu-tri/xuat-excel/", views.voter_petition_export, name="voter-export"),
    path("cu-tri/hoi-nghi/moi/", views.voter_meeting_create, name="voter-meeting-create"),
    path(
        "cu-tri/hoi-nghi/<int:meeting_id>/",
        views.voter_meeting_detail,
        name="voter-meeting-detail",
    ),
    path("cu-tri/<int:petition_id>/", views.voter_petition_detail, name="voter-petition-detail"),
    path(
        "cu-tri/<int:petition_id>/chuyen/",
        views.voter_petition_forward,
        name="voter-petition-forward",
    ),
    path(
        "cu-tri/<int:petition_id>/tra-loi/",
        views.voter_petition_answer,
        name="voter-petition-answer",
    ),
    path(
        "cu-tri/<int:petition_id>/cong-khai/",
        views.voter_petition_publish,
        name="voter-petition-publish",
    ),
    path("doi-thoai/", views.dialogue_list, name="dialogue-list"),
    path("doi-thoai/moi/", views.dialogue_create, name="dialogue-create"),
    path("doi-thoai/<int:conference_id>/", views.dialogue_detail, name="dialogue-detail"),
    path(
        "doi-thoai/van-de/<int:issue_id>/giao-nhiem-vu/",
        views.dialogue_issue_task,
        name="dialogue-issue-task",
    ),
]
