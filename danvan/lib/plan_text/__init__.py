"""Reading an existing plan's text into a structured draft the user reviews before saving.

``parse_plan(text) -> PlanDraft``: the header (issuer or joint issuers, number and symbol,
place and date, document type, title), the legal documents cited, the sections (Roman
numerals, "Phần", "Chương", "Điều"), the tasks from numbered and bulleted items and from
sentences that name a unit and a deadline, with their responsible units (lead or support) and
deadlines, and the footer (recipients, signature). Pure Python, no Django: matching unit names
to the organisation tree is the plans importer's job (``danvan.plans.importer``).

The parser reads what is written and invents nothing: a text without a header (most copies
taken from web pages) gives empty header fields, and a field put back together from broken
pieces or inferred is marked with a low confidence (``PlanHeader.confidence``). It copes with
the artefacts of converted files and web copies: header tables flattened with pipes, tabs or
runs of spaces, lines wrapped mid-sentence or mid-code, menus and posting dates above the
header, "[bookmark: …]", "**bold**", decomposed accents, look-alike letters (Ð for Đ),
numbering lost by Word's automatic lists.
"""

from __future__ import annotations

from danvan.lib.plan_text.header import (
    doc_type_line,
    footer_start,
    formula_type,
    header_end,
    read_footer,
    read_header,
    read_period,
    read_title,
    title_below_header,
)
from danvan.lib.plan_text.identity import (
    complete_issuer,
    merge_citations,
    read_metadata,
    title_line,
)
from danvan.lib.plan_text.lines import clean, paragraphs
from danvan.lib.plan_text.model import (
    LEAD,
    SUPPORT,
    DeadlineDraft,
    PlanDraft,
    PlanHeader,
    SectionDraft,
    TaskDraft,
)
from danvan.lib.plan_text.structure import build_section, split_sections

__all__ = [
    "LEAD",
    "SUPPORT",
    "DeadlineDraft",
    "PlanDraft",
    "PlanHeader",
    "SectionDraft",
    "TaskDraft",
    "parse_plan",
]
HIGH, LOW = "high", "low"


def parse_plan(text: str) -> PlanDraft:
    """The structured draft of the plan written in ``text``."""
    lines = clean(text)
    header = PlanHeader()
    found = doc_type_line(lines)
    if found:
        index, header.doc_type, inline = found
        header.confidence["doc_type"] = HIGH
        read_header(lines[:index], header)
        header.title, body_start, authority = read_title(lines, index + 1, inline)
        complete_issuer(header, authority)
        if header.title:
            header.confidence["title"] = LOW if len(header.title) > 250 else HIGH
    else:
        body_start = header_end(lines)
        read_header(lines[:body_start], header)
        if header.symbol:
            header.title, body_start, authority = title_below_header(lines, body_start)
            complete_issuer(header, authority)
            header.doc_type = formula_type(lines[body_start:])
            for name in ("title", "doc_type"):
                header.confidence[name] = LOW
        elif not header.issuer and not read_metadata(lines, header):
            body_start = title_line(lines, body_start, header)
    stop = footer_start(lines, body_start)
    read_footer(lines[stop:], header)
    header.period_start, header.period_end = read_period(header.title)
    if header.period_start:
        header.confidence["period"] = header.confidence.get("title", LOW)

    preamble, blocks = split_sections(paragraphs(lines[body_start:stop]))
    year = header.issued_on.year if header.issued_on else None
    if year is None and header.period_start and header.period_start == header.period_end:
        year = header.period_start
    draft = PlanDraft(header=header, preamble=preamble)
    draft.sections = [build_section(*block, year) for block in blocks]
    # citations: the whole text but the footer (a web copy may list related documents above
    # the header); the document's own mentions are left out
    draft.citations, draft.legal_bases = merge_citations(
        header, header.title, preamble, lines[:stop]
    )
    return draft
