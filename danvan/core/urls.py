from django.urls import path

from danvan.core import views

app_name = "core"

urlpatterns = [
    path("chon/<str:source>/", views.picker, name="picker"),
    path("viec/", views.job_list, name="job-list"),
    path("viec/<uuid:job_id>/", views.job_detail, name="job-detail"),
    path("viec/<uuid:job_id>/tai-ve/", views.job_download, name="job-download"),
]
