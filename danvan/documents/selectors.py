"""Reads of the legal-document registry.

An exception to "every query goes through ``access.scope``": legal documents (directives,
resolutions, decisions…) are public facts and belong to no unit, so the model declares no
``ACCESS_UNIT_PATH`` and every logged-in, active user reads the whole registry. Anonymous
users read nothing. Writes stay restricted (services.py, ``documents.manage``).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from danvan.core.errors import NotFoundError
from danvan.documents.models import LegalDocument
from danvan.lib.text import search_terms


def _reader(actor) -> bool:
    return bool(actor is not None and getattr(actor, "is_authenticated", False) and actor.is_active)


def legal_document_queryset(actor) -> QuerySet[LegalDocument]:
    """Every legal document for a logged-in user; none for anyone else."""
    if not _reader(actor):
        return LegalDocument.objects.none()
    return LegalDocument.objects.all()


def legal_document_search(actor, query: str = "") -> QuerySet[LegalDocument]:
    """Documents whose type, number and symbol, issuer or title hold every word of ``query``,
    with or without diacritics ("chi thi 11 ct tu", "dan van kheo"). Unordered: callers page."""
    qs = legal_document_queryset(actor)
    for term in search_terms(query):
        qs = qs.filter(search_folded__contains=term)
    return qs


def get_legal_document_for(actor, document_id) -> LegalDocument:
    """The document with this id; NotFoundError if there is none or the actor is anonymous."""
    try:
        document_id = int(document_id)
    except (TypeError, ValueError):
        raise NotFoundError() from None
    document = legal_document_queryset(actor).filter(pk=document_id).first()
    if document is None:
        raise NotFoundError()
    return document


# --- "Cited by": other apps tell what cites a document ------------------------------------


@dataclass(frozen=True)
class CitingItem:
    """One thing that cites a legal document, as the detail page lists it."""

    label: str
    url: str
    detail: str = ""


CitingProvider = Callable[[object, LegalDocument, int], list[CitingItem]]
_CITING: list[CitingProvider] = []


def register_citing(provider: CitingProvider) -> None:
    """Let an app list what cites a document: ``provider(actor, document, limit)`` returns at
    most ``limit`` CitingItems the actor may see (the plans app lists plans whose legal bases
    include it, scoped by access). Call it from the app's ``ready()``."""
    if provider not in _CITING:
        _CITING.append(provider)


def legal_document_cited_by(actor, document: LegalDocument, *, limit: int = 50) -> list[CitingItem]:
    """What cites ``document`` that ``actor`` may see, from every registered provider."""
    items: list[CitingItem] = []
    for provider in _CITING:
        items.extend(provider(actor, document, limit)[: max(0, limit - len(items))])
    return items
