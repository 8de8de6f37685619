from django.urls import path

from danvan.democracy import public_views as views

app_name = "grassroots"

urlpatterns = [
    path("", views.index, name="index"),
    path("xa/<int:unit_id>/", views.commune, name="commune"),
    path("cong-khai/<int:disclosure_id>/", views.disclosure, name="disclosure"),
    path("cong-khai/anh/<int:posting_id>/", views.posting_photo, name="posting-photo"),
    path("bieu-quyet/<int:matter_id>/", views.vote, name="vote"),
    path("ket-qua/<int:matter_id>/", views.result, name="result"),
    path("y-kien/<int:consultation_id>/", views.consultation, name="consultation"),
    path("cong-trinh/<int:work_id>/", views.work, name="work"),
]
