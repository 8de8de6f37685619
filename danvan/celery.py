"""Celery application. Tasks live in each app's ``tasks.py``; periodic jobs are declared in code
(``CELERY_BEAT_SCHEDULE`` in settings, added to by apps)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

app = Celery("danvan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
