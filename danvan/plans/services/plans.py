"""Writing plans: drafts, issuing (numbered and locked) and amendments after issue."""

import datetime as dt
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.errors import ConflictError, ValidationFailed
from danvan.core.validation import clean_text
from danvan.documents.models import LegalDocument
from danvan.plans.models import (
    STANDARD_SECTIONS,
    CascadeRequest,
    DeadlineKind,
    Plan,
    PlanLegalBasis,
    PlanSection,
    PlanStatus,
    SignatureMode,
    Task,
    TaskAssignment,
)
from danvan.plans.rules import ISSUE, MANAGE, VIEW
from danvan.plans.services import common
from danvan.units.models import OrgUnit

TITLE_MAX, PLACE_MAX, SIGNER_MAX, RECIPIENTS_MAX = 500, 120, 150, 5000
NUMBER_MAX, SYMBOL_MAX = 20, 60
MAX_LEGAL_BASES = 100
HEADER_FIELDS = (
    "title",
    "period_start",
    "period_end",
    "place",
    "signer_name",
    "signer_position",
    "signature_mode",
    "recipients",
    "is_public",
)
_UNSET = object()


def _clean_header(fields: dict) -> dict:
    """Check and normalise the header fields present in ``fields``."""
    clean = dict(fields)
    if "title" in fields:
        clean["title"] = clean_text(
            fields["title"], field="title", label=_("title"), max_length=TITLE_MAX, required=True
        )
    for name, label, limit in (
        ("place", _("place"), PLACE_MAX),
        ("signer_name", _("signer's name"), SIGNER_MAX),
        ("signer_position", _("signer's position"), SIGNER_MAX),
        ("recipients", _("list of recipients"), RECIPIENTS_MAX),
    ):
        if name in fields:
            clean[name] = clean_text(fields[name], field=name, label=label, max_length=limit)
    if "signature_mode" in fields:
        mode = fields["signature_mode"] or ""
        if mode not in SignatureMode.values:
            raise ValidationFailed(
                _("Choose a signing authority from the list."), field="signature_mode"
            )
        clean["signature_mode"] = mode
    if "is_public" in fields:
        clean["is_public"] = bool(fields["is_public"])
    return clean


def _clean_legal_bases(documents) -> list[LegalDocument]:
    seen: dict[int, LegalDocument] = {}
    for document in documents or ():
        if document is not None and document.pk not in seen:
            seen[document.pk] = document
    if len(seen) > MAX_LEGAL_BASES:
        raise ValidationFailed(
            _("A plan cites at most %(max)d legal bases.") % {"max": MAX_LEGAL_BASES},
            field="legal_bases",
        )
    return list(seen.values())


def _set_legal_bases(plan: Plan, documents: list[LegalDocument]) -> None:
    PlanLegalBasis.objects.filter(plan=plan).delete()
    PlanLegalBasis.objects.bulk_create(
        PlanLegalBasis(plan=plan, document=document, position=i)
        for i, document in enumerate(documents)
    )


def _legal_basis_ids(plan: Plan) -> list[int]:
    return list(plan.basis_links.order_by("position", "id").values_list("document_id", flat=True))


def _check_parent(actor, parent_plan: Plan | None) -> None:
    if parent_plan is None:
        return
    if parent_plan.status != PlanStatus.ISSUED or not access.can(actor, VIEW, parent_plan):
        raise ValidationFailed(
            _("Choose an issued plan that you can see as the plan this one implements."),
            field="parent_plan",
        )


def _check_tasks_fit(plan: Plan, period_start: int, period_end: int, issued_on) -> None:
    """Every date deadline of the plan's tasks within the period and not before issue."""
    for position, task in enumerate(_numbered_tasks(plan), start=1):
        if task.deadline_kind == DeadlineKind.DATE and task.due_date:
            common.check_due_date(
                task.due_date,
                period_start=period_start,
                period_end=period_end,
                issued_on=issued_on,
                field="period_end" if issued_on is None else "issued_on",
                task_label=_("task %(number)d") % {"number": position},
            )


def _numbered_tasks(plan: Plan) -> list[Task]:
    return list(plan.tasks.order_by("position", "id"))


@transaction.atomic
def plan_create(
    *,
    actor,
    unit: OrgUnit,
    title: str,
    period_start: int,
    period_end: int,
    place: str = "",
    is_public: bool = False,
    signer_name: str = "",
    signer_position: str = "",
    signature_mode: str = "",
    recipients: str = "",
    legal_bases: Sequence[LegalDocument] = (),
    parent_plan: Plan | None = None,
    standard_sections: bool = True,
) -> Plan:
    """A draft plan of ``unit``, with the three standard sections unless told otherwise."""
    access.require(actor, MANAGE, unit)
    if not unit.is_active:
        raise ValidationFailed(
            _("%(unit)s is no longer active and cannot issue plans.") % {"unit": unit.name},
            field="unit",
        )
    header = _clean_header(
        {
            "title": title,
            "place": place,
            "is_public": is_public,
            "signer_name": signer_name,
            "signer_position": signer_position,
            "signature_mode": signature_mode,
            "recipients": recipients,
        }
    )
    start, end = common.clean_period(period_start, period_end)
    bases = _clean_legal_bases(legal_bases)
    _check_parent(actor, parent_plan)
    plan = Plan.objects.create(
        unit=unit,
        parent_plan=parent_plan,
        period_start=start,
        period_end=end,
        created_by=actor,
        **header,
    )
    _set_legal_bases(plan, bases)
    if standard_sections:
        PlanSection.objects.bulk_create(
            PlanSection(plan=plan, position=i, numeral=numeral, title=section_title)
            for i, (numeral, section_title) in enumerate(STANDARD_SECTIONS)
        )
    audit.record(
        actor,
        "plan.created",
        plan,
        after={**audit.snapshot(plan), "legal_bases": [d.pk for d in bases]},
    )
    return plan


def _apply_header(
    plan: Plan, changes: dict, legal_bases
) -> tuple[dict, dict, list[LegalDocument] | None]:
    """Check ``changes`` and apply them to ``plan`` (unsaved); (before, after, bases)."""
    unknown = set(changes) - set(HEADER_FIELDS)
    if unknown:
        raise TypeError(f"not a header field of a plan: {sorted(unknown)}")
    clean = _clean_header(changes)
    start, end = common.clean_period(
        clean.get("period_start", plan.period_start), clean.get("period_end", plan.period_end)
    )
    clean["period_start"], clean["period_end"] = start, end
    if (start, end) != (plan.period_start, plan.period_end):
        _check_tasks_fit(plan, start, end, plan.issued_on)
    before, after = {}, {}
    for name, value in clean.items():
        if name not in changes and name not in ("period_start", "period_end"):
            continue
        if getattr(plan, name) != value:
            before[name], after[name] = getattr(plan, name), value
            setattr(plan, name, value)
    bases = None
    if legal_bases is not _UNSET:
        bases = _clean_legal_bases(legal_bases)
        old = _legal_basis_ids(plan)
        if [d.pk for d in bases] != old:
            before["legal_bases"], after["legal_bases"] = old, [d.pk for d in bases]
        else:
            bases = None
    return before, after, bases


@transaction.atomic
def plan_update(*, actor, plan: Plan, legal_bases=_UNSET, parent_plan=_UNSET, **changes) -> Plan:
    """Change the header of a draft (title, period, place, signer, recipients, legal bases,
    the plan it implements). An issued plan changes only through ``plan_amend``."""
    access.require(actor, MANAGE, plan)
    if plan.status != PlanStatus.DRAFT:
        raise ConflictError(
            _("This plan has been issued: change it with an amendment, giving the reason."),
            code="plan_issued",
        )
    before, after, bases = _apply_header(plan, changes, legal_bases)
    if parent_plan is not _UNSET and parent_plan != plan.parent_plan:
        if parent_plan is not None and parent_plan.pk == plan.pk:
            raise ValidationFailed(_("A plan cannot implement itself."), field="parent_plan")
        _check_parent(actor, parent_plan)
        before["parent_plan"] = plan.parent_plan_id
        after["parent_plan"] = parent_plan.pk if parent_plan else None
        plan.parent_plan = parent_plan
    if not after:
        return plan
    plan.save()
    if bases is not None:
        _set_legal_bases(plan, bases)
    audit.record(actor, "plan.updated", plan, before=before, after=after)
    return plan


@transaction.atomic
def plan_delete(*, actor, plan: Plan) -> None:
    """Delete a draft with its sections and tasks. An issued plan is never deleted."""
    access.require(actor, MANAGE, plan)
    if plan.status != PlanStatus.DRAFT:
        raise ConflictError(_("An issued plan cannot be deleted."), code="plan_issued")
    if plan.implementing_plans.exists():
        raise ConflictError(
            _("Other plans name this one as the plan they implement; it cannot be deleted.")
        )
    snapshot = audit.snapshot(plan)
    audit.record(actor, "plan.deleted", plan, before=snapshot)
    plan.delete()


def _clean_number(number: str, symbol: str, issued_on) -> tuple[str, str, dt.date]:
    number = clean_text(
        number, field="number", label=_("number"), max_length=NUMBER_MAX, required=True
    )
    symbol = "".join(
        clean_text(
            symbol, field="symbol", label=_("symbol"), max_length=SYMBOL_MAX, required=True
        ).split()
    )
    if not isinstance(issued_on, dt.date):
        raise ValidationFailed(_("Enter the issue date."), field="issued_on")
    if issued_on > timezone.localdate():
        raise ValidationFailed(_("The issue date cannot be later than today."), field="issued_on")
    return number, symbol, issued_on


def _check_number_free(plan: Plan, number: str, symbol: str) -> None:
    taken = (
        Plan.objects.filter(unit_id=plan.unit_id, status=PlanStatus.ISSUED, number=number)
        .filter(symbol=symbol)
        .exclude(pk=plan.pk)
    )
    if taken.exists():
        raise ConflictError(
            _("%(unit)s has already issued a plan numbered %(code)s.")
            % {"unit": plan.unit.name, "code": Plan(number=number, symbol=symbol).code},
            field="number",
            code="duplicate_number",
        )


def _save_numbered(plan: Plan, fields: list[str]) -> None:
    """Save; a plan with the same number issued at the same moment is a conflict, not a 500."""
    try:
        with transaction.atomic():
            plan.save(update_fields=[*fields, "updated_at"])
    except IntegrityError:
        raise ConflictError(
            _("%(unit)s has already issued a plan numbered %(code)s.")
            % {"unit": plan.unit.name, "code": plan.code},
            field="number",
            code="duplicate_number",
        ) from None


def _check_ready_to_issue(plan: Plan, issued_on: dt.date) -> None:
    if issued_on.year > plan.period_end:
        raise ValidationFailed(
            _("The plan's period (%(period)s) ended before this issue date.")
            % {"period": plan.period_label},
            field="issued_on",
        )
    leads = set(
        TaskAssignment.objects.filter(task__plan=plan, role="lead").values_list(
            "task_id", flat=True
        )
    )
    for position, task in enumerate(_numbered_tasks(plan), start=1):
        label = _("task %(number)d") % {"number": position}
        if task.pk not in leads:
            raise ValidationFailed(
                _("Choose a lead unit for %(task)s before issuing the plan.") % {"task": label},
                code="no_lead_unit",
            )
        if task.deadline_kind == DeadlineKind.DATE and task.due_date:
            common.check_due_date(
                task.due_date,
                period_start=plan.period_start,
                period_end=plan.period_end,
                issued_on=issued_on,
                field="issued_on",
                task_label=label,
            )


def _roll_recurring(plan: Plan) -> None:
    for task in plan.tasks.filter(deadline_kind=DeadlineKind.RECURRING):
        task.next_due = common.next_due_for(plan, task.deadline_kind, None, task.recurrence)
        task.save(update_fields=["next_due"])


def _fulfil_cascade_request(plan: Plan) -> CascadeRequest | None:
    """The request for this plan from the plan it implements, to the issuing unit or the
    nearest unit above it that was asked."""
    if plan.parent_plan_id is None:
        return None
    candidates = {
        r.unit_id: r
        for r in CascadeRequest.objects.filter(
            plan_id=plan.parent_plan_id,
            unit_id__in=[*plan.unit.ancestor_ids, plan.unit_id],
            implementing_plan__isnull=True,
        )
    }
    for unit_id in [plan.unit_id, *reversed(plan.unit.ancestor_ids)]:
        request = candidates.get(unit_id)
        if request is not None:
            request.implementing_plan = plan
            request.save(update_fields=["implementing_plan"])
            return request
    return None


@transaction.atomic
def plan_issue(*, actor, plan: Plan, number: str, symbol: str, issued_on: dt.date) -> Plan:
    """Number and issue a draft: from now on it is locked (changes are amendments), its
    assignees see it and report progress, and reminders run for its deadlines."""
    access.require(actor, ISSUE, plan)
    plan = Plan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=plan.pk)
    if plan.status != PlanStatus.DRAFT:
        raise ConflictError(_("This plan has already been issued."), code="plan_issued")
    number, symbol, issued_on = _clean_number(number, symbol, issued_on)
    _check_ready_to_issue(plan, issued_on)
    _check_number_free(plan, number, symbol)
    before = audit.snapshot(plan)
    plan.number, plan.symbol, plan.issued_on = number, symbol, issued_on
    plan.status, plan.issued_at, plan.issued_by = PlanStatus.ISSUED, timezone.now(), actor
    _save_numbered(plan, ["number", "symbol", "issued_on", "status", "issued_at", "issued_by"])
    _roll_recurring(plan)
    request = _fulfil_cascade_request(plan)
    audit.record(
        actor,
        "plan.issued",
        plan,
        before=before,
        after={
            **audit.snapshot(plan),
            "fulfils_request": request.pk if request else None,
        },
    )
    from danvan.plans import notices

    notices.plan_issued(plan)
    return plan


@transaction.atomic
def plan_amend(
    *,
    actor,
    plan: Plan,
    reason: str,
    number=_UNSET,
    symbol=_UNSET,
    issued_on=_UNSET,
    legal_bases=_UNSET,
    **changes,
) -> Plan:
    """Change an issued plan's header (its sections and tasks change through their own
    services with a ``reason``). The plan stays issued; the amendment and the audit entry
    keep the reason, what was before and what is now."""
    reason = common.require_editable(actor, plan, reason)
    if plan.status != PlanStatus.ISSUED:
        raise ConflictError(
            _("This plan is still a draft: edit it directly."), code="plan_not_issued"
        )
    plan = Plan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=plan.pk)
    before, after, bases = _apply_header(plan, changes, legal_bases)
    if number is not _UNSET or symbol is not _UNSET or issued_on is not _UNSET:
        new_number, new_symbol, new_issued_on = _clean_number(
            plan.number if number is _UNSET else number,
            plan.symbol if symbol is _UNSET else symbol,
            plan.issued_on if issued_on is _UNSET else issued_on,
        )
        if (new_number, new_symbol) != (plan.number, plan.symbol):
            _check_number_free(plan, new_number, new_symbol)
        if new_issued_on != plan.issued_on:
            _check_tasks_fit(plan, plan.period_start, plan.period_end, new_issued_on)
        for name, value in (
            ("number", new_number),
            ("symbol", new_symbol),
            ("issued_on", new_issued_on),
        ):
            if getattr(plan, name) != value:
                before[name], after[name] = getattr(plan, name), value
                setattr(plan, name, value)
    if not after:
        raise ValidationFailed(_("Nothing was changed."), code="no_change")
    _save_numbered(plan, [name for name in after if name != "legal_bases"])
    if bases is not None:
        _set_legal_bases(plan, bases)
    summary = _("Header changed: %(fields)s") % {"fields": ", ".join(sorted(after))}
    amendment = common.record_amendment(actor, plan, reason, summary)
    audit.record(
        actor,
        "plan.amended",
        plan,
        before=before,
        after={**after, "reason": reason, "amendment": amendment.pk},
    )
    return plan


@transaction.atomic
def plan_set_public(*, actor, plan: Plan, is_public: bool) -> Plan:
    """Publish an issued plan and its progress on the public site (dân biết, dân kiểm tra),
    or withdraw it. Publishing is the issuer's decision, not an amendment of the text."""
    access.require(actor, ISSUE, plan)
    is_public = bool(is_public)
    if plan.is_public == is_public:
        return plan
    before = {"is_public": plan.is_public}
    plan.is_public = is_public
    plan.save(update_fields=["is_public", "updated_at"])
    audit.record(
        actor, "plan.publicity_changed", plan, before=before, after={"is_public": is_public}
    )
    return plan
