"""Processing a case: accept (thụ lý), refuse, advise, file as a duplicate, forward to the
competent body, resolve, publish the answer, hide abusive content, correct the details, and
the handlers. Each locks the case, then decides on the state it has locked."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.accounts.models import User
from danvan.audit import services as audit
from danvan.core.concurrency import bump, check_version
from danvan.core.errors import ConflictError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.petitions.cases import crypto as case_crypto
from danvan.petitions.cases import limits as case_limits
from danvan.petitions.cases import notices
from danvan.petitions.cases.rules import HANDLE, LEAD, can_read_identity
from danvan.petitions.cases.services.common import (
    CONTENT_MAX,
    NOTE_MAX,
    changed,
    clean_date,
    event,
    handle,
    require_status,
)
from danvan.petitions.cases.services.intake import FLAGS, check_petitioner
from danvan.petitions.models import (
    Case,
    CaseField,
    CaseHandler,
    CaseKind,
    CaseStatus,
    CaseStep,
    CaseTransfer,
)
from danvan.units.models import OrgUnit


@transaction.atomic
def case_accept(*, actor: User, case: Case, accepted_on: dt.date, note: str = "") -> Case:
    case = handle(actor, case)
    require_status(
        case, CaseStatus.RECEIVED, message=_("Only a case just received can be accepted.")
    )
    accepted_on = clean_date(
        accepted_on,
        field="accepted_on",
        label=_("the date of acceptance"),
        not_before=case.received_on,
    )
    note = clean_text(note, field="note", label=_("note"), max_length=NOTE_MAX)
    before = audit.snapshot(case)
    case.status = CaseStatus.ACCEPTED
    case.accepted_on = accepted_on
    case.resolve_due = case_limits.resolve_deadline(case)
    case.notify_due = (
        case_limits.case_deadline(case, CaseStep.NOTIFY, accepted_on)
        if case.kind == CaseKind.DENUNCIATION
        else None
    )
    case.due_on = case.resolve_due
    return changed(actor, case, "accepted", before, note)


def _close(actor: User, case: Case, status: str, action: str, note: str, *, label: str) -> Case:
    case = handle(actor, case)
    require_status(case, CaseStatus.RECEIVED, message=_("This case has already been processed."))
    note = clean_text(note, field="note", label=label, required=True, max_length=NOTE_MAX)
    before = audit.snapshot(case)
    case.status = status
    case.outcome_note = note
    case.closed_on = timezone.localdate()
    case.due_on = None
    return changed(actor, case, action, before, note)


@transaction.atomic
def case_refuse(*, actor: User, case: Case, reason: str) -> Case:
    return _close(
        actor, case, CaseStatus.REFUSED, "refused", reason, label=_("reasons for refusing")
    )


@transaction.atomic
def case_advise(*, actor: User, case: Case, advice: str) -> Case:
    return _close(
        actor,
        case,
        CaseStatus.ADVISED,
        "advised",
        advice,
        label=_("advice given to the citizen"),
    )


@transaction.atomic
def case_file_duplicate(
    *, actor: User, case: Case, duplicate_of: Case | None, note: str = ""
) -> Case:
    """File ``case`` as repeating an earlier one the actor sees. Never across a denouncer's
    confidentiality: linking a named case to a denunciation would tell who denounced."""
    from danvan.petitions.cases.selectors import case_queryset

    original = None
    if duplicate_of is not None and duplicate_of.pk != case.pk:
        original = case_queryset(actor).filter(pk=duplicate_of.pk).first()
    if original is None:
        raise ValidationFailed(
            _("Choose the earlier case this one repeats (one you can see)."), field="duplicate_of"
        )
    if original.is_confidential != case.is_confidential and not (
        can_read_identity(actor, original if original.is_confidential else case)
    ):
        raise ValidationFailed(
            _("A denunciation and a case with a named petitioner are not linked."),
            field="duplicate_of",
        )
    case = _close(
        actor,
        case,
        CaseStatus.FILED,
        "filed",
        note or _("Duplicate of case %(ref)s") % {"ref": original.reference},
        label=_("note"),
    )
    case.duplicate_of = original
    case.save(update_fields=["duplicate_of"])
    return case


@transaction.atomic
def case_forward(*, actor: User, case: Case, to_unit: OrgUnit | None, note: str = "") -> Case:
    """Send the case to the competent body: it moves there with its history; the sending unit
    keeps sight of it; the people of the receiving unit are told."""
    from danvan.petitions.cases.selectors import forward_targets

    case = handle(actor, case)
    require_status(
        case, CaseStatus.RECEIVED, message=_("Only a case not yet accepted can be forwarded.")
    )
    if to_unit is None:
        raise ValidationFailed(_("Choose the competent body, by its name."), field="to_unit")
    if not to_unit.is_active:
        raise ValidationFailed(
            _("This unit no longer exists (merged or dissolved)."), field="to_unit"
        )
    if to_unit.pk == case.unit_id:
        raise ValidationFailed(_("The case is already in this unit."), field="to_unit")
    if not forward_targets(actor).filter(pk=to_unit.pk).exists():
        raise ValidationFailed(
            _(
                "%(unit)s is not a body this case can be forwarded to: choose a People's "
                "Committee, a council, a Party committee, an inspectorate or an agency of your "
                "province, or the People's Committee of another province."
            )
            % {"unit": to_unit.name},
            field="to_unit",
        )
    note = clean_text(note, field="note", label=_("note"), max_length=NOTE_MAX)
    before = audit.snapshot(case)
    CaseTransfer.objects.create(
        case=case, from_unit_id=case.unit_id, from_path=case.unit_path, to_unit=to_unit
    )
    event(case, actor, "forwarded", _("To %(unit)s. %(note)s") % {"unit": to_unit, "note": note})
    case.unit = to_unit
    case.unit_path = to_unit.path
    case.accept_due = case_limits.case_deadline(case, CaseStep.ACCEPT, timezone.localdate())
    case.accept_extended = False
    case.due_on = case.accept_due
    bump(case)
    case.save()
    CaseHandler.objects.filter(case=case).delete()
    audit.record(actor, "case.forwarded", case, before=before, after=audit.snapshot(case))
    notices.case_arrived(case, by=actor, forwarded=True)
    return case


@transaction.atomic
def case_resolve(
    *,
    actor: User,
    case: Case,
    decision_number: str,
    decision_date: dt.date,
    content: str,
    publish: bool = False,
) -> Case:
    case = handle(actor, case)
    if case.status == CaseStatus.RECEIVED:
        raise ConflictError(
            _("This case has not been accepted: accept it (thụ lý) before resolving it."),
            code="not_accepted",
        )
    require_status(case, CaseStatus.ACCEPTED, message=_("This case is closed."))
    number = clean_text(
        decision_number,
        field="decision_number",
        label=_("decision number"),
        required=case.kind in (CaseKind.COMPLAINT, CaseKind.DENUNCIATION),
        max_length=60,
        one_line=True,
    )
    if isinstance(decision_date, dt.date) and decision_date < case.received_on:
        raise ValidationFailed(
            _("The decision date cannot be before the case was received (%(date)s).")
            % {"date": case.received_on.strftime("%d/%m/%Y")},
            field="decision_date",
        )
    decision_date = clean_date(
        decision_date,
        field="decision_date",
        label=_("the decision date"),
        not_before=case.accepted_on,
    )
    content = clean_text(
        content,
        field="decision_content",
        label=_("decision or answer"),
        required=True,
        max_length=CONTENT_MAX,
    )
    before = audit.snapshot(case)
    case.status = CaseStatus.RESOLVED
    case.decision_number, case.decision_date, case.decision_content = number, decision_date, content
    case.closed_on = decision_date
    case.resolved_on_time = bool(case.resolve_due is None or decision_date <= case.resolve_due)
    case.due_on = None
    case.answer_public = bool(publish) and not case.is_confidential
    return changed(actor, case, "resolved", before, number)


@transaction.atomic
def case_publish(*, actor: User, case: Case, public: bool) -> Case:
    case = handle(actor, case)
    if public:
        if case.status != CaseStatus.RESOLVED:
            raise ConflictError(_("Only the answer of a resolved case can be published."))
        if case.is_confidential or case.is_hidden:
            raise ConflictError(_("The answer of a denunciation or hidden case is not published."))
    before = audit.snapshot(case)
    case.answer_public = bool(public)
    return changed(actor, case, "published" if public else "unpublished", before)


@transaction.atomic
def case_hide(*, actor: User, case: Case, hidden: bool, reason: str = "") -> Case:
    """Hide abusive content from the public pages and lists (kept for the record)."""
    case = handle(actor, case, LEAD)
    reason = clean_text(reason, field="reason", label=_("reason"), required=hidden, max_length=300)
    before = audit.snapshot(case)
    case.is_hidden = bool(hidden)
    case.hidden_reason = reason if hidden else ""
    if hidden:
        case.answer_public = False
    return changed(actor, case, "hidden" if hidden else "unhidden", before, reason)


# -- correcting the details -----------------------------------------------------------------------


def _deadlines_again(case: Case) -> None:
    """The current step's deadline after the traits it depends on changed."""
    if case.status == CaseStatus.RECEIVED:
        case.accept_due = case_limits.accept_deadline(case)
        case.due_on = case.accept_due
    elif case.status == CaseStatus.ACCEPTED:
        extended = case.extensions.aggregate(days=Sum("days"))["days"] or 0
        case.resolve_due = case_limits.resolve_deadline(case, extended)
        case.due_on = case.resolve_due


@transaction.atomic
def case_update(
    *,
    actor: User,
    case: Case,
    version: int | None = None,
    field: CaseField | None = None,
    source_reference: str = "",
    contested_on: dt.date | None = None,
    first_decision_on: dt.date | None = None,
    petitioner_name: str | None = None,
    petitioner_address: str | None = None,
    petitioner_phone: str | None = None,
    petitioner_email: str | None = None,
    **flags,
) -> Case:
    """Correct an open case's details: its field, flags (complex, remote…: the deadline of the
    current step follows), source, filing dates and, for a named petitioner, the contact. A
    denouncer's identity is not edited here. Someone else's save in between is refused."""
    unknown = set(flags) - set(FLAGS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    case = handle(actor, case)
    check_version(case, version)
    require_status(
        case,
        CaseStatus.RECEIVED,
        CaseStatus.ACCEPTED,
        message=_("A closed case is not corrected."),
    )
    if field is not None and not field.is_active and field.pk != case.field_id:
        raise ValidationFailed(_("This field is no longer in use: choose another."), field="field")
    before = audit.snapshot(case)
    if field is not None:
        case.field = field
    case.source_reference = clean_text(
        source_reference, field="source_reference", label=_("source"), max_length=300
    )
    if case.kind == CaseKind.COMPLAINT:
        case.contested_on = clean_date(
            contested_on,
            field="contested_on",
            label=_("the date the decision or act was received or learned of"),
            required=False,
        )
        if case.level == 2:
            case.first_decision_on = clean_date(
                first_decision_on,
                field="first_decision_on",
                label=_("the date of the first-level decision"),
                required=False,
            )
    for name in FLAGS:
        if name in flags:
            setattr(case, name, bool(flags[name]))
    case.is_complex = case.is_complex or case.is_especially_complex
    if not case.is_confidential and petitioner_name is not None:
        person = check_petitioner(
            petitioner_kind=case.petitioner_kind,
            petitioner_count=case.petitioner_count,
            name=petitioner_name,
            address=petitioner_address,
            phone=petitioner_phone,
            email=petitioner_email,
        )
        case.petitioner_name, case.petitioner_address = person.name, person.address
        case.petitioner_phone, case.petitioner_email = person.phone, person.email
        case.name_digest = case_crypto.name_digest(person.name)
        case.phone_digest = case_crypto.phone_digest(person.phone)
        case.email_digest = case_crypto.email_digest(person.email)
    _deadlines_again(case)
    return changed(actor, case, "changed", before)


# -- handlers -----------------------------------------------------------------------------------


@transaction.atomic
def case_assign(*, actor: User, case: Case, user: User | None, is_lead: bool = False):
    case = handle(actor, case, LEAD)
    if user is None or not user.is_active or not access.can(user, HANDLE, case):
        raise ValidationFailed(
            _("Choose an active official who handles cases of this unit."), field="user"
        )
    if is_lead:
        CaseHandler.objects.filter(case=case, is_lead=True).update(is_lead=False)
    handler, _created = CaseHandler.objects.update_or_create(
        case=case, user=user, defaults={"is_lead": bool(is_lead), "assigned_by": actor}
    )
    event(case, actor, "assigned", str(user))
    audit.record(actor, "case.assigned", case, after={"handler": user.pk, "lead": bool(is_lead)})
    return handler


@transaction.atomic
def case_unassign(*, actor: User, case: Case, user_id: int) -> None:
    case = handle(actor, case, LEAD)
    deleted, _unused = CaseHandler.objects.filter(case=case, user_id=user_id).delete()
    if deleted:
        event(case, actor, "unassigned", str(user_id))
        audit.record(actor, "case.unassigned", case, before={"handler": user_id})
