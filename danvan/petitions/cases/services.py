"""Writes of cases: intake (staff and citizens), processing, resolution, extensions, handlers,
the confidential identity of denouncers. Keyword-only, atomic, audited in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.errors import ConflictError, NotFoundError, ValidationFailed
from danvan.core.files import check_files
from danvan.lib.text import fold
from danvan.petitions.cases import crypto as case_crypto
from danvan.petitions.cases import limits as case_limits
from danvan.petitions.cases.rules import HANDLE, LEAD, LIMITS, VIEW
from danvan.petitions.models import (
    Case,
    CaseAttachment,
    CaseChannel,
    CaseEvent,
    CaseExtension,
    CaseField,
    CaseHandler,
    CaseIdentity,
    CaseIdentityGrant,
    CaseKind,
    CaseStatus,
    CaseStep,
    CaseTimeLimit,
    CaseTransfer,
    PetitionerKind,
)
from danvan.units.models import OrgUnit

CONTENT_MAX = 10_000
NOTE_MAX = 5_000
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone
CODE_LENGTH = 12
OLDEST = dt.date(1990, 1, 1)
PUBLIC_KINDS = (CaseKind.PROPOSAL, CaseKind.FEEDBACK)

FIELDS = [
    ("land", "Đất đai", 10),
    ("compensation", "Bồi thường, giải phóng mặt bằng", 20),
    ("environment", "Môi trường", 30),
    ("policies", "Chế độ, chính sách", 40),
    ("justice", "Tư pháp", 50),
    ("corruption", "Tham nhũng, tiêu cực", 60),
    ("others", "Lĩnh vực khác", 1000),
]


def seed_fields() -> None:
    for code, name, ordering in FIELDS:
        CaseField.objects.get_or_create(code=code, defaults={"name": name, "ordering": ordering})


def default_field() -> CaseField:
    field = CaseField.objects.filter(code="others").first()
    if field is None:
        seed_fields()
        field = CaseField.objects.get(code="others")
    return field


# -- helpers ------------------------------------------------------------------------------


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normal_tracking_code(text: str) -> str:
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())[:CODE_LENGTH]
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _text(value, *, field: str, label: str, required: bool = False, max_length: int) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationFailed(_("Enter %(what)s.") % {"what": label}, field=field)
    if len(text) > max_length:
        raise ValidationFailed(
            _("%(what)s is too long: at most %(max)d characters.")
            % {"what": label.capitalize(), "max": max_length},
            field=field,
        )
    return text


def _date(value, *, field: str, label: str, not_before: dt.date | None = None) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationFailed(_("Enter a valid date for %(what)s.") % {"what": label}, field=field)
    if value > timezone.localdate():
        raise ValidationFailed(
            _("%(what)s cannot be in the future.") % {"what": label.capitalize()}, field=field
        )
    if value < OLDEST:
        raise ValidationFailed(_("Enter a valid date for %(what)s.") % {"what": label}, field=field)
    if not_before and value < not_before:
        raise ValidationFailed(
            _("%(what)s cannot be before %(date)s.")
            % {"what": label.capitalize(), "date": not_before.strftime("%d/%m/%Y")},
            field=field,
        )
    return value


def _event(case: Case, actor, action: str, note: str = "") -> None:
    CaseEvent.objects.create(
        case=case,
        actor=actor if _is_user(actor) else None,
        action=action,
        unit_id=case.unit_id,
        note=note,
    )


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


def _changed(actor, case: Case, action: str, before: dict, note: str = "") -> Case:
    case.save()
    _event(case, actor, action, note)
    audit.record(actor, f"case.{action}", case, before=before, after=audit.snapshot(case))
    return case


def _require_status(case: Case, *statuses: str, message: str) -> None:
    if case.status not in statuses:
        raise ConflictError(message, code="case_status")


def _save_files(case: Case, files) -> None:
    for checked in check_files(files):
        checked.upload.seek(0)
        data = checked.upload.read()
        confidential = case.is_confidential
        if confidential:
            data = case_crypto.encrypt_bytes(data)
        attachment = CaseAttachment(
            case=case,
            name=checked.name,
            content_type=checked.kind,
            size=checked.size,
            is_confidential=confidential,
        )
        stored_name = f"{secrets.token_hex(8)}.{'bin' if confidential else checked.kind}"
        attachment.file.save(stored_name, ContentFile(data), save=False)
        attachment.save()


# -- intake -------------------------------------------------------------------------------


def _validate_petitioner(
    *, petitioner_kind, petitioner_count, name, address, phone, email
) -> tuple[str, int, str, str, str, str]:
    if petitioner_kind not in PetitionerKind.values:
        raise ValidationFailed(_("Choose a person or a group."), field="petitioner_kind")
    try:
        count = int(petitioner_count)
    except (TypeError, ValueError):
        raise ValidationFailed(_("Enter the number of people."), field="petitioner_count") from None
    if count < 1 or count > 100_000:
        raise ValidationFailed(
            _("The number of people must be between 1 and 100,000."), field="petitioner_count"
        )
    if petitioner_kind == PetitionerKind.GROUP and count < 2:
        raise ValidationFailed(
            _("A group has at least 2 people: enter how many came or signed."),
            field="petitioner_count",
        )
    name = _text(name, field="petitioner_name", label=_("the name"), max_length=200)
    address = _text(address, field="petitioner_address", label=_("the address"), max_length=300)
    phone = _text(phone, field="petitioner_phone", label=_("the phone number"), max_length=30)
    if phone and not (8 <= len(case_crypto.normal_phone(phone)) <= 15):
        raise ValidationFailed(_("Enter a valid phone number."), field="petitioner_phone")
    email = _text(email, field="petitioner_email", label=_("the e-mail"), max_length=200)
    if email and ("@" not in email or " " in email or email.startswith("@")):
        raise ValidationFailed(_("Enter a valid e-mail address."), field="petitioner_email")
    return petitioner_kind, count, name, address, phone, email


@transaction.atomic
def case_receive(
    *,
    actor,
    unit: OrgUnit,
    kind: str,
    channel: str,
    content: str,
    received_on: dt.date,
    petitioner_name: str = "",
    petitioner_kind: str = PetitionerKind.PERSON,
    petitioner_count: int = 1,
    petitioner_address: str = "",
    petitioner_phone: str = "",
    petitioner_email: str = "",
    field: CaseField | None = None,
    is_complex: bool = False,
    is_especially_complex: bool = False,
    is_crowd: bool = False,
    is_prolonged: bool = False,
    skips_levels: bool = False,
    is_remote_area: bool = False,
    source_reference: str = "",
    files=None,
    level: int = 1,
    first_level_case: Case | None = None,
) -> Case:
    """Record a case received by ``unit``; a denouncer's identity is encrypted at once."""
    if actor is not None:
        if unit is None:
            raise ValidationFailed(_("Choose the unit receiving the case."), field="unit")
        access.require(actor, HANDLE, unit)
    if kind not in CaseKind.values:
        raise ValidationFailed(_("Choose the kind of case."), field="kind")
    if channel not in CaseChannel.values:
        raise ValidationFailed(_("Choose how the case was received."), field="channel")
    content = _text(
        content, field="content", label=_("the content"), required=True, max_length=CONTENT_MAX
    )
    received_on = _date(received_on, field="received_on", label=_("the date received"))
    kind_p, count, name, address, phone, email = _validate_petitioner(
        petitioner_kind=petitioner_kind,
        petitioner_count=petitioner_count,
        name=petitioner_name,
        address=petitioner_address,
        phone=petitioner_phone,
        email=petitioner_email,
    )
    source_reference = _text(
        source_reference, field="source_reference", label=_("the source"), max_length=300
    )
    if field is None:
        field = default_field()
    elif not field.is_active:
        raise ValidationFailed(_("This field is no longer in use: choose another."), field="field")
    if level not in (1, 2) or (level == 2 and kind != CaseKind.COMPLAINT):
        raise ValidationFailed(_("Only a complaint has a second level."), field="level")
    confidential = kind == CaseKind.DENUNCIATION
    case = Case(
        unit=unit,
        unit_path=unit.path,
        kind=kind,
        level=level,
        field=field,
        channel=channel,
        source_reference=source_reference,
        content=content,
        content_folded=fold(content)[:CONTENT_MAX],
        petitioner_kind=kind_p,
        petitioner_count=count,
        petitioner_name="" if confidential else name,
        petitioner_address="" if confidential else address,
        petitioner_phone="" if confidential else phone,
        petitioner_email="" if confidential else email,
        name_digest=case_crypto.name_digest(name),
        phone_digest=case_crypto.phone_digest(phone),
        email_digest=case_crypto.email_digest(email),
        is_confidential=confidential,
        is_complex=bool(is_complex or is_especially_complex),
        is_especially_complex=bool(is_especially_complex),
        is_crowd=bool(is_crowd),
        is_prolonged=bool(is_prolonged),
        skips_levels=bool(skips_levels),
        is_remote_area=bool(is_remote_area),
        received_on=received_on,
        first_level_case=first_level_case,
        created_by=actor if _is_user(actor) else None,
    )
    case.accept_due = case_limits.case_deadline(case, CaseStep.ACCEPT, received_on)
    case.due_on = case.accept_due
    for _attempt in range(5):
        case.tracking_code = new_tracking_code()
        try:
            with transaction.atomic():
                case.save()
            break
        except IntegrityError:
            continue
    else:  # pragma: no cover — 5 collisions in 2^60 codes
        raise ConflictError(_("Please try again."))
    if confidential:
        CaseIdentity.objects.create(
            case=case,
            name=case_crypto.encrypt(name),
            address=case_crypto.encrypt(address),
            contact=case_crypto.encrypt(" · ".join(v for v in (phone, email) if v)),
        )
    _save_files(case, files)
    if _is_user(actor):
        CaseHandler.objects.create(case=case, user=actor, is_lead=True, assigned_by=actor)
    _event(case, actor, "received", source_reference)
    audit.record(actor, "case.received", case, after=audit.snapshot(case))
    return case


def citizen_submit(
    *,
    unit: OrgUnit,
    kind: str,
    content: str,
    name: str,
    phone: str = "",
    email: str = "",
    address: str = "",
    field: CaseField | None = None,
    files=None,
) -> Case:
    """A proposal or feedback sent by a citizen through the public form (no account)."""
    if kind not in PUBLIC_KINDS:
        raise ValidationFailed(_("Choose a proposal or feedback."), field="kind")
    if unit is None or not unit.is_active:
        raise ValidationFailed(_("Choose the commune or province it concerns."), field="unit")
    if not str(name or "").strip():
        raise ValidationFailed(_("Enter your name."), field="petitioner_name")
    if not str(phone or "").strip() and not str(email or "").strip():
        raise ValidationFailed(
            _("Enter a phone number or an e-mail: you will need it to follow your case."),
            field="petitioner_phone",
        )
    return case_receive(
        actor=None,
        unit=unit,
        kind=kind,
        channel=CaseChannel.PUBLIC_FORM,
        content=content,
        received_on=timezone.localdate(),
        petitioner_name=name,
        petitioner_address=address,
        petitioner_phone=phone,
        petitioner_email=email,
        field=field,
        files=files,
    )


# -- processing ---------------------------------------------------------------------------


def _handle(actor, case: Case, permission: str = HANDLE) -> Case:
    access.require(actor, permission, case)
    return _locked(case)


@transaction.atomic
def case_accept(*, actor, case: Case, accepted_on: dt.date, note: str = "") -> Case:
    case = _handle(actor, case)
    _require_status(
        case, CaseStatus.RECEIVED, message=_("Only a case just received can be accepted.")
    )
    accepted_on = _date(
        accepted_on,
        field="accepted_on",
        label=_("the date of acceptance"),
        not_before=case.received_on,
    )
    note = _text(note, field="note", label=_("the note"), max_length=NOTE_MAX)
    before = audit.snapshot(case)
    case.status = CaseStatus.ACCEPTED
    case.accepted_on = accepted_on
    case.resolve_due = case_limits.case_deadline(case, CaseStep.RESOLVE, accepted_on)
    case.notify_due = (
        case_limits.case_deadline(case, CaseStep.NOTIFY, accepted_on)
        if case.kind == CaseKind.DENUNCIATION
        else None
    )
    case.due_on = case.resolve_due
    return _changed(actor, case, "accepted", before, note)


def _close(actor, case: Case, status: str, action: str, note: str, *, label: str) -> Case:
    case = _handle(actor, case)
    _require_status(case, CaseStatus.RECEIVED, message=_("This case has already been processed."))
    note = _text(note, field="note", label=label, required=True, max_length=NOTE_MAX)
    before = audit.snapshot(case)
    case.status = status
    case.outcome_note = note
    case.closed_on = timezone.localdate()
    case.due_on = None
    return _changed(actor, case, action, before, note)


@transaction.atomic
def case_refuse(*, actor, case: Case, reason: str) -> Case:
    return _close(
        actor, case, CaseStatus.REFUSED, "refused", reason, label=_("the reasons for refusing")
    )


@transaction.atomic
def case_advise(*, actor, case: Case, advice: str) -> Case:
    return _close(
        actor,
        case,
        CaseStatus.ADVISED,
        "advised",
        advice,
        label=_("the advice given to the citizen"),
    )


@transaction.atomic
def case_file_duplicate(*, actor, case: Case, duplicate_of_id, note: str = "") -> Case:
    from danvan.petitions.cases.selectors import case_queryset

    try:
        original = case_queryset(actor).exclude(pk=case.pk).filter(pk=int(duplicate_of_id)).first()
    except (TypeError, ValueError):
        original = None
    if original is None:
        raise ValidationFailed(
            _("Choose the earlier case this one repeats (one you can see)."), field="duplicate_of"
        )
    case = _close(
        actor,
        case,
        CaseStatus.FILED,
        "filed",
        note or _("Duplicate of case %(ref)s") % {"ref": original.reference},
        label=_("the note"),
    )
    case.duplicate_of = original
    case.save(update_fields=["duplicate_of"])
    return case


@transaction.atomic
def case_forward(*, actor, case: Case, to_unit_id, note: str = "") -> Case:
    """Send the case to the competent unit: it moves there with its history."""
    case = _handle(actor, case)
    _require_status(
        case, CaseStatus.RECEIVED, message=_("Only a case not yet accepted can be forwarded.")
    )
    try:
        target = OrgUnit.objects.filter(pk=int(to_unit_id)).first()
    except (TypeError, ValueError):
        target = None
    if target is None:
        raise ValidationFailed(
            _("This unit does not exist: choose the competent unit."), field="to_unit"
        )
    if not target.is_active:
        raise ValidationFailed(
            _("This unit no longer exists (merged or dissolved)."), field="to_unit"
        )
    if target.pk == case.unit_id:
        raise ValidationFailed(_("The case is already in this unit."), field="to_unit")
    note = _text(note, field="note", label=_("the note"), max_length=NOTE_MAX)
    before = audit.snapshot(case)
    CaseTransfer.objects.create(
        case=case, from_unit_id=case.unit_id, from_path=case.unit_path, to_unit=target
    )
    _event(case, actor, "forwarded", _("To %(unit)s. %(note)s") % {"unit": target, "note": note})
    case.unit = target
    case.unit_path = target.path
    case.accept_due = case_limits.case_deadline(case, CaseStep.ACCEPT, timezone.localdate())
    case.due_on = case.accept_due
    case.save()
    CaseHandler.objects.filter(case=case).delete()
    audit.record(actor, "case.forwarded", case, before=before, after=audit.snapshot(case))
    return case


@transaction.atomic
def case_resolve(
    *,
    actor,
    case: Case,
    decision_number: str,
    decision_date: dt.date,
    content: str,
    publish: bool = False,
) -> Case:
    case = _handle(actor, case)
    if case.status == CaseStatus.RECEIVED:
        raise ConflictError(
            _("This case has not been accepted: accept it (thụ lý) before resolving it."),
            code="not_accepted",
        )
    _require_status(case, CaseStatus.ACCEPTED, message=_("This case is closed."))
    number = _text(
        decision_number,
        field="decision_number",
        label=_("the decision number"),
        required=case.kind in (CaseKind.COMPLAINT, CaseKind.DENUNCIATION),
        max_length=60,
    )
    if isinstance(decision_date, dt.date) and decision_date < case.received_on:
        raise ValidationFailed(
            _("The decision date cannot be before the case was received (%(date)s).")
            % {"date": case.received_on.strftime("%d/%m/%Y")},
            field="decision_date",
        )
    decision_date = _date(
        decision_date,
        field="decision_date",
        label=_("the decision date"),
        not_before=case.accepted_on,
    )
    content = _text(
        content,
        field="decision_content",
        label=_("the decision or answer"),
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
    return _changed(actor, case, "resolved", before, number)


@transaction.atomic
def case_extend(
    *, actor, case: Case, days: int, decision_number: str, decision_date: dt.date, reason: str
) -> CaseExtension:
    """Extend a denunciation's resolution, as the law allows (complex: once; especially
    complex: twice; at most the rule's days each)."""
    case = _handle(actor, case)
    if case.kind != CaseKind.DENUNCIATION:
        raise ValidationFailed(
            _("Only the resolution of a denunciation can be extended."), field="days"
        )
    _require_status(
        case,
        CaseStatus.ACCEPTED,
        message=_("Only an accepted case being resolved can be extended."),
    )
    limit = case_limits.case_limit(case, CaseStep.EXTEND) if case.is_complex else None
    if limit is None:
        raise ValidationFailed(
            _("The law allows an extension only for a complex case: mark the case complex first."),
            field="days",
        )
    used = case.extensions.count()
    if used >= limit.max_count:
        raise ValidationFailed(
            _("This case already has %(n)d extension(s), the most the law allows (%(basis)s).")
            % {"n": used, "basis": limit.legal_basis},
            field="days",
        )
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise ValidationFailed(_("Enter the number of days."), field="days") from None
    if days < 1 or days > limit.days:
        raise ValidationFailed(
            _("An extension is at most %(max)d days (%(basis)s).")
            % {"max": limit.days, "basis": limit.legal_basis},
            field="days",
        )
    number = _text(
        decision_number,
        field="decision_number",
        label=_("the decision number"),
        required=True,
        max_length=60,
    )
    decision_date = _date(
        decision_date,
        field="decision_date",
        label=_("the decision date"),
        not_before=case.accepted_on,
    )
    reason = _text(
        reason, field="reason", label=_("the reason"), required=True, max_length=NOTE_MAX
    )
    before = audit.snapshot(case)
    base = case.resolve_due or timezone.localdate()
    new_due = case_limits.Limit(days, limit.working_days, 1, "").deadline(base)
    extension = CaseExtension.objects.create(
        case=case,
        days=days,
        decision_number=number,
        decision_date=decision_date,
        reason=reason,
        new_due=new_due,
        created_by=actor,
    )
    case.resolve_due = new_due
    case.due_on = new_due
    _changed(actor, case, "extended", before, f"{number}: {reason}")
    return extension


@transaction.atomic
def case_escalate(*, actor, case: Case, unit: OrgUnit, received_on: dt.date, content: str) -> Case:
    """Record a second-level complaint about the first-level decision of ``case``."""
    access.require(actor, VIEW, case)
    if case.kind != CaseKind.COMPLAINT or case.level != 1:
        raise ValidationFailed(
            _("Only a first-level complaint can go to a second level."), field="unit"
        )
    if case.status != CaseStatus.RESOLVED:
        raise ConflictError(_("The first-level complaint has no decision yet."))
    received_on = _date(
        received_on,
        field="received_on",
        label=_("the date received"),
        not_before=case.decision_date,
    )
    identity = read_identity_unaudited(case) if case.is_confidential else None
    second = case_receive(
        actor=actor,
        unit=unit,
        kind=CaseKind.COMPLAINT,
        channel=CaseChannel.AGENCY if unit.pk != case.unit_id else CaseChannel.POST,
        content=content,
        received_on=received_on,
        petitioner_kind=case.petitioner_kind,
        petitioner_count=case.petitioner_count,
        petitioner_name=identity["name"] if identity else case.petitioner_name,
        petitioner_address=case.petitioner_address,
        petitioner_phone=case.petitioner_phone,
        petitioner_email=case.petitioner_email,
        field=case.field,
        is_complex=case.is_complex,
        is_crowd=case.is_crowd,
        is_remote_area=case.is_remote_area,
        source_reference=_("Second level of case %(ref)s") % {"ref": case.reference},
        level=2,
        first_level_case=case,
    )
    _event(case, actor, "escalated", second.reference)
    return second


@transaction.atomic
def case_assign(*, actor, case: Case, user, is_lead: bool = False) -> CaseHandler:
    case = _handle(actor, case, LEAD)
    if user is None or not user.is_active or not access.can(user, HANDLE, case):
        raise ValidationFailed(
            _("Choose an active official who handles cases of this unit."), field="user"
        )
    if is_lead:
        CaseHandler.objects.filter(case=case, is_lead=True).update(is_lead=False)
    handler, created = CaseHandler.objects.update_or_create(
        case=case, user=user, defaults={"is_lead": bool(is_lead), "assigned_by": actor}
    )
    _event(case, actor, "assigned", str(user))
    audit.record(actor, "case.assigned", case, after={"handler": user.pk, "lead": bool(is_lead)})
    return handler


@transaction.atomic
def case_unassign(*, actor, case: Case, user_id) -> None:
    case = _handle(actor, case, LEAD)
    deleted, _unused = CaseHandler.objects.filter(case=case, user_id=user_id).delete()
    if deleted:
        _event(case, actor, "unassigned", str(user_id))
        audit.record(actor, "case.unassigned", case, before={"handler": user_id})


@transaction.atomic
def case_hide(*, actor, case: Case, hidden: bool, reason: str = "") -> Case:
    """Hide abusive content from the public pages and lists (kept for the record)."""
    case = _handle(actor, case, LEAD)
    reason = _text(reason, field="reason", label=_("the reason"), required=hidden, max_length=300)
    before = audit.snapshot(case)
    case.is_hidden = bool(hidden)
    case.hidden_reason = reason if hidden else ""
    if hidden:
        case.answer_public = False
    return _changed(actor, case, "hidden" if hidden else "unhidden", before, reason)


@transaction.atomic
def case_publish(*, actor, case: Case, public: bool) -> Case:
    case = _handle(actor, case)
    if public:
        if case.status != CaseStatus.RESOLVED:
            raise ConflictError(_("Only the answer of a resolved case can be published."))
        if case.is_confidential or case.is_hidden:
            raise ConflictError(_("The answer of a denunciation or hidden case is not published."))
    before = audit.snapshot(case)
    case.answer_public = bool(public)
    return _changed(actor, case, "published" if public else "unpublished", before)


# -- confidential identity ----------------------------------------------------------------


def can_read_identity(actor, case: Case) -> bool:
    if not _is_user(actor) or not case.is_confidential:
        return False
    if actor.is_superuser:
        return True
    return (
        CaseHandler.objects.filter(case=case, user=actor).exists()
        or CaseIdentityGrant.objects.filter(case=case, user=actor).exists()
    )


def read_identity_unaudited(case: Case) -> dict:
    identity = CaseIdentity.objects.filter(case=case).first()
    if identity is None:
        return {"name": "", "address": "", "contact": ""}
    return {
        "name": case_crypto.decrypt(identity.name),
        "address": case_crypto.decrypt(identity.address),
        "contact": case_crypto.decrypt(identity.contact),
    }


@transaction.atomic
def identity_read(*, actor, case: Case) -> dict:
    """The denouncer's identity, for a handler or a person granted it; every read audited."""
    access.require(actor, VIEW, case)
    if not can_read_identity(actor, case):
        raise NotFoundError()
    audit.record(actor, "case.identity_read", case)
    return read_identity_unaudited(case)


@transaction.atomic
def identity_grant(*, actor, case: Case, user, reason: str) -> CaseIdentityGrant:
    case = _handle(actor, case, LEAD)
    if not case.is_confidential:
        raise ValidationFailed(_("This case has no confidential identity."), field="user")
    if user is None or not user.is_active:
        raise ValidationFailed(_("Choose an active user."), field="user")
    reason = _text(reason, field="reason", label=_("the reason"), required=True, max_length=300)
    grant, _created = CaseIdentityGrant.objects.update_or_create(
        case=case, user=user, defaults={"reason": reason, "granted_by": actor}
    )
    _event(case, actor, "identity_granted", str(user))
    audit.record(actor, "case.identity_granted", case, after={"user": user.pk, "reason": reason})
    return grant


def attachment_content(*, actor, attachment: CaseAttachment) -> bytes:
    """A file's bytes; a confidential one only for identity readers, decrypted, audited."""
    case = attachment.case
    if attachment.is_confidential:
        if not can_read_identity(actor, case):
            raise NotFoundError()
        audit.record(actor, "case.identity_file_read", case, after={"file": attachment.pk})
        with attachment.file.open("rb") as handle:
            return case_crypto.decrypt_bytes(handle.read())
    with attachment.file.open("rb") as handle:
        return handle.read()


# -- settings: time limits and fields -------------------------------------------------------


def _require_limits(actor) -> None:
    if access.reach(actor, LIMITS) != ["/"]:
        raise NotFoundError()


@transaction.atomic
def time_limit_update(
    *, actor, limit: CaseTimeLimit, days: int, working_days: bool, max_count: int, legal_basis: str
) -> CaseTimeLimit:
    _require_limits(actor)
    try:
        days, max_count = int(days), int(max_count)
    except (TypeError, ValueError):
        raise ValidationFailed(_("Enter whole numbers."), field="days") from None
    if not 1 <= days <= 365:
        raise ValidationFailed(_("The number of days must be between 1 and 365."), field="days")
    if not 1 <= max_count <= 5:
        raise ValidationFailed(_("The number must be between 1 and 5."), field="max_count")
    legal_basis = _text(
        legal_basis, field="legal_basis", label=_("the legal basis"), max_length=200
    )
    limit = CaseTimeLimit.objects.select_for_update().get(pk=limit.pk)
    before = audit.snapshot(limit)
    limit.days, limit.working_days = days, bool(working_days)
    limit.max_count, limit.legal_basis = max_count, legal_basis
    limit.save()
    audit.record(
        actor,
        "case_time_limit.changed",
        limit,
        before=before,
        after=audit.snapshot(limit),
        unit_path="",
    )
    return limit


@transaction.atomic
def field_save(*, actor, field: CaseField | None, name: str, is_active: bool = True) -> CaseField:
    _require_limits(actor)
    name = _text(name, field="name", label=_("the name"), required=True, max_length=120)
    if field is None:
        code = fold(name).replace(" ", "-")[:30] or "field"
        base, n = code, 1
        while CaseField.objects.filter(code=code).exists():
            n += 1
            code = f"{base}-{n}"
        field = CaseField.objects.create(code=code, name=name, is_active=is_active)
        audit.record(actor, "case_field.created", field, after=audit.snapshot(field), unit_path="")
        return field
    before = audit.snapshot(field)
    field.name, field.is_active = name, bool(is_active)
    field.save()
    audit.record(
        actor, "case_field.changed", field, before=before, after=audit.snapshot(field), unit_path=""
    )
    return field
