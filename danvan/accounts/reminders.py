"""The reminder engine's first real user: links to choose a password, which expire.

An account a manager creates has no password until its owner opens the e-mailed link, which
stops working PASSWORD_RESET_TIMEOUT after it was sent (``User.invited_at``). One working day
before that, the invited person is reminded; once it has expired unused, whoever sent it is
told, with a link to the account page where a new one is sent.

An invitation is open while the account is active and still has no usable password: choosing
a password closes it, with no hook needed. Sending a new link moves ``invited_at`` and so
starts a new round of notices; ``invitation_sent`` settles those about the previous link.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.models import User
from danvan.notifications import reminders
from danvan.notifications.reminders import OVERDUE, DeadlineSource, Stage

INVITATION = "accounts.invitation"


def invitation_lifetime() -> dt.timedelta:
    return dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


def open_invitations():
    return User.objects.filter(
        is_active=True,
        invited_at__isnull=False,
        password__startswith=UNUSABLE_PASSWORD_PREFIX,
    ).select_related("home_unit")


def _expiry(stage: Stage) -> str:
    return formats.date_format(timezone.localtime(stage.due), "d/m/Y H:i")


def _title(user: User, stage: Stage) -> str:
    if stage.kind == OVERDUE:
        return _("The invitation of %(name)s expired without being used") % {"name": user}
    return _("Your link to choose a password expires on %(expiry)s") % {"expiry": _expiry(stage)}


def _body(user: User, stage: Stage) -> str:
    if stage.kind == OVERDUE:
        return _(
            "The link %(name)s (username %(username)s) needed to choose a password expired on "
            "%(expiry)s without being used. Open the account to e-mail a new link."
        ) % {"name": user, "username": user.username, "expiry": _expiry(stage)}
    return _(
        "The link we e-mailed you to choose your password for %(site)s expires on %(expiry)s. "
        "Open it before then. If it has expired, ask for a new one with "
        "“Forgot your password?” on the log-in page."
    ) % {"site": settings.DANVAN_SITE_NAME, "expiry": _expiry(stage)}


def _url(user: User, stage: Stage) -> str:
    if stage.kind == OVERDUE:
        return reverse("accounts:user-detail", kwargs={"user_id": user.pk})
    return reverse("accounts:password-reset")


def register() -> None:
    """Declare this app's deadlines to the reminder engine (called from hooks.register)."""
    reminders.register(
        DeadlineSource(
            key=INVITATION,
            label=gettext_lazy("Invitations to new accounts"),
            help_text=gettext_lazy(
                "A link to choose a password is about to expire, or expired without being used."
            ),
            queryset=open_invitations,
            due="invited_at",
            due_shift=invitation_lifetime,
            recipients="pk",
            overdue_recipients="invited_by",
            before=(1,),
            on_the_day=False,
            title=_title,
            body=_body,
            url=_url,
        )
    )


def invitation_sent(*, user: User, now=None) -> None:
    """Accounts calls this when it sends a new link: the notices about the last one are
    settled (marked read)."""
    reminders.resolve(INVITATION, user.pk, now=now)


def invitation_accepted(*, user: User, now=None) -> None:
    """For the step where the person chooses a password: the reminder they got is settled."""
    reminders.resolve(INVITATION, user.pk, now=now)
