"""danvan — công tác dân vận và phong trào "Dân vận khéo"."""

from danvan.celery import app as celery_app

__all__ = ["celery_app"]
