"""Reading an existing plan's text into a structured draft the user reviews before saving.

``parse_plan(text) -> PlanDraft``: the header (issuer, number and symbol, place and date,
document type, title), the legal documents cited, the sections by Roman numerals, the tasks from
numbered and bulleted items with their responsible units (lead or support) and deadlines, and
the footer (recipients, signature). Pure Python, no Django: matching unit names to the
organisation tree is the plans importer's job (``danvan.plans.importer``).

The parser reads what is written and invents nothing: a text without a header (most copies
taken from web pages) gives empty header fields. It copes with the artefacts of converted files:
header tables flattened with pipes or tabs, lines wrapped mid-sentence or mid-code,
"[bookmark: …]", "**bold**", decomposed accents, numbering lost by Word's automatic lists.
"""

from __future__ import annotations

from danvan.lib.plan_text.header import (
    doc_type_line,
    footer_start,
    header_end,
    read_footer,
    read_header,
    read_period,
    read_title,
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


def parse_plan(text: str) -> PlanDraft:
    """The structured draft of the plan written in ``text``."""
    lines = clean(text)
    header = PlanHeader()
    found = doc_type_line(lines)
    if found:
        index, header.doc_type, inline = found
        read_header(lines[:index], header)
        header.title, body_start = read_title(lines, index + 1, inline)
    else:
        body_start = header_end(lines)
        read_header(lines[:body_start], header)
    stop = footer_start(lines, body_start)
    read_footer(lines[stop:], header)
    header.period_start, header.period_end = read_period(header.title)

    preamble, blocks = split_sections(paragraphs(lines[body_start:stop]))
    year = header.issued_on.year if header.issued_on else None
    if year is None and header.period_start and header.period_start == header.period_end:
        year = header.period_start
    draft = PlanDraft(header=header, preamble=preamble)
    draft.sections = [build_section(num, title, paras, year) for num, title, paras in blocks]
    draft.citations, draft.legal_bases = _citations(header.title, preamble, lines[body_start:stop])
    return draft


def _key(citation) -> tuple[str, str]:
    return citation.number.lower(), "".join(citation.symbol.split()).upper()


def _citations(title: str, preamble: list[str], body: list[str]) -> tuple[list, list[str]]:
    """Every document cited, once (the mention with a date wins), and the codes cited in the
    title or the preamble: the plan's legal bases."""
    try:
        from danvan.lib.citations import find_citations
    except ImportError:  # pragma: no cover - the citation parser ships with this package
        return [], []
    chosen: dict[tuple[str, str], object] = {}
    for citation in find_citations(title + "\n\n" + "\n".join(body)):
        key = _key(citation)
        if key not in chosen or (chosen[key].date is None and citation.date is not None):
            chosen[key] = citation
    basis_keys = {_key(c) for c in find_citations("\n".join([title, *preamble]))}
    return list(chosen.values()), [c.code for k, c in chosen.items() if k in basis_keys]
