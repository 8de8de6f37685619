"""Writes of village matters (dân bàn và quyết định): prepare a matter, record the tally of a
meeting or of household ballots, run an online vote (issue the codes, open, extend, count after
the close), send the result to the commune and recognise it.

The law's rules (``danvan.lib.grassroots``): a meeting decides only with more than half of the
households represented; a matter passes when more than half of ALL households agree (Luật
10/2022, Điều 21.1; Nghị định 61/2023, Điều 10); the decision is sent to the commune People's
Committee and Fatherland Front at the latest 5 working days after the vote (Nghị định 59/2023,
Điều 4.7, for ballots; the same default is used for meetings and online votes).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.calendar import work_calendar
from danvan.core.concurrency import bump, check_version, lock
from danvan.core.errors import ConflictError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.democracy import codes
from danvan.democracy.models import (
    Ballot,
    DecisionForm,
    Household,
    HouseholdCode,
    Matter,
    MatterKind,
    MatterStatus,
)
from danvan.democracy.rules import DECIDE, MANAGE
from danvan.democracy.services import voting
from danvan.democracy.services.common import (
    TEXT_MAX,
    TITLE_MAX,
    check_count,
    check_day,
    commune_of,
    require_village,
    show_date,
)
from danvan.lib.grassroots import decide

REPORT_WORKING_DAYS = 5  # Nghị định 59/2023, Điều 4.7
MAX_VOTE_DAYS = 60
_AUDITED = [
    "kind",
    "title",
    "proposed_text",
    "households",
    "form",
    "status",
    "opens_at",
    "closes_at",
    "codes_issued",
    "held_on",
    "taking_part",
    "agreeing",
    "disagreeing",
    "invalid",
    "ballots_issued",
    "passed",
    "is_public",
    "report_due",
    "sent_at",
    "recognised_at",
    "recognition_note",
]


def _snap(matter: Matter) -> dict:
    return audit.snapshot(matter, _AUDITED)


def _check_window(opens_at, closes_at) -> tuple:
    if opens_at is None or closes_at is None:
        raise ValidationFailed(
            _("An online vote needs the time it opens and the time it closes."),
            field="opens_at" if opens_at is None else "closes_at",
        )
    if closes_at <= opens_at:
        raise ValidationFailed(_("The vote must close after it opens."), field="closes_at")
    if closes_at - opens_at > dt.timedelta(days=MAX_VOTE_DAYS):
        raise ValidationFailed(
            _("A vote lasts at most %(days)d days.") % {"days": MAX_VOTE_DAYS}, field="closes_at"
        )
    check_day(opens_at.date(), field="opens_at", label=_("opening day"))
    return opens_at, closes_at


def _fields(*, kind, title, proposed_text, households, form, opens_at, closes_at) -> dict:
    if kind not in MatterKind.values:
        raise ValidationFailed(_("Choose what the village decides."), field="kind")
    if form not in DecisionForm.values:
        raise ValidationFailed(_("Choose how the village decides."), field="form")
    data = {
        "kind": kind,
        "form": form,
        "title": clean_text(
            title, field="title", label=_("title"), max_length=TITLE_MAX, required=True
        ),
        "proposed_text": clean_text(
            proposed_text,
            field="proposed_text",
            label=_("proposed text"),
            max_length=TEXT_MAX,
            required=True,
        ),
        "households": check_count(
            households, field="households", label=_("number of households"), minimum=1
        ),
        "opens_at": None,
        "closes_at": None,
    }
    if form == DecisionForm.ONLINE:
        data["opens_at"], data["closes_at"] = _check_window(opens_at, closes_at)
    return data


@transaction.atomic
def matter_create(
    *,
    actor,
    village,
    kind: str,
    title: str,
    proposed_text: str,
    households=None,
    form: str,
    opens_at=None,
    closes_at=None,
) -> Matter:
    """A matter for ``village`` to decide. The number of households defaults to the village's
    household list when the commune keeps one."""
    if village is None:
        raise ValidationFailed(_("Choose the village."), field="village")
    access.require(actor, MANAGE, village)
    require_village(village)
    if households in (None, ""):
        households = Household.objects.filter(village=village, is_active=True).count() or None
    data = _fields(
        kind=kind,
        title=title,
        proposed_text=proposed_text,
        households=households,
        form=form,
        opens_at=opens_at,
        closes_at=closes_at,
    )
    commune = commune_of(village)
    if commune is None:
        raise ValidationFailed(
            _("This village belongs to no commune in the tree."), field="village"
        )
    matter = Matter.objects.create(village=village, commune=commune, created_by=actor, **data)
    audit.record(actor, "democracy.matter.created", matter, after=_snap(matter))
    return matter


def _require_draft(matter: Matter) -> None:
    if matter.status != MatterStatus.DRAFT:
        raise ConflictError(
            _("This matter is no longer being prepared (%(status)s): it cannot be changed.")
            % {"status": matter.get_status_display()},
            code="not_draft",
        )


@transaction.atomic
def matter_update(
    *,
    actor,
    matter: Matter,
    kind: str,
    title: str,
    proposed_text: str,
    households,
    form: str,
    opens_at=None,
    closes_at=None,
    version=None,
) -> Matter:
    matter = lock(matter)
    access.require(actor, MANAGE, matter)
    check_version(matter, version)
    _require_draft(matter)
    before = _snap(matter)
    data = _fields(
        kind=kind,
        title=title,
        proposed_text=proposed_text,
        households=households,
        form=form,
        opens_at=opens_at,
        closes_at=closes_at,
    )
    if matter.codes_issued and (
        data["households"] != matter.households or data["form"] != DecisionForm.ONLINE
    ):
        # The printed slips no longer fit: they are withdrawn, new ones must be printed.
        HouseholdCode.objects.filter(matter=matter).delete()
        matter.codes_issued = 0
    for name, value in data.items():
        setattr(matter, name, value)
    bump(matter)
    matter.save()
    audit.record(actor, "democracy.matter.changed", matter, before=before, after=_snap(matter))
    return matter


def _report_due(day: dt.date) -> dt.date:
    return work_calendar().add_working_days(day, REPORT_WORKING_DAYS)


def _apply_result(matter: Matter, *, held_on, taking_part, agreeing, disagreeing) -> None:
    outcome = decide(
        households=matter.households,
        taking_part=taking_part,
        agreeing=agreeing,
        disagreeing=disagreeing,
        meeting=matter.form == DecisionForm.MEETING,
    )
    matter.held_on = held_on
    matter.taking_part, matter.agreeing, matter.disagreeing = taking_part, agreeing, disagreeing
    matter.passed = outcome.passed
    matter.status = MatterStatus.DECIDED
    matter.report_due = _report_due(held_on)


@transaction.atomic
def tally_record(
    *,
    actor,
    matter: Matter,
    held_on,
    taking_part,
    agreeing,
    disagreeing,
    invalid=0,
    ballots_issued=None,
    minutes: str = "",
    is_public: bool = True,
    version=None,
) -> Matter:
    """The tally of a meeting (from its minutes) or of the household ballots. A tally the
    village could not have produced — more households taking part than it has, more votes
    than households taking part — is refused and nothing is recorded."""
    matter = lock(matter)
    access.require(actor, MANAGE, matter)
    check_version(matter, version)
    if matter.form == DecisionForm.ONLINE:
        raise ConflictError(
            _("An online vote is counted by the system after it closes."), code="online_vote"
        )
    _require_draft(matter)
    held_on = check_day(held_on, field="held_on", label=_("date held"), future=False)
    households = matter.households
    label = (
        _("households taking part")
        if matter.form == DecisionForm.MEETING
        else _("ballots returned")
    )
    taking_part = check_count(taking_part, field="taking_part", label=label)
    agreeing = check_count(agreeing, field="agreeing", label=_("households agreeing"))
    disagreeing = check_count(disagreeing, field="disagreeing", label=_("households disagreeing"))
    invalid = check_count(invalid or 0, field="invalid", label=_("invalid ballots"))
    if matter.form == DecisionForm.BALLOTS:
        ballots_issued = check_count(
            ballots_issued, field="ballots_issued", label=_("ballots issued"), minimum=1
        )
        if ballots_issued > households:
            raise ValidationFailed(
                _(
                    "%(n)d ballots issued, but the village has %(h)d households: one ballot per household."
                )
                % {"n": ballots_issued, "h": households},
                field="ballots_issued",
                code="more_than_households",
            )
        if taking_part > ballots_issued:
            raise ValidationFailed(
                _("More ballots returned (%(n)d) than issued (%(i)d).")
                % {"n": taking_part, "i": ballots_issued},
                field="taking_part",
                code="more_than_issued",
            )
    else:
        ballots_issued, invalid = None, 0
    if taking_part > households:
        raise ValidationFailed(
            _("%(n)d households taking part, but the village has only %(h)d.")
            % {"n": taking_part, "h": households},
            field="taking_part",
            code="more_than_households",
        )
    if agreeing + disagreeing + invalid > taking_part:
        raise ValidationFailed(
            _(
                "The votes (%(agree)d agreeing, %(disagree)d disagreeing, %(invalid)d invalid) "
                "add up to more than the %(n)d households taking part."
            )
            % {"agree": agreeing, "disagree": disagreeing, "invalid": invalid, "n": taking_part},
            field="agreeing",
            code="more_votes_than_households",
        )
    before = _snap(matter)
    _apply_result(
        matter,
        held_on=held_on,
        taking_part=taking_part,
        agreeing=agreeing,
        disagreeing=disagreeing,
    )
    matter.invalid, matter.ballots_issued = invalid, ballots_issued
    matter.minutes = clean_text(minutes, field="minutes", label=_("minutes"), max_length=TEXT_MAX)
    matter.is_public = bool(is_public)
    bump(matter)
    matter.save()
    audit.record(actor, "democracy.matter.tallied", matter, before=before, after=_snap(matter))
    return matter


# --- Online votes ------------------------------------------------------------------------------


@transaction.atomic
def codes_issue(*, actor, matter: Matter) -> list[str]:
    """Make one code per household and return them, for printing, this once. Codes printed
    before for this matter stop working. Only while the vote is being prepared."""
    matter = lock(matter)
    access.require(actor, MANAGE, matter)
    if matter.form != DecisionForm.ONLINE:
        raise ConflictError(_("Only an online vote has household codes."), code="not_online")
    _require_draft(matter)
    HouseholdCode.objects.filter(matter=matter).delete()
    made: list[str] = []
    rows = []
    seen: set[str] = set()
    while len(made) < matter.households:
        code = codes.new_code()
        if code in seen:
            continue
        seen.add(code)
        made.append(code)
        rows.append(
            HouseholdCode(matter=matter, slip=len(made), digest=codes.code_digest(matter.pk, code))
        )
    HouseholdCode.objects.bulk_create(rows, batch_size=1000)
    before = _snap(matter)
    matter.codes_issued = len(made)
    bump(matter)
    matter.save(update_fields=["codes_issued", "version"])
    audit.record(actor, "democracy.vote.codes_issued", matter, before=before, after=_snap(matter))
    return made


@transaction.atomic
def vote_open(*, actor, matter: Matter, version=None) -> Matter:
    """Open the online vote: the proposed text, the households and the codes are then fixed."""
    matter = lock(matter)
    access.require(actor, MANAGE, matter)
    check_version(matter, version)
    if matter.form != DecisionForm.ONLINE:
        raise ConflictError(_("Only an online vote is opened here."), code="not_online")
    _require_draft(matter)
    if matter.codes_issued != matter.households:
        raise ConflictError(
            _("Print the household codes first: one code for each of the %(h)d households.")
            % {"h": matter.households},
            code="codes_missing",
        )
    if matter.closes_at <= timezone.now():
        raise ValidationFailed(
            _("The closing time has passed: set a later one before opening."), field="closes_at"
        )
    before = _snap(matter)
    matter.status = MatterStatus.VOTING
    bump(matter)
    matter.save(update_fields=["status", "version"])
    audit.record(actor, "democracy.vote.opened", matter, before=before, after=_snap(matter))
    return matter


@transaction.atomic
def vote_extend(*, actor, matter: Matter, closes_at, version=None) -> Matter:
    """Move the close later (a storm, a lockout after guessing); never earlier."""
    matter = lock(matter)
    access.require(actor, MANAGE, matter)
    check_version(matter, version)
    if matter.status != MatterStatus.VOTING or matter.is_closed():
        raise ConflictError(_("Only a vote still open can be extended."), code="not_open")
    if closes_at is None or closes_at <= matter.closes_at:
        raise ValidationFailed(
            _("The new closing time must be later than %(time)s.")
            % {"time": timezone.localtime(matter.closes_at).strftime("%H:%M %d/%m/%Y")},
            field="closes_at",
        )
    _check_window(matter.opens_at, closes_at)
    before = _snap(matter)
    matter.closes_at = closes_at
    bump(matter)
    matter.save(update_fields=["closes_at", "version"])
    audit.record(actor, "democracy.vote.extended", matter, before=before, after=_snap(matter))
    return matter


@transaction.atomic
def matter_cancel(*, actor, matter: Matter, reason: str) -> Matter:
    matter = lock(matter)
    access.require(actor, MANAGE, matter)
    if matter.status not in (MatterStatus.DRAFT, MatterStatus.VOTING) or (
        matter.status == MatterStatus.VOTING and matter.is_closed()
    ):
        raise ConflictError(
            _("A matter whose result is in cannot be cancelled."), code="not_cancellable"
        )
    reason = clean_text(reason, field="reason", label=_("reason"), max_length=2000, required=True)
    before = _snap(matter)
    Ballot.objects.filter(matter=matter).delete()
    HouseholdCode.objects.filter(matter=matter).delete()
    matter.status = MatterStatus.CANCELLED
    matter.recognition_note = reason
    bump(matter)
    matter.save()
    audit.record(actor, "democracy.matter.cancelled", matter, before=before, after=_snap(matter))
    return matter


@transaction.atomic
def online_result_record(*, actor, matter: Matter, is_public: bool = True) -> Matter:
    """After the close: count the ballots and record the result with the law's verdict."""
    matter = lock(matter)
    access.require(actor, MANAGE, matter)
    if matter.status != MatterStatus.VOTING:
        raise ConflictError(_("This is not an online vote under way."), code="not_voting")
    if not matter.is_closed():
        raise ConflictError(
            _("The vote closes at %(time)s: the result is counted after the close.")
            % {"time": timezone.localtime(matter.closes_at).strftime("%H:%M %d/%m/%Y")},
            code="vote_not_closed",
        )
    counts = voting.tally(matter)
    before = _snap(matter)
    _apply_result(matter, held_on=timezone.localtime(matter.closes_at).date(), **counts)
    matter.is_public = bool(is_public)
    bump(matter)
    matter.save()
    audit.record(actor, "democracy.vote.counted", matter, before=before, after=_snap(matter))
    return matter


@transaction.atomic
def matter_send(*, actor, matter: Matter) -> Matter:
    """Send the decided result to the commune (for recognition where the law asks it)."""
    matter = lock(matter)
    access.require(actor, MANAGE, matter)
    if matter.status != MatterStatus.DECIDED:
        raise ConflictError(_("Only a recorded result is sent to the commune."), code="not_decided")
    before = _snap(matter)
    matter.status = MatterStatus.SENT
    matter.sent_at = timezone.now()
    bump(matter)
    matter.save()
    audit.record(actor, "democracy.matter.sent", matter, before=before, after=_snap(matter))
    return matter


@transaction.atomic
def matter_recognise(*, actor, matter: Matter, recognised: bool, note: str = "") -> Matter:
    """The commune chair recognises the village's result (or refuses, with reasons)."""
    matter = lock(matter)
    access.require(actor, DECIDE, matter.commune)
    if matter.status != MatterStatus.SENT:
        raise ConflictError(_("Only a result sent to the commune is recognised."), code="not_sent")
    if not matter.needs_recognition:
        raise ConflictError(
            _(
                "The law asks no recognition for this kind of matter: it is for the commune's information."
            ),
            code="no_recognition",
        )
    note = clean_text(
        note, field="note", label=_("decision"), max_length=4000, required=not recognised
    )
    if recognised and not matter.passed:
        raise ValidationFailed(
            _(
                "The matter did not pass: more than half of all %(h)d households must agree "
                "(%(a)d did). It cannot be recognised."
            )
            % {"h": matter.households, "a": matter.agreeing or 0},
            code="not_passed",
        )
    before = _snap(matter)
    matter.status = MatterStatus.RECOGNISED if recognised else MatterStatus.NOT_RECOGNISED
    matter.recognised_at, matter.recognised_by = timezone.now(), actor
    matter.recognition_note = note
    bump(matter)
    matter.save()
    audit.record(actor, "democracy.matter.recognised", matter, before=before, after=_snap(matter))
    return matter


# --- Households ------------------------------------------------------------------------------


@transaction.atomic
def household_add(*, actor, village, head_name: str, address: str = "", members=None) -> Household:
    access.require(actor, MANAGE, village)
    require_village(village)
    head_name = clean_text(
        head_name,
        field="head_name",
        label=_("head of household"),
        max_length=150,
        required=True,
        one_line=True,
    )
    address = clean_text(
        address, field="address", label=_("address"), max_length=300, one_line=True
    )
    if members not in (None, ""):
        members = check_count(members, field="members", label=_("members"), minimum=1, maximum=100)
    else:
        members = None
    last = Household.objects.select_for_update().filter(village=village).order_by("-number").first()
    household = Household.objects.create(
        village=village,
        number=(last.number + 1) if last else 1,
        head_name=head_name,
        address=address,
        members=members,
    )
    audit.record(actor, "democracy.household.added", household, after={"number": household.number})
    return household


@transaction.atomic
def household_leave(*, actor, household: Household) -> Household:
    access.require(actor, MANAGE, household)
    household.is_active = False
    household.save(update_fields=["is_active"])
    audit.record(actor, "democracy.household.left", household, after={"number": household.number})
    return household


def report_due_label(matter: Matter) -> str:
    return show_date(matter.report_due) if matter.report_due else ""
