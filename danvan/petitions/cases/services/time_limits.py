"""Time limits of a case as the law allows them to move, and the rows that hold them:

- a denunciation needing verification gets 10 working days to be accepted instead of 7
  (Luật Tố cáo 2018, Điều 24);
- a complex denunciation's resolution is extended once, an especially complex one twice, each
  by at most 30 days counted from the original end (Điều 30);
- administrators edit the time-limit rows and the list of fields.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.accounts.models import User
from danvan.audit import services as audit
from danvan.core.errors import NotFoundError, ValidationFailed
from danvan.core.validation import clean_count, clean_text
from danvan.lib.text import fold
from danvan.petitions.cases import limits as case_limits
from danvan.petitions.cases.rules import LIMITS
from danvan.petitions.cases.services.common import (
    NOTE_MAX,
    changed,
    clean_date,
    handle,
    require_status,
)
from danvan.petitions.models import (
    Case,
    CaseExtension,
    CaseField,
    CaseKind,
    CaseStatus,
    CaseStep,
    CaseTimeLimit,
)


@transaction.atomic
def case_extend_acceptance(*, actor: User, case: Case, reason: str) -> Case:
    """A denunciation whose sender, content or places need verification: the time to accept or
    refuse becomes 10 working days from receipt (Luật Tố cáo 2018, Điều 24). Once."""
    case = handle(actor, case)
    if case.kind != CaseKind.DENUNCIATION:
        raise ValidationFailed(
            _("Only the time to accept a denunciation can be extended."), field="reason"
        )
    require_status(
        case,
        CaseStatus.RECEIVED,
        message=_("Only a denunciation not yet accepted has its time to accept extended."),
    )
    if case.accept_extended:
        raise ValidationFailed(
            _("The time to accept this denunciation was already extended."), field="reason"
        )
    reason = clean_text(reason, field="reason", label=_("reason"), required=True, max_length=500)
    before = audit.snapshot(case)
    case.accept_extended = True
    case.accept_due = case_limits.accept_deadline(case)
    case.due_on = case.accept_due
    return changed(actor, case, "acceptance_extended", before, reason)


@transaction.atomic
def case_extend(
    *,
    actor: User,
    case: Case,
    days: int,
    decision_number: str,
    decision_date: dt.date,
    reason: str,
) -> CaseExtension:
    """Extend a denunciation's resolution, as the law allows (complex: once; especially
    complex: twice; at most the rule's days each), from the original end of the period."""
    case = handle(actor, case)
    if case.kind != CaseKind.DENUNCIATION:
        raise ValidationFailed(
            _("Only the resolution of a denunciation can be extended."), field="days"
        )
    require_status(
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
    days = clean_count(days, field="days", label=_("number of days"), minimum=1, maximum=365)
    if days > limit.days:
        raise ValidationFailed(
            _("An extension is at most %(max)d days (%(basis)s).")
            % {"max": limit.days, "basis": limit.legal_basis},
            field="days",
        )
    number = clean_text(
        decision_number,
        field="decision_number",
        label=_("decision number"),
        required=True,
        max_length=60,
        one_line=True,
    )
    decision_date = clean_date(
        decision_date,
        field="decision_date",
        label=_("the decision date"),
        not_before=case.accepted_on,
    )
    reason = clean_text(
        reason, field="reason", label=_("reason"), required=True, max_length=NOTE_MAX
    )
    before = audit.snapshot(case)
    earlier = case.extensions.aggregate(days=Sum("days"))["days"] or 0
    new_due = case_limits.resolve_deadline(case, earlier + days)
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
    changed(actor, case, "extended", before, f"{number}: {reason}")
    return extension


# -- the rows: time limits and fields (administrators) ------------------------------------------


def _require_limits(actor: User) -> None:
    if access.reach(actor, LIMITS) != ["/"]:
        raise NotFoundError()


@transaction.atomic
def time_limit_update(
    *,
    actor: User,
    limit: CaseTimeLimit,
    days: int,
    working_days: bool,
    max_count: int,
    legal_basis: str,
) -> CaseTimeLimit:
    _require_limits(actor)
    days = clean_count(days, field="days", label=_("number of days"), minimum=1, maximum=365)
    max_count = clean_count(
        max_count, field="max_count", label=_("maximum number"), minimum=1, maximum=5
    )
    legal_basis = clean_text(
        legal_basis, field="legal_basis", label=_("legal basis"), max_length=200
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
def field_save(
    *, actor: User, field: CaseField | None, name: str, is_active: bool = True
) -> CaseField:
    _require_limits(actor)
    name = clean_text(name, field="name", label=_("name"), required=True, max_length=120)
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
