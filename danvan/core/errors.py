"""Errors a user can cause. Each has a code and a Vietnamese message, mapped once to HTTP.

Services raise these; the HTML middleware and the API exception handler turn them into
400/403/404/409 responses with the same code and message.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status = 400
    code = "invalid"
    default_message = _("The request is not valid.")

    def __init__(self, message=None, *, code: str | None = None, field: str | None = None):
        self.message = message if message is not None else self.default_message
        if code:
            self.code = code
        self.field = field
        super().__init__(str(self.message))


class ValidationFailed(DomainError):
    status = 400
    code = "invalid"


class PermissionDeniedError(DomainError):
    status = 403
    code = "forbidden"
    default_message = _("You do not have permission to do this.")


class NotFoundError(DomainError):
    status = 404
    code = "not_found"
    default_message = _("Not found, or you do not have access to it.")


class ConflictError(DomainError):
    status = 409
    code = "conflict"
    default_message = _("This conflicts with existing data.")
