"""Excel of every democracy list (write-only sheets: constant memory), and the compliance view
of a large subtree as a background job (``core.jobs``): a province is built in the request, the
country's 3,321 communes in a job with a progress bar.

Numbers are numbers (format "#,##0", shown 50.000.000 by a Vietnamese Excel), dates are dates
(dd/mm/yyyy); text typed by people never becomes a formula (``core.sheets.safe_row``).
"""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

from danvan.core.errors import NotFoundError
from danvan.core.jobs import JobResult
from danvan.core.sheets import safe_value
from danvan.democracy.models import Matter
from danvan.lib.grassroots import decide

INLINE_MAX = 5000
JOB_COMMUNES = 300  # a compliance export of more communes runs as a job
DATE = "dd/mm/yyyy"
NUMBER = "#,##0"
BOLD = Font(bold=True)


def _cell(sheet, value):
    value = safe_value(sheet, value)
    if isinstance(value, Cell):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if hasattr(value, "year"):
        cell.number_format = DATE
    elif isinstance(value, int | float) and not isinstance(value, bool):
        cell.number_format = NUMBER
    return cell


def table_xlsx(title: str, columns: list[str], rows: Iterable[list], *, progress=None) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    header = []
    for name in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = BOLD
        header.append(cell)
    sheet.append(header)
    for count, row in enumerate(rows, start=1):
        sheet.append([_cell(sheet, value) for value in row])
        if progress is not None and count % 500 == 0:
            progress(count)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _yes(flag) -> str:
    return _("Yes") if flag else ""


def disclosures_xlsx(disclosures) -> bytes:
    columns = [
        _("Unit"),
        _("Item"),
        _("Title"),
        _("Decided on"),
        _("First posted on"),
        _("Channels"),
        _("Late"),
        _("Too short"),
        _("Public"),
    ]
    rows = (
        [
            d.unit.name,
            d.item.legal_basis_short,
            d.title,
            d.decided_on,
            d.first_posted_on,
            ", ".join(
                f"{p.get_channel_display()} ({p.posted_from:%d/%m}–{p.posted_until:%d/%m/%Y})"
                for p in d.postings.all()
            ),
            _yes(d.is_late),
            _yes(d.is_short),
            _yes(d.is_public),
        ]
        for d in disclosures.prefetch_related("postings")[:INLINE_MAX]
    )
    return table_xlsx(_("Disclosures"), columns, rows)


def compliance_rows(state) -> Iterable[list]:
    for row in state.communes:
        missing = "; ".join(
            f"{s.item.legal_basis_short} ({s.count}/{s.expected})" for s in row.missing_items
        )
        yield [
            row.unit.name,
            row.required,
            row.complete,
            row.disclosures,
            row.late,
            row.short,
            missing or _("none"),
        ]


COMPLIANCE_COLUMNS = [
    gettext_lazy("Commune"),
    gettext_lazy("Items due in a year"),
    gettext_lazy("Items disclosed as often as due"),
    gettext_lazy("Disclosures"),
    gettext_lazy("Posted late"),
    gettext_lazy("Too short or a channel missing"),
    gettext_lazy("Missing so far (disclosed/expected)"),
]


def compliance_xlsx(state, progress=None) -> bytes:
    return table_xlsx(
        _("Compliance %(year)d") % {"year": state.year},
        [str(c) for c in COMPLIANCE_COLUMNS],
        compliance_rows(state),
        progress=progress,
    )


def compliance_job(job, progress) -> JobResult:
    """The compliance Excel of a large subtree, checked again as the job's owner."""
    from danvan.democracy.selectors.compliance import compliance
    from danvan.units.models import OrgUnit

    unit = OrgUnit.objects.filter(pk=job.params.get("unit")).first()
    if unit is None:
        raise NotFoundError()
    progress(0, None, _("Reading the disclosures of the year"))
    state = compliance(job.owner, unit, int(job.params["year"]))
    total = len(state.communes)
    content = compliance_xlsx(
        state, progress=lambda done: progress(done, total, _("Writing the communes"))
    )
    return JobResult(file_name=f"tuan-thu-cong-khai-{state.year}.xlsx", content=content)


def _outcome_text(matter: Matter) -> str:
    if matter.passed is None:
        return ""
    return _("Passed") if matter.passed else _("Not passed")


def matters_xlsx(matters) -> bytes:
    columns = [
        _("Village"),
        _("Commune"),
        _("Matter"),
        _("Title"),
        _("Decided by"),
        _("Status"),
        _("Households"),
        _("Taking part"),
        _("Agreeing"),
        _("Disagreeing"),
        _("Share agreeing (%)"),
        _("Result"),
        _("Held on"),
        _("Send by"),
    ]
    now = timezone.now()
    rows = []
    for m in matters[:INLINE_MAX]:
        hidden = m.is_online and not m.is_closed(now)
        share = None
        if m.agreeing is not None and not hidden:
            share = round(
                100
                * decide(
                    households=m.households,
                    taking_part=m.taking_part or 0,
                    agreeing=m.agreeing,
                    disagreeing=m.disagreeing or 0,
                    meeting=False,
                ).agreeing_share,
                1,
            )
        rows.append(
            [
                m.village.name,
                m.commune.name,
                m.get_kind_display(),
                m.title,
                m.get_form_display(),
                m.get_status_display(),
                m.households,
                None if hidden else m.taking_part,
                None if hidden else m.agreeing,
                None if hidden else m.disagreeing,
                share,
                _outcome_text(m),
                m.held_on,
                m.report_due,
            ]
        )
    return table_xlsx(_("Village matters"), columns, rows)


def households_xlsx(households) -> bytes:
    columns = [_("No."), _("Head of household"), _("Address"), _("Members"), _("Still living here")]
    rows = (
        [h.number, h.head_name, h.address, h.members, _yes(h.is_active)]
        for h in households[:INLINE_MAX]
    )
    return table_xlsx(_("Households"), columns, rows)


def consultations_xlsx(consultations) -> bytes:
    from django.db.models import Count, Q

    columns = [
        _("Commune"),
        _("Subject"),
        _("Title"),
        _("Open from"),
        _("Comments until"),
        _("Status"),
        _("Comments"),
        _("Groups answered"),
    ]
    rows = (
        [
            c.unit.name,
            c.get_subject_display(),
            c.title,
            c.opens_on,
            c.closes_on,
            c.get_status_display(),
            c.n_comments,
            c.n_answered,
        ]
        for c in consultations.annotate(
            n_comments=Count("comments", distinct=True),
            n_answered=Count("groups", filter=~Q(groups__answer_kind=""), distinct=True),
        )[:INLINE_MAX]
    )
    return table_xlsx(_("Consultations"), columns, rows)


def comments_xlsx(consultation) -> bytes:
    columns = [
        _("No."),
        _("Received through"),
        _("Received on"),
        _("Name"),
        _("Comment"),
        _("Group"),
        _("Answer"),
        _("The authority's answer"),
    ]
    rows = (
        [
            c.pk,
            c.get_source_display(),
            c.received_on,
            c.author,
            c.text,
            c.group.number if c.group_id else None,
            c.group.get_answer_kind_display() if c.group_id and c.group.answer_kind else "",
            c.group.answer if c.group_id else "",
        ]
        for c in consultation.comments.filter(is_hidden=False).select_related("group")[:INLINE_MAX]
    )
    return table_xlsx(_("Comments"), columns, rows)


def activities_xlsx(activities) -> bytes:
    columns = [
        _("Commune"),
        _("Board"),
        _("Activity"),
        _("Held on"),
        _("Subject"),
        _("Public work"),
        _("Findings"),
    ]
    rows = (
        [
            a.board.unit.name,
            a.board.get_kind_display(),
            a.get_kind_display(),
            a.held_on,
            a.subject,
            a.work.name if a.work_id else "",
            a.findings,
        ]
        for a in activities[:INLINE_MAX]
    )
    return table_xlsx(_("Activities of the boards"), columns, rows)


def works_xlsx(works) -> bytes:
    columns = [
        _("Commune"),
        _("Village"),
        _("Work"),
        _("Investor"),
        _("Total budget"),
        _("State funds"),
        _("People's contributions"),
        _("Progress (%)"),
        _("Starts on"),
        _("Planned end"),
    ]
    rows = (
        [
            w.unit.name,
            w.village.name if w.village_id else "",
            w.name,
            w.owner,
            int(w.budget),
            int(w.state_funds),
            int(w.contributions),
            w.progress,
            w.starts_on,
            w.ends_on,
        ]
        for w in works[:INLINE_MAX]
    )
    return table_xlsx(_("Public works"), columns, rows)


def findings_xlsx(findings) -> bytes:
    today = timezone.localdate()
    columns = [
        _("Commune"),
        _("Board"),
        _("Activity"),
        _("No."),
        _("Finding"),
        _("Recommendation"),
        _("Addressed to"),
        _("Deadline"),
        _("Status"),
        _("Overdue"),
        _("Closed on"),
        _("What was done, or the reasons"),
    ]
    rows = (
        [
            f.activity.board.unit.name,
            f.activity.board.get_kind_display(),
            f.activity.subject,
            f.number,
            f.text,
            f.recommendation,
            f.addressee.name if f.addressee_id else "",
            f.due_date,
            f.get_status_display(),
            _yes(f.is_overdue_on(today)),
            f.closed_on,
            f.outcome,
        ]
        for f in findings[:INLINE_MAX]
    )
    return table_xlsx(_("Recommendations of the boards"), columns, rows)
