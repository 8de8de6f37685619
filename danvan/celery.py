"""Celery application. Tasks live in each app's ``tasks.py``; periodic jobs are declared in code
(``CELERY_BEAT_SCHEDULE`` in settings, added to by apps)."""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

app = Celery("danvan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.worker_init.connect
@signals.beat_init.connect
def _keys_open_the_data(**kwargs):
    """A worker or scheduler does not start while a key is missing (danvan/core/keys.py)."""
    import django

    django.setup()
    from danvan.core.keys import check_at_start

    check_at_start()
