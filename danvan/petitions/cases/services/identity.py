"""A denouncer's identity (Luật Tố cáo 2018, Điều 47, 48): encrypted at rest, read by the
case's handlers and the people a leader granted it to, every read audited; the files of a
confidential case (handwriting) likewise."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.accounts.models import User
from danvan.audit import services as audit
from danvan.core.errors import NotFoundError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.petitions.cases import crypto as case_crypto
from danvan.petitions.cases.rules import LEAD, VIEW, can_read_identity
from danvan.petitions.cases.services.common import event, handle
from danvan.petitions.models import Case, CaseAttachment, CaseIdentity, CaseIdentityGrant


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
def identity_read(*, actor: User, case: Case) -> dict:
    """The denouncer's identity, for a handler or a person granted it; every read audited."""
    access.require(actor, VIEW, case)
    if not can_read_identity(actor, case):
        raise NotFoundError()
    identity = read_identity_unaudited(case)
    audit.record(actor, "case.identity_read", case)
    return identity


@transaction.atomic
def identity_grant(*, actor: User, case: Case, user: User | None, reason: str) -> CaseIdentityGrant:
    case = handle(actor, case, LEAD)
    if not case.is_confidential:
        raise ValidationFailed(_("This case has no confidential identity."), field="user")
    if user is None or not user.is_active:
        raise ValidationFailed(_("Choose an active user."), field="user")
    reason = clean_text(reason, field="reason", label=_("reason"), required=True, max_length=300)
    grant, _created = CaseIdentityGrant.objects.update_or_create(
        case=case, user=user, defaults={"reason": reason, "granted_by": actor}
    )
    event(case, actor, "identity_granted", str(user))
    audit.record(actor, "case.identity_granted", case, after={"user": user.pk, "reason": reason})
    return grant


def attachment_content(*, actor: User, attachment: CaseAttachment) -> bytes:
    """A file's bytes; a confidential one only for identity readers, decrypted, audited."""
    case = attachment.case
    if attachment.is_confidential:
        if not can_read_identity(actor, case):
            raise NotFoundError()
        with attachment.file.open("rb") as handle_:
            data = case_crypto.decrypt_bytes(handle_.read())
        audit.record(actor, "case.identity_file_read", case, after={"file": attachment.pk})
        return data
    with attachment.file.open("rb") as handle_:
        return handle_.read()
