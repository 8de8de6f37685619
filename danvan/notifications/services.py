"""Writes to notifications: delivering notices, marking them read, e-mail choices, e-mail.

Delivering is a system action other services and the reminder scan call (no actor). Marking
one's own notices read is not audited: it changes nothing anyone else sees, and a person
reads many notices a day. A change of e-mail choices is audited.
"""

import logging
from collections.abc import Iterable, Sequence
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models.constants import OnConflict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.audit import services as audit
from danvan.core.errors import NotFoundError, ValidationFailed
from danvan.notifications import kinds, selectors
from danvan.notifications.models import Notification, NotificationPreference

logger = logging.getLogger(__name__)

INSERT_BATCH = 500
EMAIL_JOB_BATCH = 200
DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def _concrete(user):
    """``request.user`` is a lazy proxy; the audit row needs the model instance it wraps."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def site_url() -> str:
    return (getattr(settings, "DANVAN_SITE_URL", "") or DEFAULT_SITE_URL).rstrip("/")


# --- Delivering ------------------------------------------------------------------------


def _insert_new(notices: Sequence[Notification]) -> list[tuple[int, int, str]]:
    """Insert ``notices``, skipping each whose (dedup_key, recipient) exists already; return
    (id, recipient id, kind) of those really inserted.

    ``bulk_create(ignore_conflicts=True)`` cannot tell which rows it inserted; the same
    ``INSERT … ON CONFLICT DO NOTHING`` (SQLite: ``INSERT OR IGNORE``) with ``RETURNING`` can,
    so of two scans racing to insert one notice exactly one gets it back and e-mails it.
    """
    if not notices:
        return []
    opts = Notification._meta
    fields = [f for f in opts.concrete_fields if not f.primary_key]
    returning = [opts.pk, opts.get_field("recipient"), opts.get_field("kind")]
    batch = max(1, min(INSERT_BATCH, connection.ops.bulk_batch_size(fields, notices)))
    inserted: list[tuple[int, int, str]] = []
    for start in range(0, len(notices), batch):
        rows = Notification.objects._insert(
            notices[start : start + batch],
            fields=fields,
            returning_fields=returning,
            on_conflict=OnConflict.IGNORE,
        )
        inserted += [tuple(row) for row in rows if row is not None]  # None: skipped
    return inserted


def _queue_emails(notification_ids: list[int]) -> None:
    from danvan.notifications import tasks

    if len(notification_ids) == 1:
        tasks.send_notification_email.delay(notification_ids[0])
        return
    for start in range(0, len(notification_ids), EMAIL_JOB_BATCH):
        tasks.send_notification_emails.delay(notification_ids[start : start + EMAIL_JOB_BATCH])


def deliver(notices: Sequence[Notification]) -> list[int]:
    """Put ``notices`` (unsaved) in their recipients' inboxes; queue the e-mails people want.

    Inactive recipients are skipped; so is a notice whose (dedup_key, recipient) exists.
    Returns the ids of the notices created. E-mails are queued when the transaction commits.
    """
    emails = dict(
        get_user_model()
        .objects.filter(pk__in={n.recipient_id for n in notices}, is_active=True)
        .values_list("pk", "email")
    )
    notices = [n for n in notices if n.recipient_id in emails]
    with transaction.atomic():
        rows = _insert_new(notices)
        wanted = selectors.email_wanted(
            {(recipient_id, kind) for _, recipient_id, kind in rows if emails[recipient_id]}
        )
        to_mail = [pk for pk, recipient_id, kind in rows if (recipient_id, kind) in wanted]
        if to_mail:
            transaction.on_commit(partial(_queue_emails, to_mail))
    return [row[0] for row in rows]


def notify(
    *,
    recipients: Iterable,  # users or user ids
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    unit_path: str = "",
    dedup_key: str | None = None,
    now=None,
) -> list[int]:
    """Notify ``recipients`` (users or ids) of one thing; returns the ids of the new notices.

    With a ``dedup_key``, a person who already has a notice with that key gets no second one.
    """
    if kinds.get(kind) is None:
        raise ValueError(f"unknown notification kind {kind!r}: register it in notifications.kinds")
    now = now or timezone.now()
    ids = {r if isinstance(r, int) else r.pk for r in recipients}
    notices = [
        Notification(
            recipient_id=user_id,
            kind=kind,
            title=str(title)[:300],
            body=str(body),
            url=str(url)[:500],
            unit_path=unit_path[:255],
            created_at=now,
            dedup_key=dedup_key or None,
        )
        for user_id in sorted(ids)
    ]
    return deliver(notices)


# --- Background jobs ---------------------------------------------------------------------

JOB_FINISHED = "core.job_finished"


def register_kinds() -> None:
    kinds.register(
        JOB_FINISHED,
        gettext_lazy("Background jobs finished"),
        email_default=False,
        help_text=gettext_lazy("An export, an import or a round you started is ready, or failed."),
    )


def job_finished(job) -> None:
    """Tell the owner of a background job that it is done (or failed), with its link."""
    from danvan.core.models import JobStatus

    title = (_("Ready: %(title)s") if job.status == JobStatus.DONE else _("Failed: %(title)s")) % {
        "title": job.title
    }
    notify(
        recipients=[job.owner_id],
        kind=JOB_FINISHED,
        title=title,
        body=job.error,
        url=job.get_absolute_url(),
        dedup_key=f"{JOB_FINISHED}:{job.pk}:{job.status}",
    )


# --- Reading ---------------------------------------------------------------------------


def _require_own(actor, notification: Notification) -> None:
    if not getattr(actor, "is_authenticated", False) or notification.recipient_id != actor.pk:
        raise NotFoundError()


def notification_mark_read(*, actor, notification: Notification, now=None) -> Notification:
    _require_own(actor, notification)
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, actor, now=None) -> int:
    """Mark every unread notice of ``actor`` read; returns how many there were."""
    if not getattr(actor, "is_authenticated", False):
        raise NotFoundError()
    return Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(
        read_at=now or timezone.now()
    )


def notices_resolve(*, dedup_prefix: str, now=None) -> int:
    """Mark read every unread notice whose key starts with ``dedup_prefix``: the thing they
    were about is settled (the task is done, a new invitation link went out)."""
    if not dedup_prefix.endswith(":"):
        raise ValueError("a dedup prefix ends with ':' so that '…:4:' does not match '…:42:'")
    return Notification.objects.filter(
        dedup_key__startswith=dedup_prefix, read_at__isnull=True
    ).update(read_at=now or timezone.now())


# --- E-mail choices --------------------------------------------------------------------


@transaction.atomic
def email_preferences_update(*, actor, choices: dict[str, bool]) -> None:
    """Set, for each kind in ``choices``, whether its notices reach ``actor`` by e-mail."""
    if not getattr(actor, "is_authenticated", False):
        raise NotFoundError()
    unknown = sorted(key for key in choices if kinds.get(key) is None)
    if unknown:
        raise ValidationFailed(_("Unknown kind of notification: %(kind)s.") % {"kind": unknown[0]})
    before = {c.kind.key: c.email for c in selectors.email_choices(actor)}
    for key, email in choices.items():
        NotificationPreference.objects.update_or_create(
            user_id=actor.pk, kind=key, defaults={"email": bool(email)}
        )
    after = {c.kind.key: c.email for c in selectors.email_choices(actor)}
    if after != before:
        changed = sorted(k for k in after if after[k] != before.get(k))
        audit.record(
            actor,
            "notifications.email_preferences_changed",
            _concrete(actor),
            before={k: before.get(k) for k in changed},
            after={k: after[k] for k in changed},
        )


# --- E-mail ----------------------------------------------------------------------------


def _email_message(notice: Notification) -> EmailMessage:
    base = site_url()
    context = {
        "notice": notice,
        "link": base + notice.url if notice.url.startswith("/") else notice.url,
        "preferences_link": base + reverse("notifications:preferences"),
        "site_name": settings.DANVAN_SITE_NAME,
    }
    subject = " ".join(render_to_string("notifications/email/notice_subject.txt", context).split())
    body = render_to_string("notifications/email/notice.txt", context)
    return EmailMessage(subject, body, None, [notice.recipient.email])


def notification_email_send(*, notification_id: int, now=None) -> bool:
    """E-mail one notice to its recipient, once. Returns whether an e-mail went out.

    The row stays locked while sending, so a second job for the same notice waits and then
    finds it sent. If sending fails the transaction rolls back: the notice is not marked
    sent and the job, retried, sends it.
    """
    with transaction.atomic():
        notice = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notice is None or notice.emailed_at is not None:
            return False
        recipient = notice.recipient
        if not (recipient.is_active and recipient.email):
            return False
        if not selectors.email_wanted({(recipient.pk, notice.kind)}):
            return False
        _email_message(notice).send()
        Notification.objects.filter(pk=notice.pk).update(emailed_at=now or timezone.now())
    return True
