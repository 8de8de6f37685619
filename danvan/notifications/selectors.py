"""Reads of notifications. A notice is personal: only its recipient sees it, administrators
included, so these filter by recipient rather than by unit through the access module."""

from dataclasses import dataclass

from django.db.models import QuerySet

from danvan.core.errors import NotFoundError
from danvan.notifications import kinds
from danvan.notifications.models import Notification, NotificationPreference

# The navigation bar shows "99+" beyond this: counting stops there, so it stays cheap.
UNREAD_COUNT_CAP = 100


def _signed_in(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def inbox(actor, *, unread_only: bool = False) -> QuerySet[Notification]:
    if not _signed_in(actor):
        return Notification.objects.none()
    qs = Notification.objects.filter(recipient_id=actor.pk)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs


def get_notification_for(actor, notification_id) -> Notification:
    """The actor's own notice with this id; NotFoundError for anyone else's and missing alike."""
    try:
        notification_id = int(notification_id)
    except (TypeError, ValueError):
        raise NotFoundError() from None
    notice = inbox(actor).filter(pk=notification_id).first()
    if notice is None:
        raise NotFoundError()
    return notice


def unread_count(user) -> int:
    """Unread notices of ``user``, counted up to UNREAD_COUNT_CAP (one query on a partial index)."""
    if not _signed_in(user):
        return 0
    return inbox(user, unread_only=True).order_by()[:UNREAD_COUNT_CAP].count()


def unread_count_for_request(request) -> int:
    """The unread count, computed at most once per request however often a page shows it."""
    cached = getattr(request, "_notifications_unread", None)
    if cached is None:
        cached = unread_count(getattr(request, "user", None))
        request._notifications_unread = cached
    return cached


@dataclass(frozen=True)
class EmailChoice:
    kind: kinds.Kind
    email: bool


def email_choices(user) -> list[EmailChoice]:
    """Every kind of notice, with whether it reaches ``user`` by e-mail (their choice or the
    kind's default)."""
    chosen = dict(
        NotificationPreference.objects.filter(user_id=user.pk).values_list("kind", "email")
    )
    return [
        EmailChoice(kind, chosen.get(kind.key, kind.email_default)) for kind in kinds.all_kinds()
    ]


def email_wanted(user_kinds: set[tuple[int, str]]) -> set[tuple[int, str]]:
    """Of these (user id, kind) pairs, those whose notices should go out by e-mail too."""
    if not user_kinds:
        return set()
    chosen = {
        (user_id, kind): email
        for user_id, kind, email in NotificationPreference.objects.filter(
            user_id__in={user_id for user_id, _ in user_kinds},
            kind__in={kind for _, kind in user_kinds},
        ).values_list("user_id", "kind", "email")
    }
    return {pair for pair in user_kinds if chosen.get(pair, kinds.email_default(pair[1]))}
