from django.urls import path

from danvan.petitions.cases import public_views as case_public_views

urlpatterns = [
    path("", case_public_views.submit, name="submit"),
    path("tra-cuu/", case_public_views.track, name="track"),
    path("thong-ke/", case_public_views.stats, name="stats"),
    path("xa-phuong/", case_public_views.communes, name="communes"),
]
