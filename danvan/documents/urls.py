from django.urls import path

from danvan.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("them/", views.document_create, name="create"),
    path("<int:document_id>/", views.document_detail, name="detail"),
    path("<int:document_id>/sua/", views.document_edit, name="edit"),
]
