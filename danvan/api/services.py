"""Creating and revoking personal API tokens. A token is its owner's alone: nobody else,
whatever their role, may see or revoke it (an administrator stops a person's tokens by
deactivating the account)."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.api.models import ApiToken
from danvan.audit import services as audit
from danvan.core.errors import ConflictError, NotFoundError, ValidationFailed

TOKEN_LABEL = "dvn"
MAX_ACTIVE_TOKENS = 20
NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length


def hash_token(raw: str) -> str:
    """The stored form of a token (see ApiToken on why SHA-256 suffices for these secrets)."""
    return hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the full token: shown once, never stored


def _require_owner(actor: User, token: ApiToken) -> None:
    if not actor.is_authenticated or not actor.is_active or token.user_id != actor.pk:
        raise NotFoundError()


@transaction.atomic
def token_create(*, actor: User, name: str, expires_at: datetime | None) -> IssuedToken:
    """A new token for ``actor``; the returned ``secret`` is the only copy of it there will be."""
    if not actor.is_authenticated or not actor.is_active:
        raise NotFoundError()
    name = " ".join(name.split())
    if not name:
        raise ValidationFailed(_("Give the token a name."), field="name")
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationFailed(
            _("The name is too long (at most %(max)d characters).") % {"max": NAME_MAX_LENGTH},
            field="name",
        )
    now = timezone.now()
    if expires_at is not None and expires_at <= now:
        raise ValidationFailed(_("The expiry date must be in the future."), field="expires_at")
    # Lock the owner's row so two requests at once cannot both pass the limit.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    active = (
        ApiToken.objects.filter(user=actor, revoked_at__isnull=True)
        .exclude(expires_at__lte=now)
        .count()
    )
    if active >= MAX_ACTIVE_TOKENS:
        raise ConflictError(
            _("You already have %(count)d active API tokens. Revoke one you no longer use first.")
            % {"count": active}
        )
    prefix = f"{TOKEN_LABEL}_{secrets.token_hex(4)}"
    secret = f"{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=actor, name=name, prefix=prefix, key_hash=hash_token(secret), expires_at=expires_at
    )
    audit.record(actor, "api_token.created", token, after=audit.snapshot(token))
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Stop ``token`` from working, at once. Revoking it again changes nothing."""
    _require_owner(actor, token)
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    before = audit.snapshot(token)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(actor, "api_token.revoked", token, before=before, after=audit.snapshot(token))
    return token
