from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One notice in one person's inbox. Personal: only its recipient ever sees it.

    ``dedup_key`` names the event the notice is about ("accounts.invitation:42:overdue:…");
    a person never receives two notices with the same key, which makes the reminder scan
    safe to repeat and to run twice at once. Notices that need no such guard leave it empty
    (NULL: NULLs never collide).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    unit_path = models.CharField(max_length=255, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    dedup_key = models.CharField(max_length=200, null=True, blank=True, editable=False)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # The inbox, newest first, page by page.
            models.Index(fields=["recipient", "-id"], name="notification_inbox_idx"),
            # The unread count in the navigation bar.
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
        ]
        constraints = [
            # dedup_key first: the scan asks "which of these keys exist?". varchar_pattern_ops
            # lets PostgreSQL also answer "dedup_key LIKE 'accounts.invitation:42:%'" from it.
            models.UniqueConstraint(
                fields=["dedup_key", "recipient"],
                name="notification_once",
                opclasses=["varchar_pattern_ops", "int8_ops"],
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """Whether notices of one kind reach a person by e-mail too. No row: the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=100)
    email = models.BooleanField(_("by e-mail"))

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notificationpreference_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.email}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Not needed any more")
    FAILED = "failed", _("Given up")


class OutboxMessage(models.Model):
    """An e-mail to send, written in the same transaction as the change it announces.

    After the commit a job is queued to send it at once; if the broker is down then, nothing
    is lost: the periodic sweep finds the row and sends it, again and again with a growing
    pause (``next_attempt_at``) until it goes out. The row is locked while it is sent and
    marked sent in that same transaction, so two jobs never send it twice. Either it e-mails
    a ``notification`` (rendered when sent, with the person's choices of that moment), or it
    carries its own ``to``/``subject``/``body``.
    """

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    to = models.CharField(_("to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            # The sweep: pending rows whose time has come, oldest first.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="outbox_pending_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pk} {self.status}"
