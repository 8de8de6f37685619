from django.urls import path

from danvan.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("<str:model_label>/<int:object_id>/", views.history, name="history"),
]
