"""Staff pages of citizen reception, voter petitions and dialogue conferences, under /don-thu/
(names ``petitions:<entity>-<action>``)."""

from django.urls import path

from danvan.petitions.reception import views

urlpatterns = [
    path("tiep-cong-dan/", views.session_list, name="reception-list"),
    path("tiep-cong-dan/xuat.xlsx", views.session_export, name="reception-export"),
    path("tiep-cong-dan/them/", views.session_create, name="reception-create"),
    path("tiep-cong-dan/lich/", views.schedule_list, name="schedule-list"),
    path("tiep-cong-dan/lich/<int:schedule_id>/ngung/", views.schedule_stop, name="schedule-stop"),
    path("tiep-cong-dan/<int:session_id>/", views.session_detail, name="reception-detail"),
    path("tiep-cong-dan/<int:session_id>/sua/", views.session_update, name="reception-update"),
    path(
        "tiep-cong-dan/noi-dung/<int:matter_id>/thanh-don/",
        views.matter_to_case,
        name="matter-to-case",
    ),
    path("cu-tri/", views.voter_petition_list, name="voter-petition-list"),
    path("cu-tri/xuat.xlsx", views.voter_petition_export, name="voter-petition-export"),
    path("cu-tri/hoi-nghi/them/", views.voter_meeting_create, name="voter-meeting-create"),
    path(
        "cu-tri/hoi-nghi/<int:meeting_id>/",
        views.voter_meeting_detail,
        name="voter-meeting-detail",
    ),
    path("cu-tri/<int:petition_id>/", views.voter_petition_detail, name="voter-petition-detail"),
    path(
        "cu-tri/<int:petition_id>/sua/", views.voter_petition_update, name="voter-petition-update"
    ),
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
    path("doi-thoai/them/", views.dialogue_create, name="dialogue-create"),
    path("doi-thoai/<int:conference_id>/", views.dialogue_detail, name="dialogue-detail"),
    path("doi-thoai/<int:conference_id>/sua/", views.dialogue_update, name="dialogue-update"),
    path(
        "doi-thoai/van-de/<int:issue_id>/giao-nhiem-vu/",
        views.issue_make_task,
        name="issue-make-task",
    ),
]
