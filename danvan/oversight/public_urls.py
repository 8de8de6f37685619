"""Public pages: the results of supervisions their bodies chose to publish, with the answers."""

from django.urls import path

from danvan.oversight.supervision import views

app_name = "oversight_public"

urlpatterns = [
    path("", views.public_list, name="supervision-list"),
    path("<int:supervision_id>/", views.public_detail, name="supervision-detail"),
]
