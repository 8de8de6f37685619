"""What the writes of cases share: limits of the input, the list of fields, date checks, the
history and audit of a change, the files (a denunciation's encrypted)."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.accounts.models import User
from danvan.audit import services as audit
from danvan.core.concurrency import bump, lock
from danvan.core.errors import ConflictError, ValidationFailed
from danvan.petitions.cases import crypto as case_crypto
from danvan.petitions.cases.rules import HANDLE
from danvan.petitions.models import Case, CaseAttachment, CaseEvent, CaseField

CONTENT_MAX = 10_000
NOTE_MAX = 5_000
OLDEST = dt.date(1990, 1, 1)

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


def clean_date(
    value,
    *,
    field: str,
    label: str,
    not_before: dt.date | None = None,
    required: bool = True,
) -> dt.date | None:
    """A date that has happened (not in the future), not before ``not_before``."""
    if value in (None, "") and not required:
        return None
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


def is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def event(case: Case, actor: User | None, action: str, note: str = "") -> None:
    CaseEvent.objects.create(
        case=case,
        actor=actor if is_user(actor) else None,
        action=action,
        unit_id=case.unit_id,
        note=note,
    )


def handle(actor: User, case: Case, permission: str = HANDLE) -> Case:
    """Check ``actor`` may act on ``case`` (404 out of sight, 403 in sight), then lock the row
    and read it again: the state a change decides on is the state it writes over."""
    access.require(actor, permission, case)
    return lock(case)


def changed(actor: User, case: Case, action: str, before: dict, note: str = "") -> Case:
    """Save a change of ``case`` (one more version), with its history line and audit entry."""
    bump(case)
    case.save()
    event(case, actor, action, note)
    audit.record(actor, f"case.{action}", case, before=before, after=audit.snapshot(case))
    return case


def require_status(case: Case, *statuses: str, message: str) -> None:
    if case.status not in statuses:
        raise ConflictError(message, code="case_status")


def save_files(case: Case, checked_files) -> None:
    """Store files already checked; a confidential case's are encrypted (handwriting)."""
    for checked in checked_files:
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
