from django.urls import path

from danvan.units import views

app_name = "units"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("tim-kiem/", views.search, name="search"),
    path("<int:unit_id>/", views.detail, name="detail"),
    path("<int:unit_id>/con/", views.children, name="children"),
]
