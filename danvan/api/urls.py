from django.urls import include, path

app_name = "api"

urlpatterns = [
    path("v1/units/", include("danvan.units.api")),
]
