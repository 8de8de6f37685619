"""Two-factor gate: a user with a TOTP device must enter a code before anything else,
and a system administrator without one must set it up first."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.core.middleware import error_payload

ALLOWED_PREFIXES = ("/static/", "/healthz", "/i18n/")


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
        ):
            target = self._required_step(request, user)
            if target and request.path != target and request.path != reverse("accounts:logout"):
                if request.path.startswith("/api/"):
                    message = _("Two-factor verification is required. Log in again in the browser.")
                    return JsonResponse(error_payload("otp_required", message), status=403)
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _required_step(request, user) -> str | None:
        from django_otp import user_has_device

        if user.is_verified():
            return None
        if user_has_device(user, confirmed=True):
            return reverse("accounts:otp-verify")
        if user.is_system_admin:
            return reverse("accounts:otp-setup")
        return None
