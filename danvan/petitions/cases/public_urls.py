"""Public pages of cases (no account), under /cong-khai/y-kien/."""

from django.urls import path

from danvan.petitions.cases import public_views

urlpatterns = [
    path("", public_views.submit, name="case-submit"),
    path("da-gui/", public_views.submitted, name="case-submitted"),
    path("tra-cuu/", public_views.track, name="case-track"),
    path("thong-ke/", public_views.stats, name="case-stats"),
    path("xa-phuong/", public_views.communes, name="commune-list"),
    path("xa-phuong/<int:province_id>/chon/", public_views.commune_search, name="commune-search"),
]
