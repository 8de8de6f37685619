"""Background jobs of notifications. They take ids, call a service and are safe to run twice."""

import logging
from smtplib import SMTPException

from celery import shared_task

from danvan.notifications import reminders, services

logger = logging.getLogger(__name__)

_RETRY = {
    "autoretry_for": (OSError, SMTPException),
    "retry_backoff": 30,
    "retry_backoff_max": 3600,
    "max_retries": 8,
}


@shared_task(acks_late=True, **_RETRY)
def send_notification_email(notification_id: int) -> bool:
    """E-mail one notice; does nothing if it was e-mailed already."""
    return services.notification_email_send(notification_id=notification_id)


@shared_task(acks_late=True, **_RETRY)
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail several notices (queued together by a scan). A retry after a failure skips
    those already sent."""
    failed: Exception | None = None
    sent = 0
    for notification_id in notification_ids:
        try:
            sent += services.notification_email_send(notification_id=notification_id)
        except (OSError, SMTPException) as exc:
            logger.warning("Could not e-mail notification %s: %s", notification_id, exc)
            failed = exc
    if failed is not None:
        raise failed
    return sent


@shared_task(acks_late=True)
def scan_reminders() -> int:
    """The periodic job: announce every deadline stage reached and not yet announced."""
    return reminders.scan().created
