"""The inbox and the e-mail choices. Every notice is its recipient's alone (404 for others)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.pagination import keyset_page
from danvan.notifications import selectors, services
from danvan.notifications.forms import EmailPreferencesForm

PAGE_SIZE = 30


def _inbox_url(request) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "notifications:inbox"


@login_required
@require_GET
def inbox(request):
    unread_only = request.GET.get("unread") == "1"
    qs = selectors.inbox(request.user, unread_only=unread_only)
    page = keyset_page(qs, request.GET.get("before"), PAGE_SIZE)
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "unread_only": unread_only},
    )


@login_required
@require_POST
def notification_open(request, notification_id: int):
    """Mark the notice read and go where it points."""
    notice = selectors.get_notification_for(request.user, notification_id)
    services.notification_mark_read(actor=request.user, notification=notice)
    if notice.url and url_has_allowed_host_and_scheme(
        notice.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notice.url)
    return redirect("notifications:inbox")


@login_required
@require_POST
def notification_mark_read(request, notification_id: int):
    notice = selectors.get_notification_for(request.user, notification_id)
    services.notification_mark_read(actor=request.user, notification=notice)
    return redirect(_inbox_url(request))


@login_required
@require_POST
def notifications_mark_all_read(request):
    count = services.notifications_mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect(_inbox_url(request))


@login_required
@require_http_methods(["GET", "POST"])
def email_preferences(request):
    data = request.POST if request.method == "POST" else None
    form = EmailPreferencesForm(data, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.email_preferences_update(actor=request.user, choices=form.email_choices())
        messages.success(request, _("Your e-mail choices are saved."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "has_email": bool(request.user.email)},
    )
