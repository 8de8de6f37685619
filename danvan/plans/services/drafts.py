"""Saving a plan the importer read from an existing text (``danvan.lib.plan_text.PlanDraft``).

The draft is duck-typed: any object (or dict, e.g. ``PlanDraft.to_dict()``) with
- ``header``: ``title``, ``number``, ``symbol``, ``place``, ``issued_on`` (date or ISO text),
  optionally ``signer_name``, ``signer_position``, ``recipients``;
- ``citations``: items with ``number`` and ``symbol`` (matched to the legal-document registry);
- ``sections``: items with ``numeral``, ``title``, ``paragraphs`` (list of text) and ``tasks``;
- each task: ``content``, ``responsible`` and a ``deadline`` (``kind`` "none" | "date" |
  "recurring", ``date``, ``recurring``: [(day, month), …]).

A task's responsible units come as names, each with its role, in any of these shapes:
``responsible=["Sở Nội vụ", …]`` with a parallel ``roles=["lead", …]`` (or "chủ trì" /
"phối hợp"); items with ``name`` and ``role`` (objects, dicts or pairs); or ``lead`` and
``support`` lists of names. A name without a role leads. ``unit_matches`` maps a name as
written to the id of the OrgUnit the user confirmed; names without a match are left out.

The plan is saved as a draft holding the header's number, symbol and issue date, so that the
user reviews it and issues it (or pass ``issue=True`` to issue it at once, with the right to).
A task whose units matched nothing has no lead unit yet: allowed in a draft, refused at issue.
"""

import datetime as dt
import re

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.audit import services as audit
from danvan.core.errors import DomainError, ValidationFailed
from danvan.documents.models import LegalDocument
from danvan.plans import deadlines
from danvan.plans.models import AssignmentRole, DeadlineKind, Plan, PlanSection
from danvan.plans.services import common, plans, tasks
from danvan.units.models import OrgUnit

_SPAN = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|—|đến)\s*((?:19|20)\d\d)(?!\d)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_LEAD_WORDS = {"lead", "chủ trì", "chu tri", "chủ trì thực hiện"}
_SUPPORT_WORDS = {"support", "phối hợp", "phoi hop"}


def _get(obj, name: str, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _as_date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _role(value) -> str:
    text = str(value or "").strip().lower()
    return AssignmentRole.SUPPORT if text in _SUPPORT_WORDS else AssignmentRole.LEAD


def responsible_of(task) -> list[tuple[str, str]]:
    """(name as written, role) of a task draft, whichever shape it uses."""
    found: list[tuple[str, str]] = []
    lead, support = _get(task, "lead"), _get(task, "support")
    if lead is not None or support is not None:
        found += [(str(n), AssignmentRole.LEAD) for n in lead or ()]
        found += [(str(n), AssignmentRole.SUPPORT) for n in support or ()]
        return found
    roles = list(_get(task, "roles", None) or ())
    for i, item in enumerate(_get(task, "responsible", None) or ()):
        if isinstance(item, str):
            found.append((item, _role(roles[i] if i < len(roles) else "lead")))
        elif isinstance(item, list | tuple) and item:
            found.append((str(item[0]), _role(item[1] if len(item) > 1 else "lead")))
        else:
            name = _get(item, "name") or _get(item, "unit") or ""
            found.append((str(name), _role(_get(item, "role"))))
    return [(name.strip(), role) for name, role in found if name and name.strip()]


def _deadline_of(task) -> tuple[str, dt.date | None, list]:
    deadline = _get(task, "deadline")
    if deadline is None:
        return DeadlineKind.NONE, None, []
    kind = _get(deadline, "kind", DeadlineKind.NONE) or DeadlineKind.NONE
    if kind == DeadlineKind.DATE:
        day = _as_date(_get(deadline, "date"))
        return (DeadlineKind.DATE, day, []) if day else (DeadlineKind.NONE, None, [])
    if kind == DeadlineKind.RECURRING:
        pairs = [list(pair) for pair in _get(deadline, "recurring", None) or ()]
        return (DeadlineKind.RECURRING, None, pairs) if pairs else (DeadlineKind.NONE, None, [])
    return DeadlineKind.NONE, None, []


def infer_period(title: str, issued_on, due_dates) -> tuple[int, int]:
    """The plan's years: a span in the title ("giai đoạn 2021–2025"), else a year in it
    ("năm 2026"), else the issue year; widened to hold every dated deadline."""
    span = _SPAN.search(title or "")
    if span:
        start, end = int(span.group(1)), int(span.group(2))
    else:
        year = _YEAR.search(title or "")
        if year:
            start = end = int(year.group(1))
        elif issued_on:
            start = end = issued_on.year
        else:
            from django.utils import timezone

            start = end = timezone.localdate().year
    years = [day.year for day in due_dates]
    if years:
        start, end = min(start, *years), max(end, *years)
    return min(start, end), max(start, end)


def _legal_bases(citations) -> list[LegalDocument]:
    wanted = [
        (str(_get(c, "number", "") or ""), "".join(str(_get(c, "symbol", "") or "").split()))
        for c in citations or ()
    ]
    wanted = [(n, s) for n, s in wanted if n and s]
    if not wanted:
        return []
    numbers = {n for n, _s in wanted}
    by_code = {(d.number, d.symbol): d for d in LegalDocument.objects.filter(number__in=numbers)}
    found: list[LegalDocument] = []
    for key in wanted:
        document = by_code.get(key)
        if document is not None and document not in found:
            found.append(document)
    return found


@transaction.atomic
def plan_create_from_draft(
    *,
    actor,
    unit: OrgUnit,
    draft,
    unit_matches: dict[str, int],
    period_start: int | None = None,
    period_end: int | None = None,
    legal_bases: list[LegalDocument] | None = None,
    parent_plan: Plan | None = None,
    issue: bool = False,
) -> Plan:
    """A draft plan of ``unit`` built from an imported ``draft`` (see the module docstring)."""
    header = _get(draft, "header") or {}
    title = _get(header, "title", "") or ""
    issued_on = _as_date(_get(header, "issued_on"))
    sections = list(_get(draft, "sections", None) or ())
    task_drafts = [(s, t) for s in sections for t in _get(s, "tasks", None) or ()]
    dated = [_deadline_of(t)[1] for _s, t in task_drafts]
    start, end = infer_period(title, issued_on, [d for d in dated if d])
    plan = plans.plan_create(
        actor=actor,
        unit=unit,
        title=(title or _("Imported plan"))[: plans.TITLE_MAX],
        period_start=period_start or start,
        period_end=period_end or end,
        place=(_get(header, "place", "") or "")[: plans.PLACE_MAX],
        signer_name=(_get(header, "signer_name", "") or "")[: plans.SIGNER_MAX],
        signer_position=(_get(header, "signer_position", "") or "")[: plans.SIGNER_MAX],
        recipients=_get(header, "recipients", "") or "",
        legal_bases=legal_bases
        if legal_bases is not None
        else _legal_bases(_get(draft, "citations")),
        parent_plan=parent_plan,
        standard_sections=False,
    )
    number = (_get(header, "number", "") or "").strip()[: plans.NUMBER_MAX]
    symbol = "".join((_get(header, "symbol", "") or "").split())[: plans.SYMBOL_MAX]
    plan.number, plan.symbol, plan.issued_on = number, symbol, issued_on
    plan.save(update_fields=["number", "symbol", "issued_on"])

    ids = {int(v) for v in unit_matches.values() if v is not None and str(v).isdigit()}
    units = OrgUnit.objects.select_related("unit_type").in_bulk(ids)
    count = 0
    for position, section_draft in enumerate(sections):
        section = PlanSection.objects.create(
            plan=plan,
            position=position,
            numeral=str(_get(section_draft, "numeral", "") or "")[:10],
            title=(str(_get(section_draft, "title", "") or "") or _("Untitled section"))[:300],
            body="\n\n".join(str(p) for p in _get(section_draft, "paragraphs", None) or ()),
        )
        for task_draft in _get(section_draft, "tasks", None) or ():
            count += 1
            try:
                _add_task(plan, section, task_draft, unit_matches, units)
            except DomainError as exc:
                raise ValidationFailed(
                    _("Section %(section)s, task %(number)d: %(error)s")
                    % {
                        "section": section.numeral or section.title,
                        "number": count,
                        "error": exc.message,
                    },
                    field=exc.field,
                    code=exc.code,
                ) from None
    audit.record(
        actor,
        "plan.imported",
        plan,
        after={"sections": len(sections), "tasks": count, "number": number, "symbol": symbol},
    )
    if issue:
        plan = plans.plan_issue(
            actor=actor, plan=plan, number=number, symbol=symbol, issued_on=issued_on
        )
    return plan


def _add_task(plan: Plan, section: PlanSection, task_draft, unit_matches, units) -> None:
    kind, due, pairs = _deadline_of(task_draft)
    if kind == DeadlineKind.RECURRING:
        pairs = deadlines.validate_recurrence(pairs)
    kind, due, pairs = common.clean_deadline(plan, kind, due, pairs)
    leads, supports = [], []
    for name, role in responsible_of(task_draft):
        unit_id = unit_matches.get(name)
        unit = units.get(int(unit_id)) if unit_id is not None and str(unit_id).isdigit() else None
        if unit is None:
            continue
        (leads if role == AssignmentRole.LEAD else supports).append(unit)
    lead_ids = {u.pk for u in leads}
    supports = [u for u in supports if u.pk not in lead_ids]
    chosen = tasks.clean_assignees(plan, leads, supports, require_lead=False)
    content = str(_get(task_draft, "content", "") or "").strip()
    if not content:
        raise ValidationFailed(_("The task has no text."), field="content")
    fields = {
        "section": section,
        "content": content[: tasks.CONTENT_MAX],
        "expected_output": str(_get(task_draft, "expected_output", "") or "")[: tasks.OUTPUT_MAX],
        "deadline_kind": kind,
        "due_date": due,
        "recurrence": pairs,
        "next_due": common.next_due_for(plan, kind, due, pairs),
    }
    tasks.add_task(plan, fields, chosen)
