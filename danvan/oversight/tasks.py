"""Celery tasks of the oversight app: take ids, call a service, safe to run twice."""

from celery import shared_task


@shared_task(acks_late=True)
def mark_overdue() -> int:
    """Nightly: open recommendations whose deadline passed become overdue."""
    from danvan.oversight.recommendations import services

    return services.recommendations_mark_overdue()
