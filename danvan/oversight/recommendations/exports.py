"""Excel of recommendation lists and of the follow-up dashboard.

A list of up to ``INLINE_MAX`` rows is built during the request; a larger one (a province's
five years) is a background job with a progress bar (``core.jobs``), never a long request.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from danvan.core.sheets import safe_row
from danvan.oversight.models import Recommendation
from danvan.oversight.recommendations import sources

INLINE_MAX = 5000
JOB_MAX = 500_000
DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = "0.0"
OVERDUE_FILL = PatternFill("solid", fgColor="F8D7DA")
BOLD = Font(bold=True)


def _sheet(workbook: Workbook, title: str, columns: list[tuple[str, int]], *, first=False):
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title[:31]
    sheet.append([name for name, _width in columns])
    for index, (_name, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.cell(row=1, column=index).font = BOLD
    sheet.freeze_panes = "A2"
    return sheet


def _columns() -> list[tuple[str, int]]:
    return [
        (_("No."), 6),
        (_("Recommendation"), 60),
        (_("Action required"), 40),
        (_("Issued by"), 32),
        (_("Issued through"), 26),
        (_("Source"), 40),
        (_("Addressed to"), 32),
        (_("Topic"), 26),
        (_("Issued on"), 12),
        (_("Deadline"), 12),
        (_("Status"), 20),
        (_("Overdue"), 10),
        (_("Closed on"), 12),
    ]


def _row(rec: Recommendation, today: dt.date) -> list:
    return [
        rec.number or None,
        rec.text,
        rec.required_action,
        rec.issuer.name,
        sources.label(rec.source_kind),
        rec.source_label,
        rec.addressee.name,
        rec.topic.name if rec.topic_id else "",
        rec.issued_on,
        rec.due_date,
        rec.get_status_display(),
        _("Yes") if rec.is_overdue_on(today) else _("No"),
        rec.closed_on,
    ]


def recommendations_xlsx(rows, *, progress=None, total: int | None = None) -> bytes:
    """One row per recommendation; overdue rows in red. ``rows`` is any iterable (a queryset's
    iterator for a job); ``progress(done, total)`` is called every thousand rows."""
    today = timezone.localdate()
    workbook = Workbook(write_only=False)
    columns = _columns()
    sheet = _sheet(workbook, _("Recommendations"), columns, first=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for count, rec in enumerate(rows, start=1):
        sheet.append(safe_row(sheet, _row(rec, today)))
        line = sheet[sheet.max_row]
        overdue = rec.is_overdue_on(today)
        for cell in line:
            cell.alignment = wrap
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
            if overdue:
                cell.fill = OVERDUE_FILL
        if progress and count % 1000 == 0:
            progress(count, total)
    if sheet.max_row > 1:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{sheet.max_row}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _counts_columns(first: str) -> list[tuple[str, int]]:
    return [
        (first, 40),
        (_("Issued"), 10),
        (_("Awaiting an answer"), 12),
        (_("Overdue"), 10),
        (_("Answered, to verify"), 12),
        (_("Done"), 10),
        (_("Not accepted"), 10),
        (_("Closure rate (%)"), 12),
        (_("Oldest open since"), 14),
    ]


def _counts_row(label: str, counts) -> list:
    rate = counts.closure_rate
    return [
        label,
        counts.total,
        counts.awaiting,
        counts.overdue,
        counts.answered,
        counts.done,
        counts.not_accepted,
        float(rate) if rate is not None else None,
        counts.oldest_open,
    ]


def dashboard_xlsx(dashboard) -> bytes:
    """The dashboard's tables, one sheet each."""
    workbook = Workbook()
    parts = [
        (_("By issuer kind"), _("Issued through"), dashboard.by_kind),
        (_("By area"), _("Area"), dashboard.by_area),
        (_("By topic"), _("Topic"), dashboard.by_topic),
        (_("Addressees"), _("Addressed to"), dashboard.top_addressees),
    ]
    for index, (title, first, rows) in enumerate(parts):
        sheet = _sheet(workbook, title, _counts_columns(first), first=index == 0)
        lines = [(row.label or _("No topic"), row.counts) for row in rows]
        if index == 0:
            lines.append((_("Total"), dashboard.totals))
        for label, counts in lines:
            sheet.append(safe_row(sheet, _counts_row(label, counts)))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, dt.date):
                    cell.number_format = DATE_FORMAT
            sheet.cell(row=sheet.max_row, column=8).number_format = PERCENT_FORMAT
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- The background export of a long list ----------------------------------------------------


def filters_to_params(filters) -> dict:
    return {
        "side": filters.side,
        "status": filters.status,
        "source_kind": filters.source_kind,
        "topic": filters.topic.pk if filters.topic else None,
        "addressee": filters.addressee.pk if filters.addressee else None,
        "issuer": filters.issuer.pk if filters.issuer else None,
        "year": filters.year,
        "query": filters.query,
    }


def params_to_filters(actor, params: dict):
    from danvan.oversight.models import Topic
    from danvan.oversight.recommendations.selectors import RecommendationFilters
    from danvan.units.selectors import unit_queryset

    units = unit_queryset(actor)
    return RecommendationFilters(
        side=params.get("side") or "",
        status=params.get("status") or "",
        source_kind=params.get("source_kind") or "",
        topic=Topic.objects.filter(pk=params.get("topic")).first() if params.get("topic") else None,
        addressee=units.filter(pk=params.get("addressee")).first()
        if params.get("addressee")
        else None,
        issuer=units.filter(pk=params.get("issuer")).first() if params.get("issuer") else None,
        year=params.get("year"),
        query=params.get("query") or "",
    )


def export_job(job, progress):
    """The Excel of a long list, rebuilt with the rights of the job's owner."""
    from danvan.core.jobs import JobResult
    from danvan.oversight.recommendations import selectors

    filters = params_to_filters(job.owner, job.params)
    qs = selectors.recommendation_list(job.owner, filters).order_by("-id")[:JOB_MAX]
    total = qs.count()
    progress(0, total, _("Writing the rows"))
    content = recommendations_xlsx(qs.iterator(chunk_size=2000), progress=progress, total=total)
    return JobResult(file_name="kien-nghi.xlsx", content=content)
