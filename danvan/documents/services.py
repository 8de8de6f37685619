"""Writes to the legal-document registry: registering (deduplicated by number and symbol),
completing and correcting entries. Atomic and audited.

Legal documents belong to no unit, so ``access.require`` has no object to check: a user may
register or correct them if they hold ``documents.manage`` anywhere (officials, leaders and
Ban Dân vận officers: the people who write plans citing them).
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.errors import ConflictError, PermissionDeniedError, ValidationFailed
from danvan.documents.models import LegalDocument
from danvan.lib.citations import DOC_TYPES, Citation

MANAGE = "documents.manage"
NUMBER_MAX = LegalDocument._meta.get_field("number").max_length
SYMBOL_MAX = LegalDocument._meta.get_field("symbol").max_length
CODE_MAX = LegalDocument._meta.get_field("code").max_length
ISSUER_MAX = LegalDocument._meta.get_field("issuer").max_length
TITLE_MAX = LegalDocument._meta.get_field("title").max_length
EARLIEST = dt.date(1945, 9, 2)  # the first day of the Vietnamese state
FUTURE_DAYS = 366  # a document may be dated ahead (signed today, in force next year), not more

_NUMBER = re.compile(r"\d+[a-zđA-ZĐ]?")
_SYMBOL = re.compile(r"[^\W_]+(?:[-/][^\W_]+)*")
_DASHES = str.maketrans({"–": "-", "‐": "-", "‑": "-"})


def may_register(actor) -> bool:
    """Whether ``actor`` may register and correct legal documents (anywhere in the tree)."""
    return bool(access.reach(actor, MANAGE))


def require_register(actor) -> None:
    """PermissionDeniedError unless ``actor`` may register legal documents."""
    if not may_register(actor):
        raise PermissionDeniedError(
            _("Only officials who write plans may register legal documents.")
        )


@dataclass(frozen=True)
class _Fields:
    doc_type: str
    number: str
    symbol: str
    code: str
    issued_on: dt.date | None
    issuer: str
    title: str


def _text(value: str | None, *, max_length: int, field: str, message: str) -> str:
    text = " ".join((value or "").split())
    if "\x00" in text:
        raise ValidationFailed(_("The text contains a character that is not allowed."), field=field)
    if len(text) > max_length:
        raise ValidationFailed(message % {"max": max_length, "length": len(text)}, field=field)
    return text


def _code_part(value: str | None) -> str:
    return re.sub(r"\s+", "", (value or "").translate(_DASHES))


def _clean_code(number: str, symbol: str, code: str | None) -> str:
    """The code as written ("11-CT/TU", "30c/NQ-CP"): ``code`` if it is number, separator and
    symbol; otherwise Party style ("11-CT/TU") when the symbol's first separator is a slash,
    state style ("33/CT-TTg") when not."""
    written = _code_part(code)
    if written:
        if written not in (f"{number}-{symbol}", f"{number}/{symbol}"):
            raise ValidationFailed(
                _("The number and symbol %(code)s do not match the number %(number)s and the "
                  "symbol %(symbol)s.") % {"code": written, "number": number, "symbol": symbol},
                field="code",
            )  # fmt: skip
        return written
    first = re.search(r"[-/]", symbol)
    party = first is not None and first.group() == "/" and not symbol[0].isdigit()
    return f"{number}{'-' if party else '/'}{symbol}"


def _validated(
    *,
    doc_type: str,
    number: str,
    symbol: str,
    issued_on: dt.date | None,
    issuer: str,
    title: str,
    code: str | None = None,
) -> _Fields:
    doc_type = " ".join((doc_type or "").split())
    if doc_type not in DOC_TYPES:
        raise ValidationFailed(
            _("Choose the type of document from the list (Chỉ thị, Nghị quyết, Quyết định…)."),
            field="doc_type",
        )
    number = _code_part(number)
    if not number:
        raise ValidationFailed(_("Enter the document's number, e.g. 11 or 30c."), field="number")
    if len(number) > NUMBER_MAX or not _NUMBER.fullmatch(number):
        raise ValidationFailed(
            _("The number is digits, maybe followed by one letter, e.g. 11 or 30c."),
            field="number",
        )
    symbol = _code_part(symbol)
    if not symbol:
        raise ValidationFailed(
            _("Enter the document's symbol, e.g. CT/TU or NQ-CP."), field="symbol"
        )
    if len(symbol) > SYMBOL_MAX:
        raise ValidationFailed(
            _("The symbol is too long (at most %(max)d characters).") % {"max": SYMBOL_MAX},
            field="symbol",
        )
    if not _SYMBOL.fullmatch(symbol) or not any(ch.isalpha() for ch in symbol):
        raise ValidationFailed(
            _("The symbol is letters and digits joined by “-” or “/”, e.g. CT/TU or NQ-CP."),
            field="symbol",
        )
    code = _clean_code(number, symbol, code)
    if len(code) > CODE_MAX:
        raise ValidationFailed(
            _("The number and symbol are too long (at most %(max)d characters).")
            % {"max": CODE_MAX},
            field="code",
        )
    if issued_on is not None:
        if not isinstance(issued_on, dt.date) or isinstance(issued_on, dt.datetime):
            raise ValidationFailed(_("Enter a valid issue date."), field="issued_on")
        latest = timezone.localdate() + dt.timedelta(days=FUTURE_DAYS)
        if issued_on > latest:
            raise ValidationFailed(
                _("The issue date %(date)s is more than a year from today. Check the year.")
                % {"date": issued_on.strftime("%d/%m/%Y")},
                field="issued_on",
            )
        if issued_on < EARLIEST:
            raise ValidationFailed(
                _("The issue date %(date)s is before 2 September 1945. Check the year.")
                % {"date": f"{issued_on.day:02d}/{issued_on.month:02d}/{issued_on.year}"},
                field="issued_on",
            )
    issuer = _text(
        issuer,
        max_length=ISSUER_MAX,
        field="issuer",
        message=_("The issuing body is too long (at most %(max)d characters, not %(length)d)."),
    )
    title = _text(
        title,
        max_length=TITLE_MAX,
        field="title",
        message=_("The title is too long (at most %(max)d characters, not %(length)d)."),
    )
    return _Fields(doc_type, number, symbol, code, issued_on, issuer, title)


def _audit_unit_path(actor) -> str:
    """Where the change is filed in the audit trail: the actor's home unit (a legal document
    itself belongs to no unit)."""
    home = getattr(actor, "home_unit", None)
    return home.path if home is not None else ""


def _existing(number: str, symbol: str) -> LegalDocument | None:
    return (
        LegalDocument.objects.select_for_update()
        .filter(number=number, symbol__iexact=symbol)
        .order_by("id")
        .first()
    )


def _complete(actor, document: LegalDocument, fields: _Fields) -> LegalDocument:
    """Fill the fields ``document`` lacks from ``fields``; never overwrite what it has."""
    before = audit.snapshot(document)
    changed = []
    if document.issued_on is None and fields.issued_on is not None:
        document.issued_on = fields.issued_on
        changed.append("issued_on")
    for name in ("issuer", "title"):
        if not getattr(document, name) and getattr(fields, name):
            setattr(document, name, getattr(fields, name))
            changed.append(name)
    if changed:
        document.save(update_fields=[*changed, "search_folded"])
        audit.record(
            actor,
            "legal_document.completed",
            document,
            before=before,
            after=audit.snapshot(document),
            unit_path=_audit_unit_path(actor),
        )
    return document


@transaction.atomic
def legal_document_register(
    *,
    actor,
    doc_type: str,
    number: str,
    symbol: str,
    issued_on: dt.date | None = None,
    issuer: str = "",
    title: str = "",
    code: str | None = None,
) -> LegalDocument:
    """The registered document with this number and symbol, or a new one.

    An existing entry is returned as it is, completed with the date, issuer or title it
    lacked (what it already has is never overwritten). ``code`` is the number and symbol as
    the document writes them ("4021/CTPH/UBND-BDVTU"); without it the usual form is guessed.
    The result's ``newly_registered`` tells which happened.
    """
    require_register(actor)
    fields = _validated(
        doc_type=doc_type,
        number=number,
        symbol=symbol,
        issued_on=issued_on,
        issuer=issuer,
        title=title,
        code=code,
    )
    document = _existing(fields.number, fields.symbol)
    if document is None:
        try:
            with transaction.atomic():  # a savepoint: a concurrent twin loses the race cleanly
                document = LegalDocument.objects.create(
                    doc_type=fields.doc_type,
                    number=fields.number,
                    symbol=fields.symbol,
                    code=fields.code,
                    issued_on=fields.issued_on,
                    issuer=fields.issuer,
                    title=fields.title,
                    created_by=actor,
                )
        except IntegrityError:
            document = _existing(fields.number, fields.symbol)
            if document is None:
                raise
        else:
            audit.record(
                actor,
                "legal_document.registered",
                document,
                after=audit.snapshot(document),
                unit_path=_audit_unit_path(actor),
            )
            document.newly_registered = True
            return document
    document = _complete(actor, document, fields)
    document.newly_registered = False
    return document


@transaction.atomic
def legal_documents_from_citations(*, actor, citations: Iterable[Citation]) -> list[LegalDocument]:
    """The registry entries of the documents ``citations`` name, registering the new ones.

    One entry per document, in the order of first citation (a plan citing the same decision
    twice has it once among its legal bases). A citation that cannot be registered as it
    stands (a number too long to be real) is left out; a date more than a year ahead or an
    over-long issuer or title is dropped or shortened rather than failing the whole import.
    """
    require_register(actor)
    documents: dict[int, LegalDocument] = {}
    for citation in citations:
        issued_on = citation.date
        if issued_on is not None and not (
            EARLIEST <= issued_on <= timezone.localdate() + dt.timedelta(days=FUTURE_DAYS)
        ):
            issued_on = None
        try:
            document = legal_document_register(
                actor=actor,
                doc_type=citation.doc_type,
                number=citation.number,
                symbol=citation.symbol,
                code=citation.code,
                issued_on=issued_on,
                issuer=_shorten(citation.issuer, ISSUER_MAX),
                title=_shorten(citation.title, TITLE_MAX),
            )
        except ValidationFailed:
            continue
        documents.setdefault(document.pk, document)
    return list(documents.values())


def _shorten(text: str, max_length: int) -> str:
    text = " ".join(text.split())
    if len(text) <= max_length:
        return text
    return text[: max_length - 1].rsplit(" ", 1)[0] + "…"


@transaction.atomic
def legal_document_update(
    *,
    actor,
    document: LegalDocument,
    doc_type: str,
    number: str,
    symbol: str,
    issued_on: dt.date | None,
    issuer: str,
    title: str,
    code: str | None = None,
) -> LegalDocument:
    """Correct a registry entry (a typo in its symbol, a wrong date). Another entry with the
    same number and symbol is a conflict: the registry holds each document once."""
    require_register(actor)
    fields = _validated(
        doc_type=doc_type,
        number=number,
        symbol=symbol,
        issued_on=issued_on,
        issuer=issuer,
        title=title,
        code=code,
    )
    document = LegalDocument.objects.select_for_update().get(pk=document.pk)
    twin = (
        LegalDocument.objects.filter(number=fields.number, symbol__iexact=fields.symbol)
        .exclude(pk=document.pk)
        .first()
    )
    if twin is not None:
        raise ConflictError(
            _("%(document)s is already registered with this number and symbol.")
            % {"document": twin},
            code="duplicate_legal_document",
            field="code",
        )
    before = audit.snapshot(document)
    for name in ("doc_type", "number", "symbol", "code", "issued_on", "issuer", "title"):
        setattr(document, name, getattr(fields, name))
    document.save()
    after = audit.snapshot(document)
    if after != before:
        audit.record(
            actor,
            "legal_document.updated",
            document,
            before=before,
            after=after,
            unit_path=_audit_unit_path(actor),
        )
    return document
