"""A form does its work once, however many times it is sent.

Every page gives each of its POST forms a random token (``static/js/danvan.js`` adds a hidden
``_once`` input when the page loads). ``ServiceForm.save()`` records the token in the same
transaction as the service's writes:

- the first request records it and does the work;
- a second request with the same token (a double click, a resend after a timeout, the back
  button) waits for the first to commit, finds the token and answers with the first one's
  result instead of doing the work again;
- a request whose work failed (a validation error) rolled the token back with everything else,
  so correcting the form and sending it again works.

A form sent without a token (an API client, a page without JavaScript) is not guarded: the
services' own checks (a status that already moved, a unique key) still hold there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError
from danvan.core.models import FormSubmission

FIELD = "_once"
KEEP_DAYS = 7
_TOKEN = re.compile(r"^[A-Za-z0-9-]{16,64}$")


class AlreadyDone(DomainError):
    """The same form was sent again after its work was done; nothing was done twice.

    The middleware sends the user back to the page they came from with this message (303),
    never an error page: the first request succeeded.
    """

    status = 303
    code = "already_done"

    def __init__(self, result=None):
        self.result = result
        super().__init__(
            _("This was already done (the form was sent twice); it was done only once."),
            code=self.code,
        )


def token_of(data) -> str | None:
    """The once-token a form sent, or None when it sent none (or a malformed one)."""
    if not data:
        return None
    token = data.get(FIELD)
    if isinstance(token, str) and _TOKEN.match(token):
        return token
    return None


def _result_ref(result) -> tuple[str, str]:
    if isinstance(result, models.Model) and result.pk is not None:
        return result._meta.label_lower, str(result.pk)
    return "", ""


def _stored_result(row: FormSubmission):
    if not row.result_type:
        return None
    try:
        model = apps.get_model(row.result_type)
    except (LookupError, ValueError):
        return None
    return model._default_manager.filter(pk=row.result_id).first()


@contextlib.contextmanager
def guard(token: str | None, user):
    """Run the block once per ``token``; raise AlreadyDone when it already ran.

    Use it around a service call, inside nothing else's transaction::

        with once.guard(token, request.user) as done:
            done.result = services.case_accept(...)
    """
    holder = _Holder()
    if token is None:
        yield holder
        return
    user_id = getattr(user, "pk", None)
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = FormSubmission.objects.create(token=token, user_id=user_id)
        except IntegrityError:
            row = FormSubmission.objects.filter(token=token).first()
            if row is None or row.user_id != user_id:
                # Not this user's token: a forged or colliding token does nothing here.
                raise DomainError(
                    _("This form has expired. Reload the page and send it again."),
                    code="form_expired",
                ) from None
            raise AlreadyDone(_stored_result(row)) from None
        yield holder
        row.result_type, row.result_id = _result_ref(holder.result)
        if row.result_type:
            row.save(update_fields=["result_type", "result_id"])


class _Holder:
    result = None


def prune(*, before: dt.datetime | None = None) -> int:
    """Forget tokens older than ``KEEP_DAYS`` (a resend after a week is a new submission)."""
    before = before or timezone.now() - dt.timedelta(days=KEEP_DAYS)
    deleted, _ = FormSubmission.objects.filter(created_at__lt=before).delete()
    return deleted
