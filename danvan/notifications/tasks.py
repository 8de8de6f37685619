"""Background jobs of notifications. They take ids, call a service and are safe to run twice."""

import logging
from smtplib import SMTPException

from celery import shared_task
from django.db import DatabaseError

from danvan.notifications import outbox, reminders, services

logger = logging.getLogger(__name__)

_RETRY = {
    "autoretry_for": (OSError, SMTPException),
    "retry_backoff": 30,
    "retry_backoff_max": 3600,
    "max_retries": 8,
}


@shared_task(acks_late=True)
def send_outbox(message_ids: list[int]) -> int:
    """Send these outbox rows now (queued after the commit that wrote them). A row that fails
    is rescheduled in the outbox itself and sent by the sweep: no retry of the job needed."""
    return outbox.send_many(message_ids)


@shared_task(acks_late=True)
def sweep_outbox() -> int:
    """The periodic sweep: send every outbox row whose time has come."""
    return outbox.sweep()


@shared_task(acks_late=True, **_RETRY)
def send_notification_email(notification_id: int) -> bool:
    """E-mail one notice; does nothing if it was e-mailed already. (Jobs queued before the
    outbox existed; new notices go through ``send_outbox``.)"""
    return services.notification_email_send(notification_id=notification_id)


@shared_task(acks_late=True, **_RETRY)
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail several notices. A retry after a failure skips those already sent."""
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


@shared_task(
    acks_late=True,
    # "database is locked" on one PC, a database restarting at scale: try again soon, with a
    # growing pause, instead of waiting an hour for the next scan.
    autoretry_for=(DatabaseError,),
    retry_backoff=10,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
)
def scan_reminders() -> int:
    """The periodic job: announce every deadline stage reached and not yet announced."""
    return reminders.scan().created
