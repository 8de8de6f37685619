from django.urls import path

from danvan.exemplars import views

app_name = "exemplars"

urlpatterns = [
    path("", views.home, name="home"),
    path("xuat.xlsx", views.list_xlsx, name="list-xlsx"),
    path("moi/", views.create, name="create"),
    path("nhan-rong/", views.most_replicated, name="most-replicated"),
    path("tong-hop/", views.dashboard, name="dashboard"),
    path("dot/", views.round_list, name="round-list"),
    path("dot/moi/", views.round_create, name="round-create"),
    path("dot/<int:round_id>/", views.round_detail, name="round-detail"),
    path("dot/<int:round_id>/sua/", views.round_edit, name="round-edit"),
    path("dot/<int:round_id>/tieu-chi/", views.criterion_add, name="criterion-add"),
    path("dot/<int:round_id>/thanh-vien/", views.member_add, name="member-add"),
    path("tieu-chi/<int:criterion_id>/sua/", views.criterion_edit, name="criterion-edit"),
    path("tieu-chi/<int:criterion_id>/xoa/", views.criterion_delete, name="criterion-delete"),
    path("thanh-vien/<int:member_id>/xoa/", views.member_remove, name="member-remove"),
    path("minh-chung/<int:evidence_id>/", views.evidence_file, name="evidence-file"),
    path("<int:exemplar_id>/", views.detail, name="detail"),
    path("<int:exemplar_id>/sua/", views.edit, name="edit"),
    path("<int:exemplar_id>/xoa/", views.delete, name="delete"),
    path("<int:exemplar_id>/dang-ky/", views.register, name="register"),
    path("<int:exemplar_id>/thuc-hien/", views.start, name="start"),
    path("<int:exemplar_id>/minh-chung/", views.evidence_add, name="evidence-add"),
    path("<int:exemplar_id>/tu-danh-gia/", views.self_assess, name="self-assess"),
    path("<int:exemplar_id>/cham-diem/", views.score, name="score"),
    path("<int:exemplar_id>/ket-thuc-binh-xet/", views.close_review, name="close-review"),
    path("<int:exemplar_id>/cong-nhan/", views.recognise, name="recognise"),
    path("<int:exemplar_id>/khong-cong-nhan/", views.reject, name="reject"),
    path("<int:exemplar_id>/khen-thuong/", views.commend, name="commend"),
    path("<int:exemplar_id>/cong-khai/", views.publish, name="publish"),
]
