"""Reading API tokens: each person sees their own and nobody else's."""

from django.db.models import QuerySet

from danvan.api.models import ApiToken
from danvan.api.services import hash_token
from danvan.core.errors import NotFoundError

# A real token is 56 characters; anything much longer is not worth hashing.
MAX_TOKEN_LENGTH = 200


def token_list(actor) -> QuerySet[ApiToken]:
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=actor)


def get_token_for(actor, token_id) -> ApiToken:
    """The actor's own token ``token_id``; NotFoundError for someone else's or a missing one."""
    try:
        token_id = int(token_id)
    except (TypeError, ValueError):
        raise NotFoundError() from None
    token = token_list(actor).filter(pk=token_id).first()
    if token is None:
        raise NotFoundError()
    return token


def token_by_secret(raw: str) -> ApiToken | None:
    """The token whose secret is ``raw``, with its owner, whatever its state (one query)."""
    if not raw or len(raw) > MAX_TOKEN_LENGTH:
        return None
    try:
        return ApiToken.objects.select_related("user").get(key_hash=hash_token(raw))
    except ApiToken.DoesNotExist:
        return None
