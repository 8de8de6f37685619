"""The outbox: e-mails are rows written with the change they announce, sent after the commit.

``enqueue_*`` add rows inside the caller's transaction and, once it commits, queue a job that
sends them at once. When that job cannot be queued (the broker is down), the user still sees
the success they earned: the rows wait, and ``sweep`` — a periodic job — sends every row whose
time has come. A failed send is tried again after a pause that doubles each time
(``RETRY_BASE_SECONDS`` … ``RETRY_MAX_SECONDS``); after ``MAX_ATTEMPTS`` the row is given up
and stays in the admin with its last error.

Sending locks the row and marks it sent in the same transaction, so a second job (the sweep
and the after-commit job at once, or a job delivered twice) finds it sent and does nothing.
The one case that can still send twice is a crash after the mail server accepted a message
and before the database recorded it: a window of milliseconds, and the lesser evil than
losing the mail.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from functools import partial
from smtplib import SMTPException

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from danvan.notifications.models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

RETRY_BASE_SECONDS = 30
RETRY_MAX_SECONDS = 3600
MAX_ATTEMPTS = 24  # about a day of retries once the pause reaches an hour
SWEEP_BATCH = 200
KICK_BATCH = 200
SEND_ERRORS = (OSError, SMTPException)


def retry_delay(attempts: int) -> dt.timedelta:
    """The pause after the ``attempts``-th failure: 30 s, 1 min, 2 min, … at most an hour."""
    return dt.timedelta(
        seconds=min(RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), RETRY_MAX_SECONDS)
    )


def _kick(ids: list[int]) -> None:
    """After the commit: ask a worker to send these rows now. A broker that does not answer
    changes nothing for the user: the sweep sends them later."""
    from danvan.notifications import tasks

    for start in range(0, len(ids), KICK_BATCH):
        try:
            tasks.send_outbox.delay(ids[start : start + KICK_BATCH])
        except Exception as exc:  # any broker failure: the rows are safe in the database
            logger.warning(
                "outbox: could not queue the sending of %d e-mail(s) (%s: %s); "
                "the periodic sweep will send them",
                len(ids[start:]),
                type(exc).__name__,
                exc,
            )
            return


def _after_commit(ids: list[int]) -> None:
    if ids:
        transaction.on_commit(partial(_kick, ids), robust=True)


def enqueue_notifications(notification_ids: Iterable[int]) -> list[int]:
    """Outbox rows e-mailing these notices; call inside the transaction that made them."""
    rows = OutboxMessage.objects.bulk_create(
        [OutboxMessage(notification_id=pk) for pk in notification_ids]
    )
    ids = [row.pk for row in rows]
    _after_commit(ids)
    return ids


def enqueue_email(*, to: str, subject: str, body: str) -> int:
    """An e-mail with its own text, sent after the current transaction commits."""
    row = OutboxMessage.objects.create(
        to=to[:254], subject=" ".join(subject.split())[:300], body=body
    )
    _after_commit([row.pk])
    return row.pk


def _send_row(row: OutboxMessage, now: dt.datetime) -> bool:
    if row.notification_id is not None:
        from danvan.notifications.services import notification_email_send

        return notification_email_send(notification_id=row.notification_id, now=now)
    if not row.to:
        return False
    EmailMessage(row.subject, row.body, None, [row.to]).send()
    return True


def send(message_id: int, *, now: dt.datetime | None = None) -> bool:
    """Send one outbox row if it is still waiting. True if an e-mail went out now.

    A failure is recorded (attempts, next attempt, error) and not raised: the sweep retries.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            row = (
                OutboxMessage.objects.select_for_update()
                .filter(pk=message_id, status=OutboxStatus.PENDING)
                .first()
            )
            if row is None:
                return False
            sent = _send_row(row, now)
            row.status = OutboxStatus.SENT if sent else OutboxStatus.SKIPPED
            row.sent_at = now if sent else None
            row.attempts += 1
            row.last_error = ""
            row.save(update_fields=["status", "sent_at", "attempts", "last_error"])
            return sent
    except SEND_ERRORS as exc:
        _failed(message_id, exc, now)
        return False


def _failed(message_id: int, exc: Exception, now: dt.datetime) -> None:
    with transaction.atomic():
        row = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if row is None or row.status != OutboxStatus.PENDING:
            return
        row.attempts += 1
        row.last_error = f"{type(exc).__name__}: {exc}"[:500]
        if row.attempts >= MAX_ATTEMPTS:
            row.status = OutboxStatus.FAILED
            logger.error(
                "outbox: e-mail %s given up after %d attempts: %s", row.pk, row.attempts, exc
            )
        else:
            row.next_attempt_at = now + retry_delay(row.attempts)
            logger.warning(
                "outbox: e-mail %s not sent (attempt %d, next at %s): %s",
                row.pk,
                row.attempts,
                row.next_attempt_at.isoformat(),
                exc,
            )
        row.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])


def send_many(message_ids: Iterable[int], *, now: dt.datetime | None = None) -> int:
    return sum(send(pk, now=now) for pk in message_ids)


def due(*, now: dt.datetime | None = None, limit: int = SWEEP_BATCH) -> list[int]:
    """Ids of the waiting rows whose time has come, oldest first (read in full before any
    is sent: no cursor stays open while we write)."""
    now = now or timezone.now()
    return list(
        OutboxMessage.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def sweep(*, now: dt.datetime | None = None, batches: int = 50) -> int:
    """Send every waiting row whose time has come; returns how many e-mails went out."""
    now = now or timezone.now()
    sent = 0
    seen: set[int] = set()
    for _ in range(batches):
        ids = [pk for pk in due(now=now) if pk not in seen]
        if not ids:
            break
        seen.update(ids)
        sent += send_many(ids, now=now)
    return sent


def pending_count() -> int:
    return OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count()
