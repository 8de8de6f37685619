"""``Authorization: Bearer <token>`` (or ``Token <token>``) for scripts and other systems."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from danvan.api import selectors
from danvan.api.models import ApiToken

KEYWORDS = ("bearer", "token")
# last_used_at is written at most this often per token: one UPDATE a minute, not one a request.
LAST_USED_PRECISION = timedelta(minutes=1)


class TokenRejected(exceptions.AuthenticationFailed):
    """A 401 whose code says why (token_invalid, token_expired, token_revoked, account_inactive)."""

    def __init__(self, message, code: str):
        super().__init__(message, code)
        self.error_code = code


def _verified():
    return True


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """A personal API token stands for its owner. Without the header, the next class (the
    browser session) decides.

    Tokens of people with two-factor authentication (system administrators must have it) are
    accepted: the token could only be created in a session that had passed the second factor.
    """

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise TokenRejected(
                _("The Authorization header must be “Bearer” followed by one API token."),
                "token_invalid",
            )
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raw = ""
        return self.authenticate_credentials(raw)

    def authenticate_credentials(self, raw: str):
        token = selectors.token_by_secret(raw)
        if token is None:
            raise TokenRejected(_("The API token is not valid."), "token_invalid")
        if token.revoked_at is not None:
            raise TokenRejected(_("This API token has been revoked."), "token_revoked")
        now = timezone.now()
        if token.is_expired(now):
            raise TokenRejected(_("This API token has expired."), "token_expired")
        user = token.user
        if not user.is_active:
            raise TokenRejected(
                _("The account of this API token is deactivated."), "account_inactive"
            )
        self._touch(token, now)
        # What django-otp's middleware adds to session users: code asking whether the user
        # passed the second factor gets "yes", for the reason given in the class docstring.
        user.otp_device = None
        user.is_verified = _verified
        return user, token

    @staticmethod
    def _touch(token: ApiToken, now) -> None:
        if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
            return
        # The condition is repeated in the UPDATE: of simultaneous requests, one writes.
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_PRECISION)
        ).update(last_used_at=now)
        token.last_used_at = now

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'
