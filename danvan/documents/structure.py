"""A structured official document, independent of how it is printed.

The same :class:`Document` renders in the state format (Nghị định 30/2020/NĐ-CP) or the Party
format (Hướng dẫn 36-HD/VPTW); see :mod:`danvan.documents.rendering`. Texts are kept as the
author typed them (Vietnamese); the renderer upper-cases the parts the formats print in
capitals (issuing body, document type, signature lines).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class DocumentFormat(StrEnum):
    STATE = "state"  # Nghị định 30/2020/NĐ-CP
    PARTY = "party"  # Hướng dẫn 36-HD/VPTW


class Authority(StrEnum):
    """How the signer signs (thẩm quyền ký); printed "TM." in state and "T/M" in Party format."""

    ON_BEHALF = "TM"  # thay mặt (a collective body)
    DEPUTY = "KT"  # ký thay (the deputy signs for the head)
    ACTING = "Q"  # quyền (acting head)
    BY_ORDER = "TL"  # thừa lệnh
    BY_AUTHORISATION = "TUQ"  # thừa ủy quyền


class Marker(StrEnum):
    """How an item is labelled. Numbers and letters are counted among siblings."""

    NUMBER = "number"  # "1." — nested under a numbered item: "2.1."
    LETTER = "letter"  # "a)"
    DASH = "dash"  # "-"
    PLUS = "plus"  # "+"
    NONE = "none"  # no label


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Item:
    """A labelled item: an optional bold ``title``, then ``text``, then nested blocks.

    "1. Sở Nội vụ có trách nhiệm:" is ``Item(title="Sở Nội vụ có trách nhiệm:", children=…)``;
    "- Quán triệt …" is ``Item(text="Quán triệt …", marker=Marker.DASH)``. ``label`` replaces
    the computed label ("1.", "a)") when the source numbers its items differently.
    """

    title: str = ""
    text: str = ""
    children: tuple[Block, ...] = ()
    marker: Marker = Marker.NUMBER
    label: str | None = None


Block = Paragraph | Item


@dataclass(frozen=True)
class Section:
    """A top-level part, numbered "I.", "II.", … unless ``label`` says otherwise."""

    title: str
    blocks: tuple[Block, ...] = ()
    label: str | None = None


@dataclass(frozen=True)
class SigningFor:
    """One line above the signer's position: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"."""

    authority: Authority
    title: str


@dataclass(frozen=True)
class Signature:
    position: str  # "PHÓ CHỦ TỊCH", "PHÓ BÍ THƯ THƯỜNG TRỰC"
    name: str  # "Phạm Chiên Thắng"
    on_behalf: tuple[SigningFor, ...] = ()


@dataclass(frozen=True)
class Document:
    """An official document: header, title, body, signature and recipients.

    ``issuer`` may hold line breaks ("ỦY BAN NHÂN DÂN\\nTỈNH TRÀ VINH"); ``parent_issuer`` is
    the body above it (cơ quan chủ quản), printed above it and not bold. ``number`` is empty
    while the document awaits registration; the symbol is "KH-UBND" (state) or "KH/HU"
    (Party). An empty ``doc_type`` makes it a công văn: the summary goes under the number as
    "V/v …".
    """

    issuer: str
    symbol: str
    place: str
    summary: str
    signature: Signature
    doc_type: str = ""
    issued_on: dt.date | None = None
    parent_issuer: str = ""
    number: str = ""
    preamble: tuple[Paragraph, ...] = ()
    sections: tuple[Section, ...] = ()
    closing: tuple[Paragraph, ...] = ()
    recipients: tuple[str, ...] = field(default=())
