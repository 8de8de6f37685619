"""The token pages of the profile. Included from the root URLs outside /api/ (where errors
are JSON): ``path("tai-khoan/ma-api/", include("danvan.api.web_urls"))``."""

from django.urls import path

from danvan.api import views

app_name = "api_tokens"

urlpatterns = [
    path("", views.token_list, name="list"),
    path("<int:token_id>/thu-hoi/", views.token_revoke, name="revoke"),
]
