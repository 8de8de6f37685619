"""The profile pages where people create and revoke their personal API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from danvan.api import selectors, services
from danvan.api.forms import TokenCreateForm
from danvan.core.errors import DomainError, NotFoundError


def _list_page(request, form):
    tokens = selectors.token_list(request.user)
    return render(request, "api/token_list.html", {"tokens": tokens, "form": form})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    """Your tokens, and a form for a new one. Its secret is shown in the answer to the POST,
    once: it is not kept anywhere (never_cache keeps browsers from storing the page)."""
    if request.method == "GET":
        return _list_page(request, TokenCreateForm())
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form)
    try:
        issued = services.token_create(
            actor=request.user, name=form.cleaned_data["name"], expires_at=form.expires_at()
        )
    except NotFoundError:
        raise
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        return _list_page(request, form)
    return render(
        request, "api/token_created.html", {"token": issued.token, "secret": issued.secret}
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request, token_id: int):
    token = selectors.get_token_for(request.user, token_id)
    if request.method == "POST":
        services.token_revoke(actor=request.user, token=token)
        messages.success(
            request, _("The token “%(name)s” has been revoked.") % {"name": token.name}
        )
        return redirect("api_tokens:list")
    return render(request, "api/token_confirm_revoke.html", {"token": token})
