from django.urls import path

from danvan.democracy.views import boards, consultations, decisions, disclosures, home

app_name = "democracy"

urlpatterns = [
    path("", home.home, name="home"),
    # Dân biết
    path("cong-khai/", disclosures.disclosure_list, name="disclosure-list"),
    path("cong-khai/them/", disclosures.disclosure_create, name="disclosure-create"),
    path("cong-khai/xuat.xlsx", disclosures.disclosure_export, name="disclosure-export"),
    path("cong-khai/danh-muc/", disclosures.item_list, name="item-list"),
    path("cong-khai/<int:disclosure_id>/", disclosures.disclosure_detail, name="disclosure-detail"),
    path(
        "cong-khai/<int:disclosure_id>/sua/",
        disclosures.disclosure_update,
        name="disclosure-update",
    ),
    path("cong-khai/dang/<int:posting_id>/xoa/", disclosures.posting_delete, name="posting-delete"),
    path("cong-khai/dang/<int:posting_id>/anh/", disclosures.posting_photo, name="posting-photo"),
    path("tuan-thu/", disclosures.compliance, name="compliance"),
    # Dân bàn và quyết định
    path("bieu-quyet/", decisions.matter_list, name="matter-list"),
    path("bieu-quyet/them/", decisions.matter_create, name="matter-create"),
    path("bieu-quyet/xuat.xlsx", decisions.matter_export, name="matter-export"),
    path("bieu-quyet/<int:matter_id>/", decisions.matter_detail, name="matter-detail"),
    path("bieu-quyet/<int:matter_id>/sua/", decisions.matter_update, name="matter-update"),
    path("bieu-quyet/<int:matter_id>/ket-qua/", decisions.matter_tally, name="matter-tally"),
    path("bieu-quyet/<int:matter_id>/ma/", decisions.matter_codes, name="matter-codes"),
    path("bieu-quyet/<int:matter_id>/mo/", decisions.matter_open, name="matter-open"),
    path("bieu-quyet/<int:matter_id>/gia-han/", decisions.matter_extend, name="matter-extend"),
    path("bieu-quyet/<int:matter_id>/kiem-phieu/", decisions.matter_count, name="matter-count"),
    path("bieu-quyet/<int:matter_id>/gui-xa/", decisions.matter_send, name="matter-send"),
    path(
        "bieu-quyet/<int:matter_id>/cong-nhan/", decisions.matter_recognise, name="matter-recognise"
    ),
    path("bieu-quyet/<int:matter_id>/huy/", decisions.matter_cancel, name="matter-cancel"),
    path("ho-gia-dinh/<int:village_id>/", decisions.household_list, name="household-list"),
    path(
        "ho-gia-dinh/<int:village_id>/xuat.xlsx",
        decisions.household_export,
        name="household-export",
    ),
    path(
        "ho-gia-dinh/ho/<int:household_id>/chuyen-di/",
        decisions.household_leave,
        name="household-leave",
    ),
    # Dân tham gia ý kiến
    path("lay-y-kien/", consultations.consultation_list, name="consultation-list"),
    path("lay-y-kien/them/", consultations.consultation_create, name="consultation-create"),
    path("lay-y-kien/xuat.xlsx", consultations.consultation_export, name="consultation-export"),
    path(
        "lay-y-kien/<int:consultation_id>/",
        consultations.consultation_detail,
        name="consultation-detail",
    ),
    path(
        "lay-y-kien/<int:consultation_id>/sua/",
        consultations.consultation_update,
        name="consultation-update",
    ),
    path(
        "lay-y-kien/<int:consultation_id>/mo/",
        consultations.consultation_open,
        name="consultation-open",
    ),
    path(
        "lay-y-kien/<int:consultation_id>/dong/",
        consultations.consultation_close,
        name="consultation-close",
    ),
    path("lay-y-kien/<int:consultation_id>/y-kien/", consultations.comment_add, name="comment-add"),
    path(
        "lay-y-kien/<int:consultation_id>/y-kien.xlsx",
        consultations.comment_export,
        name="comment-export",
    ),
    path("lay-y-kien/<int:consultation_id>/nhom/", consultations.group_add, name="group-add"),
    path(
        "lay-y-kien/<int:consultation_id>/quyet-dinh/",
        consultations.consultation_decide,
        name="consultation-decide",
    ),
    path(
        "lay-y-kien/<int:consultation_id>/cong-bo/",
        consultations.consultation_publish,
        name="consultation-publish",
    ),
    path(
        "lay-y-kien/nhom/<int:group_id>/tra-loi/", consultations.group_answer, name="group-answer"
    ),
    path("lay-y-kien/y-kien/<int:comment_id>/an/", consultations.comment_hide, name="comment-hide"),
    # Dân kiểm tra, giám sát
    path("ban/", boards.board_list, name="board-list"),
    path("ban/them/", boards.board_create, name="board-create"),
    path("ban/hoat-dong.xlsx", boards.activity_export, name="activity-export"),
    path("ban/<int:board_id>/", boards.board_detail, name="board-detail"),
    path("ban/thanh-vien/<int:member_id>/thoi/", boards.member_end, name="member-end"),
    path("ban/hoat-dong/<int:activity_id>/", boards.activity_detail, name="activity-detail"),
    path("ban/kien-nghi.xlsx", boards.finding_export, name="finding-export"),
    path("ban/kien-nghi/<int:finding_id>/dong/", boards.finding_close, name="finding-close"),
    path("cong-trinh/", boards.work_list, name="work-list"),
    path("cong-trinh/them/", boards.work_create, name="work-create"),
    path("cong-trinh/xuat.xlsx", boards.work_export, name="work-export"),
    path("cong-trinh/<int:work_id>/", boards.work_detail, name="work-detail"),
    path("cong-trinh/<int:work_id>/sua/", boards.work_update, name="work-update"),
]
