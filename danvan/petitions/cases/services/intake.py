"""Cases arriving: received by an official (``case_receive``), sent by a citizen through the
public form (``case_receive_public``), or a second-level complaint (``case_escalate``).

Each is a check step (``_check_intake``: reads and validates, writes nothing) and a write step
(``_store``: the case, a denouncer's encrypted identity, the files, the history, the audit
entry and the notice to the people of the receiving unit). A citizen has no account: the
public path is its own function, not an official's path with the access check skipped.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.accounts.models import User
from danvan.audit import services as audit
from danvan.core.errors import ConflictError, ValidationFailed
from danvan.core.files import check_files
from danvan.core.validation import clean_count, clean_text
from danvan.lib.text import fold
from danvan.petitions.cases import crypto as case_crypto
from danvan.petitions.cases import limits as case_limits
from danvan.petitions.cases import notices
from danvan.petitions.cases.rules import HANDLE, VIEW
from danvan.petitions.cases.services.common import (
    CONTENT_MAX,
    clean_date,
    default_field,
    event,
    is_user,
    save_files,
)
from danvan.petitions.models import (
    Case,
    CaseChannel,
    CaseField,
    CaseHandler,
    CaseIdentity,
    CaseKind,
    CaseStatus,
    PetitionerKind,
)
from danvan.units.models import Level, OrgUnit

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone
CODE_LENGTH = 12
PUBLIC_KINDS = (CaseKind.PROPOSAL, CaseKind.FEEDBACK)
FLAGS = (
    "is_complex",
    "is_especially_complex",
    "is_crowd",
    "is_prolonged",
    "skips_levels",
    "is_remote_area",
)


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normal_tracking_code(text: str) -> str:
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())[:CODE_LENGTH]
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


# -- the check step ---------------------------------------------------------------------------


@dataclass
class Petitioner:
    kind: str
    count: int
    name: str
    address: str
    phone: str
    email: str


@dataclass
class Intake:
    """A case as checked, ready to be written."""

    unit: OrgUnit
    kind: str
    channel: str
    content: str
    received_on: dt.date
    petitioner: Petitioner
    field: CaseField
    source_reference: str = ""
    level: int = 1
    first_level_case: Case | None = None
    contested_on: dt.date | None = None
    first_decision_on: dt.date | None = None
    flags: dict = field(default_factory=dict)
    files: list = field(default_factory=list)

    @property
    def confidential(self) -> bool:
        return self.kind == CaseKind.DENUNCIATION


def check_petitioner(*, petitioner_kind, petitioner_count, name, address, phone, email):
    if petitioner_kind not in PetitionerKind.values:
        raise ValidationFailed(_("Choose a person or a group."), field="petitioner_kind")
    count = clean_count(
        petitioner_count,
        field="petitioner_count",
        label=_("number of people"),
        minimum=1,
        maximum=100_000,
    )
    if petitioner_kind == PetitionerKind.GROUP and count < 2:
        raise ValidationFailed(
            _("A group has at least 2 people: enter how many came or signed."),
            field="petitioner_count",
        )
    name = clean_text(name, field="petitioner_name", label=_("name"), max_length=200, one_line=True)
    address = clean_text(address, field="petitioner_address", label=_("address"), max_length=300)
    phone = clean_text(phone, field="petitioner_phone", label=_("phone number"), max_length=30)
    if phone and not (8 <= len(case_crypto.normal_phone(phone)) <= 15):
        raise ValidationFailed(_("Enter a valid phone number."), field="petitioner_phone")
    email = clean_text(email, field="petitioner_email", label=_("e-mail"), max_length=200)
    if email and ("@" not in email or " " in email or email.startswith("@")):
        raise ValidationFailed(_("Enter a valid e-mail address."), field="petitioner_email")
    return Petitioner(petitioner_kind, count, name, address, phone, email)


def _check_intake(
    *,
    unit: OrgUnit | None,
    kind: str,
    channel: str,
    content: str,
    received_on,
    petitioner: dict,
    field: CaseField | None,
    source_reference: str = "",
    level: int = 1,
    first_level_case: Case | None = None,
    contested_on=None,
    first_decision_on=None,
    flags: dict | None = None,
    files=None,
) -> Intake:
    """Validate a case about to be received; nothing is written."""
    if unit is None:
        raise ValidationFailed(_("Choose the unit receiving the case."), field="unit")
    if not unit.is_active:
        raise ValidationFailed(_("This unit no longer exists (merged or dissolved)."), field="unit")
    if kind not in CaseKind.values:
        raise ValidationFailed(_("Choose the kind of case."), field="kind")
    if channel not in CaseChannel.values:
        raise ValidationFailed(_("Choose how the case was received."), field="channel")
    content = clean_text(
        content, field="content", label=_("content"), required=True, max_length=CONTENT_MAX
    )
    received_on = clean_date(received_on, field="received_on", label=_("the date received"))
    person = check_petitioner(**petitioner)
    source_reference = clean_text(
        source_reference, field="source_reference", label=_("source"), max_length=300
    )
    if field is None:
        field = default_field()
    elif not field.is_active:
        raise ValidationFailed(_("This field is no longer in use: choose another."), field="field")
    if level not in (1, 2) or (level == 2 and kind != CaseKind.COMPLAINT):
        raise ValidationFailed(_("Only a complaint has a second level."), field="level")
    dates = {"contested_on": None, "first_decision_on": None}
    if kind == CaseKind.COMPLAINT:
        dates["contested_on"] = clean_date(
            contested_on,
            field="contested_on",
            label=_("the date the decision or act was received or learned of"),
            required=False,
        )
        if level == 2:
            dates["first_decision_on"] = clean_date(
                first_decision_on,
                field="first_decision_on",
                label=_("the date of the first-level decision"),
                required=False,
            )
        for name, value in dates.items():
            if value and value > received_on:
                raise ValidationFailed(
                    _("This date cannot be after the case was received (%(date)s).")
                    % {"date": received_on.strftime("%d/%m/%Y")},
                    field=name,
                )
    flags = {name: bool((flags or {}).get(name)) for name in FLAGS}
    flags["is_complex"] = flags["is_complex"] or flags["is_especially_complex"]
    return Intake(
        unit=unit,
        kind=kind,
        channel=channel,
        content=content,
        received_on=received_on,
        petitioner=person,
        field=field,
        source_reference=source_reference,
        level=level,
        first_level_case=first_level_case,
        flags=flags,
        files=check_files(files),
        **dates,
    )


# -- the write step ---------------------------------------------------------------------------


class _SameSending(Exception):
    def __init__(self, case: Case):
        self.case = case


def _store(intake: Intake, *, actor: User | None, submission_key: str | None = None) -> Case:
    """Write a checked case: the row, a denouncer's encrypted identity, the files, the first
    handler, the history, the audit entry, the notice to the receiving unit."""
    person = intake.petitioner
    confidential = intake.confidential
    case = Case(
        unit=intake.unit,
        unit_path=intake.unit.path,
        kind=intake.kind,
        level=intake.level,
        field=intake.field,
        channel=intake.channel,
        source_reference=intake.source_reference,
        content=intake.content,
        content_folded=fold(intake.content)[:CONTENT_MAX],
        petitioner_kind=person.kind,
        petitioner_count=person.count,
        petitioner_name="" if confidential else person.name,
        petitioner_address="" if confidential else person.address,
        petitioner_phone="" if confidential else person.phone,
        petitioner_email="" if confidential else person.email,
        name_digest=case_crypto.name_digest(person.name),
        phone_digest=case_crypto.phone_digest(person.phone),
        email_digest=case_crypto.email_digest(person.email),
        is_confidential=confidential,
        received_on=intake.received_on,
        contested_on=intake.contested_on,
        first_decision_on=intake.first_decision_on,
        first_level_case=intake.first_level_case,
        submission_key=submission_key,
        created_by=actor if is_user(actor) else None,
        **intake.flags,
    )
    case.accept_due = case_limits.accept_deadline(case)
    case.due_on = case.accept_due
    for _attempt in range(5):
        case.tracking_code = new_tracking_code()
        try:
            with transaction.atomic():
                case.save()
            break
        except IntegrityError:
            if submission_key:
                earlier = Case.objects.filter(submission_key=submission_key).first()
                if earlier is not None:
                    raise _SameSending(earlier) from None
            continue
    else:  # pragma: no cover — 5 collisions in 2^60 codes
        raise ConflictError(_("Please try again."))
    if confidential:
        CaseIdentity.objects.create(
            case=case,
            name=case_crypto.encrypt(person.name),
            address=case_crypto.encrypt(person.address),
            contact=case_crypto.encrypt(" · ".join(v for v in (person.phone, person.email) if v)),
        )
    save_files(case, intake.files)
    if is_user(actor):
        CaseHandler.objects.create(case=case, user=actor, is_lead=True, assigned_by=actor)
    event(case, actor, "received", intake.source_reference)
    audit.record(actor, "case.received", case, after=audit.snapshot(case))
    notices.case_arrived(case, by=actor)
    return case


# -- the three ways in --------------------------------------------------------------------------


@transaction.atomic
def case_receive(
    *,
    actor: User,
    unit: OrgUnit | None,
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
    contested_on: dt.date | None = None,
    first_decision_on: dt.date | None = None,
    files=None,
    level: int = 1,
    first_level_case: Case | None = None,
) -> Case:
    """Record a case received by ``unit`` (an official who handles its cases); a denouncer's
    identity is encrypted at once."""
    if unit is None:
        raise ValidationFailed(_("Choose the unit receiving the case."), field="unit")
    access.require(actor, HANDLE, unit)
    intake = _check_intake(
        unit=unit,
        kind=kind,
        channel=channel,
        content=content,
        received_on=received_on,
        petitioner={
            "petitioner_kind": petitioner_kind,
            "petitioner_count": petitioner_count,
            "name": petitioner_name,
            "address": petitioner_address,
            "phone": petitioner_phone,
            "email": petitioner_email,
        },
        field=field,
        source_reference=source_reference,
        level=level,
        first_level_case=first_level_case,
        contested_on=contested_on,
        first_decision_on=first_decision_on,
        flags={
            "is_complex": is_complex,
            "is_especially_complex": is_especially_complex,
            "is_crowd": is_crowd,
            "is_prolonged": is_prolonged,
            "skips_levels": skips_levels,
            "is_remote_area": is_remote_area,
        },
        files=files,
    )
    return _store(intake, actor=actor)


def public_units():
    """The units a citizen may address: provinces and communes (territories) in force."""
    return OrgUnit.objects.filter(
        level__in=(Level.PROVINCE, Level.COMMUNE),
        unit_type__is_territory=True,
        valid_to__isnull=True,
    )


def _submission_key(intake: Intake) -> str:
    person = intake.petitioner
    return case_crypto.digest(
        "|".join(
            [
                "public",
                str(intake.unit.pk),
                intake.kind,
                " ".join(fold(intake.content).split()),
                case_crypto.normal_phone(person.phone),
                person.email.strip().lower(),
                intake.received_on.isoformat(),
            ]
        )
    )


@transaction.atomic
def case_receive_public(
    *,
    unit: OrgUnit | None,
    kind: str,
    content: str,
    name: str,
    phone: str = "",
    email: str = "",
    address: str = "",
    field: CaseField | None = None,
    files=None,
) -> Case:
    """A proposal or feedback sent by a citizen through the public form (no account).

    The same sending twice (a double click without JavaScript, a resend after a timeout) makes
    one case: the second gets the first's."""
    if kind not in PUBLIC_KINDS:
        raise ValidationFailed(_("Choose a proposal or feedback."), field="kind")
    if unit is None or not public_units().filter(pk=unit.pk).exists():
        raise ValidationFailed(_("Choose the commune or province it concerns."), field="unit")
    if not str(name or "").strip():
        raise ValidationFailed(_("Enter your name."), field="petitioner_name")
    if not str(phone or "").strip() and not str(email or "").strip():
        raise ValidationFailed(
            _("Enter a phone number or an e-mail: you will need it to follow your case."),
            field="petitioner_phone",
        )
    intake = _check_intake(
        unit=unit,
        kind=kind,
        channel=CaseChannel.PUBLIC_FORM,
        content=content,
        received_on=timezone.localdate(),
        petitioner={
            "petitioner_kind": PetitionerKind.PERSON,
            "petitioner_count": 1,
            "name": name,
            "address": address,
            "phone": phone,
            "email": email,
        },
        field=field,
        files=files,
    )
    key = _submission_key(intake)
    earlier = Case.objects.filter(submission_key=key).first()
    if earlier is not None:
        return earlier
    try:
        with transaction.atomic():
            return _store(intake, actor=None, submission_key=key)
    except _SameSending as same:
        return same.case


@transaction.atomic
def case_escalate(
    *,
    actor: User,
    case: Case,
    unit: OrgUnit | None,
    received_on: dt.date,
    content: str,
) -> Case:
    """Record a second-level complaint about ``case``: after its first-level decision, or when
    its time limit lapsed without one (Luật Khiếu nại 2011, Điều 33)."""
    access.require(actor, VIEW, case)
    if case.kind != CaseKind.COMPLAINT or case.level != 1:
        raise ValidationFailed(
            _("Only a first-level complaint can go to a second level."), field="unit"
        )
    if case.status != CaseStatus.RESOLVED and not case_limits.first_level_lapsed(case):
        raise ConflictError(
            _(
                "The first-level complaint has no decision yet and its time limit has not "
                "lapsed (%(date)s)."
            )
            % {"date": _shown(case_limits.first_level_end(case))}
        )
    decided = case.status == CaseStatus.RESOLVED
    received_on = clean_date(
        received_on,
        field="received_on",
        label=_("the date received"),
        not_before=case.decision_date if decided else case.received_on,
    )
    second = case_receive(
        actor=actor,
        unit=unit,
        kind=CaseKind.COMPLAINT,
        channel=CaseChannel.AGENCY if unit is not None and unit.pk != case.unit_id else "post",
        content=content,
        received_on=received_on,
        petitioner_kind=case.petitioner_kind,
        petitioner_count=case.petitioner_count,
        petitioner_name=case.petitioner_name,
        petitioner_address=case.petitioner_address,
        petitioner_phone=case.petitioner_phone,
        petitioner_email=case.petitioner_email,
        field=case.field,
        is_complex=case.is_complex,
        is_crowd=case.is_crowd,
        is_remote_area=case.is_remote_area,
        source_reference=(
            _("Second level of case %(ref)s") % {"ref": case.reference}
            if decided
            else _("Second level of case %(ref)s, whose time limit lapsed without a decision")
            % {"ref": case.reference}
        )[:300],
        first_decision_on=case.decision_date if decided else None,
        level=2,
        first_level_case=case,
    )
    event(case, actor, "escalated", second.reference)
    return second


def _shown(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"
