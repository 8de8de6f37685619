"""Build a :class:`Document` from JSON-shaped data (``docs/samples/*.json``), checking it.

Shape (see ``docs/samples/seed_001_state_plan.json``)::

    {"format": "state" | "party", "note": "…", "document": {
        "issuer": "ỦY BAN NHÂN DÂN\\nTỈNH GIA LAI", "parent_issuer": "", "number": "19",
        "symbol": "KH-UBND", "place": "Gia Lai", "issued_on": "2015-03-16",
        "doc_type": "KẾ HOẠCH", "summary": "…", "preamble": ["…"],
        "sections": [{"title": "MỤC ĐÍCH", "blocks": ["a paragraph", {"title": "…", "text": "…",
                      "marker": "number", "children": […]}]}],
        "closing": ["…"], "recipients": ["…"],
        "signature": {"on_behalf": [["TM", "ỦY BAN NHÂN DÂN"], ["KT", "CHỦ TỊCH"]],
                      "position": "PHÓ CHỦ TỊCH", "name": "…"}}}

In ``blocks`` a string is a paragraph and an object is an item. Bad data raises
:class:`~danvan.core.errors.ValidationFailed` naming the field, never a bare KeyError.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from danvan.core.errors import ValidationFailed
from danvan.documents.structure import (
    Authority,
    Block,
    Document,
    DocumentFormat,
    Item,
    Marker,
    Paragraph,
    Section,
    Signature,
    SigningFor,
)

MAX_DEPTH = 6
MAX_BLOCKS = 20_000
MAX_TEXT = 20_000
_DOCUMENT_KEYS = {
    "issuer",
    "parent_issuer",
    "number",
    "symbol",
    "place",
    "issued_on",
    "doc_type",
    "summary",
    "preamble",
    "sections",
    "closing",
    "recipients",
    "signature",
}
_ITEM_KEYS = {"title", "text", "children", "marker", "label"}


@dataclass(frozen=True)
class LoadedDocument:
    document: Document
    format: DocumentFormat
    note: str = ""


def _fail(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, code="invalid_document", field=field)


class _Reader:
    def __init__(self):
        self.blocks = 0

    def text(self, value: Any, field: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise _fail(field, _("%(field)s must be text.") % {"field": field})
        if required and not value.strip():
            raise _fail(field, _("%(field)s is required.") % {"field": field})
        if len(value) > limit:
            raise _fail(
                field,
                _("%(field)s is longer than %(limit)d characters.")
                % {"field": field, "limit": limit},
            )
        return value

    def items(self, value: Any, field: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            raise _fail(field, _("%(field)s must be a list.") % {"field": field})
        return value

    def paragraphs(self, value: Any, field: str) -> tuple[Paragraph, ...]:
        return tuple(
            Paragraph(self.text(text, f"{field}[{i}]", required=True))
            for i, text in enumerate(self.items(value, field))
        )

    def block(self, value: Any, field: str, depth: int) -> Block:
        self.blocks += 1
        if self.blocks > MAX_BLOCKS:
            raise _fail(field, _("The document has too many paragraphs."))
        if isinstance(value, str):
            return Paragraph(self.text(value, field, required=True))
        if not isinstance(value, dict):
            raise _fail(field, _("%(field)s must be text or an item.") % {"field": field})
        unknown = set(value) - _ITEM_KEYS
        if unknown:
            raise _fail(
                field,
                _("%(field)s has unknown keys: %(keys)s.")
                % {"field": field, "keys": ", ".join(sorted(unknown))},
            )
        if depth > MAX_DEPTH:
            raise _fail(field, _("Items are nested too deeply."))
        title = self.text(value.get("title"), f"{field}.title", limit=2000)
        text = self.text(value.get("text"), f"{field}.text")
        children = tuple(
            self.block(child, f"{field}.children[{i}]", depth + 1)
            for i, child in enumerate(self.items(value.get("children"), f"{field}.children"))
        )
        if not (title.strip() or text.strip() or children):
            raise _fail(field, _("%(field)s is an empty item.") % {"field": field})
        marker = self.choice(Marker, value.get("marker", Marker.NUMBER.value), f"{field}.marker")
        label = value.get("label")
        if label is not None:
            label = self.text(label, f"{field}.label", limit=20)
        return Item(title=title, text=text, children=children, marker=marker, label=label)

    def choice(self, enum, value: Any, field: str):
        try:
            return enum(value)
        except ValueError:
            raise _fail(
                field,
                _("%(field)s must be one of: %(choices)s.")
                % {"field": field, "choices": ", ".join(member.value for member in enum)},
            ) from None

    def section(self, value: Any, field: str) -> Section:
        if not isinstance(value, dict):
            raise _fail(field, _("%(field)s must be a section.") % {"field": field})
        blocks = tuple(
            self.block(block, f"{field}.blocks[{i}]", 1)
            for i, block in enumerate(self.items(value.get("blocks"), f"{field}.blocks"))
        )
        label = value.get("label")
        return Section(
            title=self.text(value.get("title"), f"{field}.title", required=True, limit=2000),
            blocks=blocks,
            label=None if label is None else self.text(label, f"{field}.label", limit=20),
        )

    def signature(self, value: Any) -> Signature:
        if not isinstance(value, dict):
            raise _fail("signature", _("signature is required."))
        on_behalf = []
        for i, pair in enumerate(self.items(value.get("on_behalf"), "signature.on_behalf")):
            field = f"signature.on_behalf[{i}]"
            if not (isinstance(pair, list) and len(pair) == 2):
                raise _fail(
                    field,
                    _("%(field)s must be a pair of an authority (TM, KT, Q, TL, TUQ) and a title.")
                    % {"field": field},
                )
            authority = self.choice(Authority, pair[0], field)
            on_behalf.append(SigningFor(authority, self.text(pair[1], field, required=True)))
        return Signature(
            position=self.text(value.get("position"), "signature.position", required=True),
            name=self.text(value.get("name"), "signature.name", required=True, limit=200),
            on_behalf=tuple(on_behalf),
        )

    def date(self, value: Any, field: str) -> dt.date | None:
        if value in (None, ""):
            return None
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise _fail(
                field, _("%(field)s must be a date written YYYY-MM-DD.") % {"field": field}
            ) from None


def document_from_dict(data: Any) -> Document:
    """The :class:`Document` described by ``data`` (the "document" object of a sample)."""
    if not isinstance(data, dict):
        raise _fail("document", _("document must be an object."))
    unknown = set(data) - _DOCUMENT_KEYS
    if unknown:
        raise _fail(
            "document",
            _("document has unknown keys: %(keys)s.") % {"keys": ", ".join(sorted(unknown))},
        )
    read = _Reader()
    return Document(
        issuer=read.text(data.get("issuer"), "issuer", required=True, limit=500),
        parent_issuer=read.text(data.get("parent_issuer"), "parent_issuer", limit=500),
        number=read.text(data.get("number"), "number", limit=30).strip(),
        symbol=read.text(data.get("symbol"), "symbol", required=True, limit=60).strip(),
        place=read.text(data.get("place"), "place", required=True, limit=100),
        issued_on=read.date(data.get("issued_on"), "issued_on"),
        doc_type=read.text(data.get("doc_type"), "doc_type", limit=100),
        summary=read.text(data.get("summary"), "summary", required=True, limit=2000),
        preamble=read.paragraphs(data.get("preamble"), "preamble"),
        sections=tuple(
            read.section(section, f"sections[{i}]")
            for i, section in enumerate(read.items(data.get("sections"), "sections"))
        ),
        closing=read.paragraphs(data.get("closing"), "closing"),
        recipients=tuple(
            read.text(r, f"recipients[{i}]", required=True, limit=500)
            for i, r in enumerate(read.items(data.get("recipients"), "recipients"))
        ),
        signature=read.signature(data.get("signature")),
    )


def load_document(data: Any) -> LoadedDocument:
    """A sample's ``{"format", "note", "document"}`` object, checked and built."""
    if not isinstance(data, dict):
        raise _fail("document", _("The sample must be a JSON object."))
    reader = _Reader()
    fmt = reader.choice(DocumentFormat, data.get("format"), "format")
    note = reader.text(data.get("note"), "note")
    return LoadedDocument(document=document_from_dict(data.get("document")), format=fmt, note=note)


def load_json(source: str | bytes | Path) -> LoadedDocument:
    """Load a sample from a path or from JSON text."""
    if isinstance(source, Path):
        source = source.read_text(encoding="utf-8")
    try:
        data = json.loads(source)
    except ValueError:
        raise _fail("document", _("The file is not valid JSON.")) from None
    return load_document(data)
