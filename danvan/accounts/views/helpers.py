from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from danvan.core.errors import DomainError, NotFoundError

FAILED = object()


def run_service(form, service, **kwargs):
    """Call ``service``; a user-caused error lands on the form (next to its field) instead.

    Returns the service's result, or ``FAILED``. "Not found" still becomes a 404 page.
    """
    try:
        return service(**kwargs)
    except NotFoundError:
        raise
    except DomainError as exc:
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, str(exc.message))
        return FAILED


def safe_next(request, default: str) -> str:
    """The ``next`` address from the query or form if it stays on this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(default)
