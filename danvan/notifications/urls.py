from django.urls import path

from danvan.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:notification_id>/mo/", views.notification_open, name="open"),
    path("<int:notification_id>/da-doc/", views.notification_mark_read, name="mark-read"),
    path("da-doc-tat-ca/", views.notifications_mark_all_read, name="mark-all-read"),
    path("cai-dat-email/", views.email_preferences, name="preferences"),
]
