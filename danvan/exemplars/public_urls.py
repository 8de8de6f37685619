from django.urls import path

from danvan.exemplars import views

app_name = "showcase"

urlpatterns = [
    path("", views.public_list, name="list"),
    path("<int:exemplar_id>/", views.public_detail, name="detail"),
    path("anh/<int:evidence_id>/", views.public_photo, name="photo"),
]
