"""The structured draft the plan-text parser proposes: plain dataclasses, JSON-ready via
``to_dict()``. Nothing here is saved: ``plans.services.plan_create_from_draft`` does that after
the user has reviewed the draft."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

LEAD = "lead"
SUPPORT = "support"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass
class DeadlineDraft:
    """kind "none" | "date" | "recurring"; ``text`` is the phrase the deadline was read from.

    A phrase without a usable date ("hằng năm", "trong quý II" of an unknown year) keeps
    kind "none" and its ``text``, so the reviewer sees what the plan says and picks the date.
    """

    kind: str = "none"
    date: dt.date | None = None
    recurring: list[tuple[int, int]] = field(default_factory=list)  # (day, month) pairs
    text: str = ""

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "date": _iso(self.date),
            "recurring": [[day, month] for day, month in self.recurring],
            "text": self.text,
        }


@dataclass
class TaskDraft:
    """One task: its text, the units named as responsible (as written) with the role of each
    (``roles[i]`` is "lead" or "support" for ``responsible[i]``), and its deadline."""

    content: str
    responsible: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    deadline: DeadlineDraft = field(default_factory=DeadlineDraft)
    expected_output: str = ""
    label: str = ""  # the item's marker as written: "2.1.", "a)", "-"
    group: str = ""  # the headings the task sits under: "2. Đối với … › 2.1. Hội đồng …"

    def add_unit(self, name: str, role: str) -> None:
        """Add ``name`` once; a unit named both as lead and as support leads."""
        if name in self.responsible:
            if role == LEAD:
                self.roles[self.responsible.index(name)] = LEAD
            return
        self.responsible.append(name)
        self.roles.append(role)

    @property
    def lead_units(self) -> list[str]:
        return [n for n, r in zip(self.responsible, self.roles, strict=True) if r == LEAD]

    @property
    def support_units(self) -> list[str]:
        return [n for n, r in zip(self.responsible, self.roles, strict=True) if r == SUPPORT]

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "group": self.group,
            "content": self.content,
            "responsible": list(self.responsible),
            "roles": list(self.roles),
            "deadline": self.deadline.to_dict(),
            "expected_output": self.expected_output,
        }


@dataclass
class SectionDraft:
    """A Roman-numeral section ("I", "MỤC ĐÍCH, YÊU CẦU"); a text without any has one section
    with an empty numeral and title. ``paragraphs`` is the section's text that is not a task
    (introductions, purposes, descriptions)."""

    numeral: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tasks: list[TaskDraft] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "numeral": self.numeral,
            "title": self.title,
            "paragraphs": list(self.paragraphs),
            "tasks": [task.to_dict() for task in self.tasks],
        }


@dataclass
class PlanHeader:
    """What the document says about itself. Fields the text does not state stay empty."""

    issuer: str = ""  # "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH", "HUYỆN ỦY CẦU KÈ"
    issuer_parent: str = ""  # the body above the issuer in the header ("ĐẢNG BỘ TỈNH …")
    number: str = ""  # "19", "11"
    symbol: str = ""  # "KH-UBND", "KH/HU"
    place: str = ""  # "Trà Vinh"
    issued_on: dt.date | None = None
    doc_type: str = ""  # "KẾ HOẠCH"
    title: str = ""
    period_start: int | None = None  # years read from the title ("năm 2015", "2021 - 2025")
    period_end: int | None = None
    signature_mode: str = ""  # "TM.", "T/M", "KT.", "Q.", "TL.", "TUQ."
    signer_position: str = ""  # "PHÓ BÍ THƯ THƯỜNG TRỰC"
    signer_name: str = ""
    recipients: str = ""  # "Nơi nhận", one per line
    co_issuers: list[str] = field(default_factory=list)  # the other bodies of a joint document
    # How sure the reading of each field is: "high", or "low" where the text was put back
    # together from broken pieces or inferred (a title line, an authority line). A field the
    # text does not state is empty and has no entry.
    confidence: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        data = dataclasses.asdict(self)
        data["issued_on"] = _iso(self.issued_on)
        data["confidence"] = {
            name: level for name, level in self.confidence.items() if self._stated(name)
        }
        return data

    def _stated(self, name: str) -> bool:
        return bool(self.period_start if name == "period" else getattr(self, name, None))

    def uncertain(self) -> list[str]:
        """The fields read with low confidence (shown for checking on the review page)."""
        order = ("doc_type", "number", "symbol", "issuer", "place", "issued_on", "title", "period")
        low = {n for n, level in self.confidence.items() if level != "high" and self._stated(n)}
        return [n for n in order if n in low]


@dataclass
class PlanDraft:
    header: PlanHeader = field(default_factory=PlanHeader)
    preamble: list[str] = field(default_factory=list)  # text between the title and section I
    citations: list = field(default_factory=list)  # danvan.lib.citations.Citation, one per code
    legal_bases: list[str] = field(default_factory=list)  # codes cited in the title or preamble
    sections: list[SectionDraft] = field(default_factory=list)

    @property
    def tasks(self) -> list[TaskDraft]:
        return [task for section in self.sections for task in section.tasks]

    def unit_names(self) -> list[str]:
        """Every responsible unit named, as written, once, in order of appearance."""
        names: dict[str, None] = {}
        for task in self.tasks:
            names.update(dict.fromkeys(task.responsible))
        return list(names)

    def to_dict(self) -> dict:
        return {
            "header": self.header.to_dict(),
            "preamble": list(self.preamble),
            "citations": [_citation_dict(c, c.code in self.legal_bases) for c in self.citations],
            "legal_bases": list(self.legal_bases),
            "sections": [section.to_dict() for section in self.sections],
        }


def _citation_dict(citation, is_basis: bool) -> dict:
    data = citation.to_dict() if hasattr(citation, "to_dict") else dataclasses.asdict(citation)
    data = {
        k: (v.isoformat() if isinstance(v, dt.date) else v)
        for k, v in data.items()
        if k not in ("start", "end")
    }
    data["legal_basis"] = is_basis
    return data


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def draft_from_dict(data: dict) -> PlanDraft:
    """The draft ``PlanDraft.to_dict()`` wrote (kept by a background import), rebuilt."""
    from danvan.lib.citations import Citation

    head = dict(data.get("header") or {})
    head["issued_on"] = _date(head.get("issued_on"))
    names = {f.name for f in dataclasses.fields(PlanHeader)}
    header = PlanHeader(**{k: v for k, v in head.items() if k in names})
    sections = []
    for raw in data.get("sections") or ():
        section = SectionDraft(raw.get("numeral", ""), raw.get("title", ""))
        section.paragraphs = list(raw.get("paragraphs") or ())
        for task in raw.get("tasks") or ():
            due = task.get("deadline") or {}
            section.tasks.append(
                TaskDraft(
                    content=task.get("content", ""),
                    responsible=list(task.get("responsible") or ()),
                    roles=list(task.get("roles") or ()),
                    deadline=DeadlineDraft(
                        due.get("kind", "none"),
                        _date(due.get("date")),
                        [tuple(pair) for pair in due.get("recurring") or ()],
                        due.get("text", ""),
                    ),
                    expected_output=task.get("expected_output", ""),
                    label=task.get("label", ""),
                    group=task.get("group", ""),
                )
            )
        sections.append(section)
    citations = [
        Citation(
            doc_type=c.get("doc_type", ""),
            number=c.get("number", ""),
            symbol=c.get("symbol", ""),
            code=c.get("code", ""),
            date=_date(c.get("date")),
            issuer=c.get("issuer", ""),
            title=c.get("title", ""),
            raw=c.get("raw", ""),
            start=0,
            end=0,
        )
        for c in data.get("citations") or ()
    ]
    return PlanDraft(
        header=header,
        preamble=list(data.get("preamble") or ()),
        citations=citations,
        legal_bases=list(data.get("legal_bases") or ()),
        sections=sections,
    )
