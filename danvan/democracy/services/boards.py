"""Writes of the commune's boards (dân kiểm tra, giám sát): the People's Inspection Board and
the Community Investment Supervision Board — terms, members, activities and findings — and the
public works under community supervision with their budget, contributions and progress.

Luật 10/2022, Điều 36.1: the board's members are elected from the villages, as many as the
commune has villages, and never fewer than five; Điều 38: what the board inspects and supervises.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.concurrency import bump, check_version, lock
from danvan.core.errors import ConflictError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.democracy.models import (
    Activity,
    ActivityKind,
    Board,
    BoardKind,
    BoardMember,
    Finding,
    FindingStatus,
    MemberRole,
    PublicWork,
    WorkUpdate,
)
from danvan.democracy.rules import MANAGE
from danvan.democracy.services.common import TEXT_MAX, TITLE_MAX, check_day, require_commune
from danvan.units.models import Level

MIN_MEMBERS = 5  # Luật 10/2022, Điều 36.1
MONEY_MAX = Decimal("9" * 15)


def members_expected(board: Board) -> int:
    """As many members as the commune has villages, and at least five (Điều 36.1)."""
    from danvan.units.models import OrgUnit

    villages = (
        OrgUnit.objects.active()
        .filter(parent=board.unit, level=Level.VILLAGE, unit_type__is_territory=True)
        .count()
    )
    return max(MIN_MEMBERS, villages)


@transaction.atomic
def board_create(*, actor, unit, kind: str, term_start, term_end, decision: str = "") -> Board:
    if unit is None:
        raise ValidationFailed(_("Choose the commune."), field="unit")
    access.require(actor, MANAGE, unit)
    require_commune(unit)
    if kind not in BoardKind.values:
        raise ValidationFailed(_("Choose the board."), field="kind")
    term_start = check_day(term_start, field="term_start", label=_("start of the term"))
    term_end = check_day(term_end, field="term_end", label=_("end of the term"))
    if term_end <= term_start:
        raise ValidationFailed(_("The term must end after it starts."), field="term_end")
    if Board.objects.filter(
        unit=unit, kind=kind, term_start__lt=term_end, term_end__gt=term_start
    ).exists():
        raise ValidationFailed(
            _("The commune already has this board for part of that term."),
            field="term_start",
            code="overlap",
        )
    decision = clean_text(
        decision, field="decision", label=_("decision"), max_length=200, one_line=True
    )
    board = Board.objects.create(
        unit=unit,
        kind=kind,
        term_start=term_start,
        term_end=term_end,
        decision=decision,
        created_by=actor,
    )
    audit.record(actor, "democracy.board.created", board, after=audit.snapshot(board))
    return board


@transaction.atomic
def member_add(
    *, actor, board: Board, full_name: str, role: str, village=None, since=None
) -> BoardMember:
    board = lock(board)
    access.require(actor, MANAGE, board)
    if role not in MemberRole.values:
        raise ValidationFailed(_("Choose the member's role."), field="role")
    full_name = clean_text(
        full_name,
        field="full_name",
        label=_("full name"),
        max_length=150,
        required=True,
        one_line=True,
    )
    if village is not None and (
        village.level != Level.VILLAGE or not village.path.startswith(board.unit.path)
    ):
        raise ValidationFailed(_("Choose a village of this commune."), field="village")
    since = check_day(since or board.term_start, field="since", label=_("member since"))
    if not board.term_start <= since < board.term_end:
        raise ValidationFailed(_("The date must fall within the board's term."), field="since")
    if (
        role == MemberRole.HEAD
        and board.members.filter(role=MemberRole.HEAD, until__isnull=True).exists()
    ):
        raise ValidationFailed(
            _("The board already has a head: end that membership first."), field="role"
        )
    member = BoardMember.objects.create(
        board=board, full_name=full_name, role=role, village=village, since=since
    )
    audit.record(
        actor, "democracy.board.member_added", board, after={"member": full_name, "role": role}
    )
    return member


@transaction.atomic
def member_end(*, actor, member: BoardMember, until) -> BoardMember:
    access.require(actor, MANAGE, member)
    until = check_day(until, field="until", label=_("member until"))
    if until < member.since:
        raise ValidationFailed(_("The membership cannot end before it started."), field="until")
    member.until = until
    member.save(update_fields=["until"])
    audit.record(
        actor,
        "democracy.board.member_ended",
        member.board,
        after={"member": member.full_name, "until": str(until)},
    )
    return member


@transaction.atomic
def activity_add(
    *, actor, board: Board, kind: str, held_on, subject: str, findings: str = "", work=None
) -> Activity:
    board = lock(board)
    access.require(actor, MANAGE, board)
    if kind not in ActivityKind.values:
        raise ValidationFailed(_("Choose the kind of activity."), field="kind")
    held_on = check_day(held_on, field="held_on", label=_("date held"), future=False)
    if work is not None and work.unit_id != board.unit_id:
        raise ValidationFailed(_("Choose a public work of this commune."), field="work")
    activity = Activity.objects.create(
        board=board,
        kind=kind,
        held_on=held_on,
        subject=clean_text(
            subject,
            field="subject",
            label=_("subject"),
            max_length=TITLE_MAX,
            required=True,
            one_line=True,
        ),
        findings=clean_text(findings, field="findings", label=_("findings"), max_length=TEXT_MAX),
        work=work,
        created_by=actor,
    )
    audit.record(actor, "democracy.board.activity", activity, after=audit.snapshot(activity))
    return activity


# --- Public works -----------------------------------------------------------------------------


def _money(value, *, field: str, label: str) -> Decimal:
    try:
        amount = Decimal(value if value not in (None, "") else 0)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationFailed(
            _("Enter the %(label)s in đồng.") % {"label": label}, field=field
        ) from None
    if amount < 0 or amount > MONEY_MAX or amount != amount.to_integral_value():
        raise ValidationFailed(
            _("The %(label)s must be a whole number of đồng, not negative.") % {"label": label},
            field=field,
        )
    return amount


def _work_fields(
    unit,
    *,
    name,
    owner,
    budget,
    state_funds,
    contributions,
    village,
    board,
    matter,
    starts_on,
    ends_on,
    is_public,
) -> dict:
    budget = _money(budget, field="budget", label=_("total budget"))
    state_funds = _money(state_funds, field="state_funds", label=_("state funds"))
    contributions = _money(contributions, field="contributions", label=_("people's contributions"))
    if budget <= 0:
        raise ValidationFailed(_("Enter the total budget of the work."), field="budget")
    if state_funds + contributions > budget:
        raise ValidationFailed(
            _("State funds and contributions together are more than the total budget."),
            field="contributions",
        )
    if village is not None and (
        village.level != Level.VILLAGE or not village.path.startswith(unit.path)
    ):
        raise ValidationFailed(_("Choose a village of this commune."), field="village")
    if board is not None and (board.unit_id != unit.pk or board.kind != BoardKind.INVESTMENT):
        raise ValidationFailed(
            _("Choose this commune's Community Investment Supervision Board."), field="board"
        )
    if matter is not None and matter.commune_id != unit.pk:
        raise ValidationFailed(
            _("Choose a matter decided by a village of this commune."), field="matter"
        )
    starts_on = check_day(starts_on, field="starts_on", label=_("start"), required=False)
    ends_on = check_day(ends_on, field="ends_on", label=_("planned end"), required=False)
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationFailed(_("The planned end cannot be before the start."), field="ends_on")
    return {
        "name": clean_text(
            name,
            field="name",
            label=_("name of the work"),
            max_length=TITLE_MAX,
            required=True,
            one_line=True,
        ),
        "owner": clean_text(
            owner, field="owner", label=_("investor"), max_length=200, one_line=True
        ),
        "budget": budget,
        "state_funds": state_funds,
        "contributions": contributions,
        "village": village,
        "board": board,
        "matter": matter,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "is_public": bool(is_public),
    }


_WORK_AUDITED = [
    "name",
    "owner",
    "budget",
    "state_funds",
    "contributions",
    "village",
    "board",
    "matter",
    "starts_on",
    "ends_on",
    "progress",
    "is_public",
]


@transaction.atomic
def work_create(*, actor, unit, **fields) -> PublicWork:
    if unit is None:
        raise ValidationFailed(_("Choose the commune."), field="unit")
    access.require(actor, MANAGE, unit)
    require_commune(unit)
    data = _work_fields(unit, **fields)
    work = PublicWork.objects.create(unit=unit, created_by=actor, **data)
    audit.record(actor, "democracy.work.created", work, after=audit.snapshot(work, _WORK_AUDITED))
    return work


@transaction.atomic
def work_update(*, actor, work: PublicWork, version=None, **fields) -> PublicWork:
    work = lock(work)
    access.require(actor, MANAGE, work)
    check_version(work, version)
    before = audit.snapshot(work, _WORK_AUDITED)
    for name, value in _work_fields(work.unit, **fields).items():
        setattr(work, name, value)
    bump(work)
    work.save()
    audit.record(
        actor,
        "democracy.work.changed",
        work,
        before=before,
        after=audit.snapshot(work, _WORK_AUDITED),
    )
    return work


@transaction.atomic
def work_progress_add(*, actor, work: PublicWork, on, progress, note: str = "") -> WorkUpdate:
    work = lock(work)
    access.require(actor, MANAGE, work)
    on = check_day(on, field="on", label=_("date"), future=False)
    try:
        progress = int(progress)
    except (TypeError, ValueError):
        raise ValidationFailed(
            _("Enter the progress as a whole percentage."), field="progress"
        ) from None
    if not 0 <= progress <= 100:
        raise ValidationFailed(_("The progress is between 0 and 100%."), field="progress")
    update = WorkUpdate.objects.create(
        work=work,
        on=on,
        progress=progress,
        note=clean_text(note, field="note", label=_("note"), max_length=TEXT_MAX),
        created_by=actor,
    )
    latest = work.updates.order_by("-on", "-id").first()
    before = {"progress": work.progress}
    work.progress = latest.progress
    bump(work)
    work.save(update_fields=["progress", "version"])
    audit.record(
        actor, "democracy.work.progress", work, before=before, after={"progress": work.progress}
    )
    return update


# --- Findings and recommendations (followed to closure) ------------------------------------------


@transaction.atomic
def finding_add(
    *, actor, activity: Activity, text: str, recommendation: str, addressee=None, due_date=None
) -> Finding:
    """A finding of a board's activity and what it recommends (Luật 10/2022, Điều 38)."""
    board = lock(activity.board)
    access.require(actor, MANAGE, board)
    if addressee is not None and not addressee.path.startswith(board.unit.path):
        raise ValidationFailed(
            _("A board's recommendation goes to a unit of its commune."), field="addressee"
        )
    due_date = check_day(due_date, field="due_date", label=_("deadline"), required=False)
    if due_date is not None and due_date < activity.held_on:
        raise ValidationFailed(_("The deadline cannot be before the activity."), field="due_date")
    number = (activity.findings_list.aggregate(n=Max("number"))["n"] or 0) + 1
    finding = Finding.objects.create(
        activity=activity,
        number=number,
        text=clean_text(text, field="text", label=_("finding"), max_length=TEXT_MAX, required=True),
        recommendation=clean_text(
            recommendation,
            field="recommendation",
            label=_("recommendation"),
            max_length=TEXT_MAX,
            required=True,
        ),
        addressee=addressee,
        due_date=due_date,
        created_by=actor,
    )
    audit.record(actor, "democracy.finding.added", finding, after=audit.snapshot(finding))
    return finding


@transaction.atomic
def finding_close(
    *, actor, finding: Finding, status: str, closed_on, outcome: str, version=None
) -> Finding:
    """Follow a recommendation to closure: carried out, or not accepted (with reasons)."""
    finding = lock(finding)
    access.require(actor, MANAGE, finding)
    check_version(finding, version)
    if finding.status != FindingStatus.OPEN:
        raise ConflictError(_("This recommendation is already closed."), code="closed")
    if status not in (FindingStatus.DONE, FindingStatus.NOT_ACCEPTED):
        raise ValidationFailed(_("Choose: carried out, or not accepted."), field="status")
    closed_on = check_day(closed_on, field="closed_on", label=_("date closed"), future=False)
    if closed_on < finding.activity.held_on:
        raise ValidationFailed(_("It cannot close before the activity."), field="closed_on")
    before = audit.snapshot(finding)
    finding.status, finding.closed_on = status, closed_on
    finding.outcome = clean_text(
        outcome, field="outcome", label=_("outcome"), max_length=TEXT_MAX, required=True
    )
    bump(finding)
    finding.save()
    audit.record(
        actor, "democracy.finding.closed", finding, before=before, after=audit.snapshot(finding)
    )
    return finding
