"""Background jobs of the “Dân vận khéo” app."""

from celery import shared_task

from danvan.exemplars import stats


@shared_task(acks_late=True)
def refresh_stats(year: int | None = None) -> int:
    """Rebuild the summary table behind the quota dashboard (idempotent)."""
    return stats.refresh_all(year)
