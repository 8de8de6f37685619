"""Background jobs of plans. They are safe to run twice."""

from celery import shared_task


@shared_task(acks_late=True)
def roll_recurring_deadlines() -> int:
    """Move each recurring deadline whose occurrence has passed to its next one."""
    from danvan.plans.services import recurring_deadlines_roll

    return recurring_deadlines_roll()
