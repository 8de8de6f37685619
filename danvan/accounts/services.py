"""Writes to accounts: people, their role grants and their two-factor devices.

Each is keyword-only, atomic, checked by the access module and audited in the same
transaction. A manager works inside their own subtree: the person's home unit and every
unit a grant is over must lie in the manager's ``accounts.manage`` reach.
"""

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.functional import LazyObject, empty
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts import access
from danvan.accounts import reminders as invitations
from danvan.accounts.models import Role, RoleGrant, User
from danvan.accounts.rules import require_manage_user
from danvan.audit import services as audit
from danvan.core.errors import ConflictError, PermissionDeniedError, ValidationFailed
from danvan.units.models import OrgUnit

logger = logging.getLogger(__name__)

BACKUP_CODE_COUNT = 10
EDITABLE_FIELDS = ("full_name", "email", "position", "phone", "home_unit")


def _own_account(actor: User) -> User:
    """``request.user`` is a lazy proxy (twice, with django-otp); the audit row needs the model
    instance it wraps."""
    while isinstance(actor, LazyObject):
        if actor._wrapped is empty:
            actor._setup()
        actor = actor._wrapped
    return actor


def _forget_grants(user: User) -> None:
    user.__dict__.pop("_grants_cache", None)


def _require_home_unit(actor: User, home_unit: OrgUnit | None) -> None:
    if home_unit is None:
        raise ValidationFailed(_("Choose the person's home unit."), field="home_unit")
    if not access.can(actor, "accounts.manage", home_unit):
        raise ValidationFailed(
            _("You can only place people in units you manage."), field="home_unit"
        )
    if not home_unit.is_active:
        raise ValidationFailed(_("This unit is no longer active."), field="home_unit")


def _check_email_free(email: str, *, exclude_pk: int | None = None) -> None:
    if User.objects.filter(email__iexact=email).exclude(pk=exclude_pk).exists():
        raise ConflictError(
            _("Another account already uses the e-mail address %(email)s.") % {"email": email},
            code="duplicate_email",
            field="email",
        )


def _clean_text(value: str | None) -> str:
    return " ".join((value or "").split())


def set_password_link(user: User, *, site_url: str) -> str:
    """An absolute link where ``user`` chooses a password (Django's password-reset token)."""
    path = reverse(
        "accounts:password-reset-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return site_url.rstrip("/") + path


def _send_set_password_email(user_id: int, site_url: str) -> None:
    user = User.objects.select_related("home_unit").get(pk=user_id)
    context = {
        "user": user,
        "link": set_password_link(user, site_url=site_url),
        "site_name": settings.DANVAN_SITE_NAME,
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    subject = " ".join(
        render_to_string("accounts/email/account_created_subject.txt", context).split()
    )
    body = render_to_string("accounts/email/account_created.txt", context)
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:  # the account exists; the manager can send the link again
        logger.exception("Could not send the set-password e-mail to user %s", user_id)


@transaction.atomic
def user_create(
    *,
    actor: User,
    username: str,
    full_name: str,
    email: str,
    home_unit: OrgUnit | None,
    position: str = "",
    phone: str = "",
    role: str = "",
    site_url: str,
) -> User:
    """Create an account in ``home_unit`` and e-mail the person a link to choose a password."""
    _require_home_unit(actor, home_unit)
    username = (username or "").strip()
    full_name = _clean_text(full_name)
    email = (email or "").strip()
    if not username:
        raise ValidationFailed(_("Enter a username."), field="username")
    if not full_name:
        raise ValidationFailed(_("Enter the person's full name."), field="full_name")
    if not email:
        raise ValidationFailed(
            _("Enter an e-mail address: the link to set the password is sent there."),
            field="email",
        )
    if User.objects.filter(username__iexact=username).exists():
        raise ConflictError(
            _("The username %(username)s is already taken.") % {"username": username},
            code="duplicate_username",
            field="username",
        )
    _check_email_free(email)
    user = User(
        username=username,
        full_name=full_name,
        email=email,
        position=_clean_text(position),
        phone=_clean_text(phone),
        home_unit=home_unit,
    )
    user.set_unusable_password()
    user.invited_at = timezone.now()
    user.invited_by_id = actor.pk
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # a concurrent insert of the same username
        raise ConflictError(field="username") from exc
    audit.record(actor, "account.created", user, after=audit.snapshot(user))
    if role:
        grant_create(actor=actor, user=user, role=role, unit=home_unit)
    transaction.on_commit(lambda: _send_set_password_email(user.pk, site_url))
    return user


@transaction.atomic
def user_update(
    *,
    actor: User,
    user: User,
    full_name: str,
    email: str,
    home_unit: OrgUnit | None,
    position: str = "",
    phone: str = "",
) -> User:
    require_manage_user(actor, user)
    if home_unit is None or home_unit.pk != user.home_unit_id:
        _require_home_unit(actor, home_unit)
    full_name = _clean_text(full_name)
    email = (email or "").strip()
    if not full_name:
        raise ValidationFailed(_("Enter the person's full name."), field="full_name")
    if not email:
        raise ValidationFailed(_("Enter an e-mail address."), field="email")
    _check_email_free(email, exclude_pk=user.pk)
    before = audit.snapshot(user)
    user.full_name = full_name
    user.email = email
    user.position = _clean_text(position)
    user.phone = _clean_text(phone)
    user.home_unit = home_unit
    user.save()
    audit.record(actor, "account.updated", user, before=before, after=audit.snapshot(user))
    return user


@transaction.atomic
def user_set_active(*, actor: User, user: User, active: bool) -> User:
    """Deactivate or reactivate an account. Accounts are never deleted: history points at them."""
    require_manage_user(actor, user)
    if not active and user.pk == actor.pk:
        raise ValidationFailed(_("You cannot deactivate your own account."), code="self")
    if user.is_active == active:
        return user
    before = audit.snapshot(user, ["is_active"])
    user.is_active = active
    user.save(update_fields=["is_active"])
    action = "account.reactivated" if active else "account.deactivated"
    audit.record(actor, action, user, before=before, after=audit.snapshot(user, ["is_active"]))
    return user


@transaction.atomic
def user_send_password_link(*, actor: User, user: User, site_url: str) -> None:
    """E-mail ``user`` a fresh link to choose a password (for example after the first expired)."""
    require_manage_user(actor, user)
    if not user.is_active:
        raise ValidationFailed(_("Reactivate the account first."), code="inactive")
    if not user.email:
        raise ValidationFailed(_("This account has no e-mail address."), field="email")
    if not user.has_usable_password():  # an invitation: reminders count from this new link
        user.invited_at = timezone.now()
        user.invited_by_id = actor.pk
        user.save(update_fields=["invited_at", "invited_by"])
        invitations.invitation_sent(user=user)
    audit.record(actor, "account.password_link_sent", user)
    transaction.on_commit(lambda: _send_set_password_email(user.pk, site_url))


def _grant_summary(grant: RoleGrant) -> dict:
    return {"role": grant.role, "unit": grant.unit_id, "unit_name": grant.unit.name}


def _require_may_grant(actor: User, user: User, role: str, unit: OrgUnit) -> None:
    if user.pk == actor.pk:
        raise PermissionDeniedError(
            _("You cannot change your own roles. Ask another administrator."), code="self"
        )
    access.require(actor, "accounts.manage", user)
    if not access.can(actor, "accounts.manage", unit):
        raise ValidationFailed(_("You can only grant roles over units you manage."), field="unit")
    if role == Role.ADMIN and not access.can(actor, "accounts.grant_admin", unit):
        raise PermissionDeniedError(
            _("Only an administrator of %(unit)s can grant or revoke the administrator role there.")
            % {"unit": unit},
            field="role",
        )


@transaction.atomic
def grant_create(*, actor: User, user: User, role: str, unit: OrgUnit) -> RoleGrant:
    if role not in Role.values:
        raise ValidationFailed(_("Choose a role from the list."), field="role")
    _require_may_grant(actor, user, role, unit)
    if not user.is_active:
        raise ValidationFailed(_("Reactivate the account first."), code="inactive")
    if not unit.is_active:
        raise ValidationFailed(_("This unit is no longer active."), field="unit")
    if RoleGrant.objects.filter(user=user, role=role, unit=unit).exists():
        raise ConflictError(
            _("%(name)s already holds this role over %(unit)s.") % {"name": user, "unit": unit},
            code="duplicate_grant",
            field="role",
        )
    try:
        with transaction.atomic():
            grant = RoleGrant.objects.create(user=user, role=role, unit=unit, granted_by=actor)
    except IntegrityError as exc:  # the same grant made at the same moment by someone else
        raise ConflictError(code="duplicate_grant", field="role") from exc
    _forget_grants(user)
    audit.record(actor, "account.grant_created", user, after=_grant_summary(grant))
    return grant


@transaction.atomic
def grant_revoke(*, actor: User, grant: RoleGrant) -> None:
    _require_may_grant(actor, grant.user, grant.role, grant.unit)
    summary = _grant_summary(grant)
    grant.delete()
    _forget_grants(grant.user)
    audit.record(actor, "account.grant_revoked", grant.user, before=summary)


# --- Two-factor authentication. The actor is always the account's own holder.


def _new_backup_codes(user: User) -> list[str]:
    """Replace ``user``'s backup codes with ``BACKUP_CODE_COUNT`` fresh ones; returns them.

    The device itself is kept: the session may have been verified with one of its codes.
    """
    device = StaticDevice.objects.filter(user=user).order_by("id").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=_("Backup codes"), confirmed=True)
    elif not device.confirmed:
        StaticDevice.objects.filter(pk=device.pk).update(confirmed=True)
    StaticToken.objects.filter(device__user=user).delete()
    codes: list[str] = []
    while len(codes) < BACKUP_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@transaction.atomic
def otp_device_start(*, actor: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (reused on reload, so the QR code holds)."""
    if TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
        raise ConflictError(_("Two-factor authentication is already on."), code="otp_on")
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name=_("Authenticator app"), confirmed=False)
    return device


def _throttle_message(device) -> str | None:
    allowed, info = device.verify_is_allowed()
    if allowed:
        return None
    wait = ""
    if info and info.get("locked_until"):
        seconds = max(1, int((info["locked_until"] - timezone.now()).total_seconds()) + 1)
        wait = _("Wait %(seconds)s seconds, then try again.") % {"seconds": seconds}
    return " ".join([_("Too many wrong codes."), wait]).strip()


def normalise_code(token: str) -> str:
    return "".join((token or "").split()).replace("-", "").lower()


def _wrong_code(message: str) -> ValidationFailed:
    return ValidationFailed(message, code="wrong_code", field="token")


# Not atomic as a whole: a wrong code must leave its throttling mark (written by django-otp
# in its own transaction) even though we then raise.
def otp_confirm(*, actor: User, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the authenticator with a code from it; returns the new backup codes."""
    if device.user_id != actor.pk or device.confirmed:
        raise ConflictError(_("This setup has expired. Start again."), code="otp_setup_stale")
    message = _throttle_message(device)
    if message:
        raise ValidationFailed(message, code="throttled", field="token")
    if not verify_token(actor, device.persistent_id, normalise_code(token)):
        raise _wrong_code(
            _(
                "This code is not right. Check that the phone's clock is correct and type the "
                "6 digits the app shows now."
            )
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
        codes = _new_backup_codes(actor)
        audit.record(actor, "account.otp_enabled", _own_account(actor))
    device.refresh_from_db()
    return codes


def otp_check(*, actor: User, token: str):
    """The device that accepts ``token`` (6 digits from the app, or a backup code)."""
    code = normalise_code(token)
    model = TOTPDevice if code.isdigit() else StaticDevice
    devices = list(model.objects.filter(user=actor, confirmed=True))
    for device in devices:
        message = _throttle_message(device)
        if message:
            raise ValidationFailed(message, code="throttled", field="token")
    for device in devices:
        if verify_token(actor, device.persistent_id, code):
            if model is StaticDevice:
                audit.record(actor, "account.otp_backup_code_used", _own_account(actor))
            return device
    raise _wrong_code(
        _("This code is not right. Type the 6 digits the app shows now, or one backup code.")
    )


@transaction.atomic
def otp_backup_codes_renew(*, actor: User) -> list[str]:
    if not TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
        raise ValidationFailed(_("Turn on two-factor authentication first."), code="otp_off")
    codes = _new_backup_codes(actor)
    audit.record(actor, "account.otp_backup_codes_renewed", _own_account(actor))
    return codes


@transaction.atomic
def otp_disable(*, actor: User) -> None:
    if actor.is_system_admin:
        raise PermissionDeniedError(
            _("Administrators must keep two-factor authentication on."), code="otp_required"
        )
    TOTPDevice.objects.filter(user=actor).delete()
    StaticDevice.objects.filter(user=actor).delete()
    audit.record(actor, "account.otp_disabled", _own_account(actor))
