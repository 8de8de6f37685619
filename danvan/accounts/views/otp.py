"""Profile and the two-factor steps: set up an authenticator, verify a code, backup codes."""

from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from danvan.accounts import selectors, services
from danvan.accounts.forms import OTPTokenForm, PasswordConfirmForm
from danvan.accounts.views.helpers import FAILED, run_service, safe_next
from danvan.core.errors import DomainError

BACKUP_CODES_SESSION_KEY = "accounts_backup_codes"


@login_required
@never_cache
def profile(request):
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "grants": user.active_grants(),
            "otp": selectors.otp_status(user),
            "otp_required": user.is_system_admin,
        },
    )


def _qr_svg(device) -> str:
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=4, border=2, svgclass="otp-qr", title=_("QR code to scan"))
    return mark_safe(svg)  # noqa: S308 - segno's own output, built from our device's URL


def _grouped_secret(device) -> str:
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _show_backup_codes(request, codes: list[str], next_url: str):
    request.session[BACKUP_CODES_SESSION_KEY] = codes
    return redirect(f"{reverse('accounts:otp-backup-codes')}?{urlencode({'next': next_url})}")


@login_required
@never_cache
def otp_setup(request):
    user = request.user
    next_url = safe_next(request, "accounts:profile")
    if selectors.otp_status(user)["enabled"]:
        messages.info(request, _("Two-factor authentication is already on."))
        return redirect(next_url)
    device = services.otp_device_start(actor=user)
    form = OTPTokenForm(request.POST or None, numeric=True)
    if request.method == "POST" and form.is_valid():
        codes = run_service(
            form, services.otp_confirm, actor=user, device=device, token=form.cleaned_data["token"]
        )
        if codes is not FAILED:
            django_otp.login(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            return _show_backup_codes(request, codes, next_url)
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device),
            "secret": _grouped_secret(device),
            "issuer": settings.OTP_TOTP_ISSUER,
            "next": next_url,
            "required": user.is_system_admin,
        },
    )


@login_required
@never_cache
def otp_verify(request):
    user = request.user
    next_url = safe_next(request, settings.LOGIN_REDIRECT_URL)
    if user.is_verified() or not user_has_device(user, confirmed=True):
        return redirect(next_url)
    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = run_service(form, services.otp_check, actor=user, token=form.cleaned_data["token"])
        if device is not FAILED:
            django_otp.login(request, device)
            if selectors.otp_status(user)["backup_codes_left"] <= 2:
                messages.warning(
                    request,
                    _("You have few backup codes left. Make new ones from your profile."),
                )
            return redirect(next_url)
    return render(request, "accounts/otp_verify.html", {"form": form, "next": next_url})


@login_required
@never_cache
def otp_backup_codes(request):
    """The backup codes just made, shown once: they leave the session as they are shown."""
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    next_url = safe_next(request, "accounts:profile")
    if not codes:
        messages.info(
            request,
            _(
                "Backup codes are shown only once. Make new ones from your profile if you lost them."
            ),
        )
        return redirect("accounts:profile")
    response = render(request, "accounts/otp_backup_codes.html", {"codes": codes, "next": next_url})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def otp_backup_codes_renew(request):
    try:
        codes = services.otp_backup_codes_renew(actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:profile")
    return _show_backup_codes(request, codes, reverse("accounts:profile"))


@login_required
@never_cache
def otp_disable(request):
    user = request.user
    form = PasswordConfirmForm(request.POST or None, user=user)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(form, services.otp_disable, actor=user) is not FAILED
    ):
        messages.success(request, _("Two-factor authentication is off."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/otp_disable.html",
        {"form": form, "required": user.is_system_admin, "otp": selectors.otp_status(user)},
    )
