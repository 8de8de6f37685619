from django.urls import path

from danvan.units import views

app_name = "units"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("tim-kiem/", views.search, name="search"),
    path("<int:unit_id>/", views.detail, name="detail"),
    path("<int:unit_id>/con/", views.children, name="children"),
    path("<int:unit_id>/them/", views.create, name="create"),
    path("<int:unit_id>/sua/", views.edit, name="edit"),
    path("<int:unit_id>/chuyen/", views.move, name="move"),
    path("<int:unit_id>/ngung-hoat-dong/", views.deactivate, name="deactivate"),
    path("<int:unit_id>/xoa/", views.delete, name="delete"),
]
