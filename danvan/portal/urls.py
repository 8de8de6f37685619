from django.urls import path

from danvan.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("ke-hoach/", views.plan_list, name="plan-list"),
    path("ke-hoach/<int:plan_id>/", views.plan_detail, name="plan-detail"),
]
