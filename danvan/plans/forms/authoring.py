"""Forms that write plans: the header, issuing, sections, tasks and confirmations. Each
calls one service in ``save``; an error it raises lands next to the field it names."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DateInput, ServiceForm
from danvan.documents.models import LegalDocument
from danvan.plans import selectors, services
from danvan.plans.models import (
    DeadlineKind,
    Plan,
    PlanSection,
    PlanStatus,
    SignatureMode,
    Task,
)
from danvan.plans.services import common
from danvan.plans.widgets import CheckboxPicker
from danvan.units.models import OrgUnit


def reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Reason for the amendment"),
        required=False,
        max_length=common.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The plan has been issued: this change is kept in its history."),
    )


def _drop_reason_unless_issued(form, plan: Plan) -> None:
    if plan.status != PlanStatus.ISSUED:
        form.fields.pop("reason", None)
    else:
        form.fields["reason"].required = True


# --- Plan header ---------------------------------------------------------------------------


class LegalBasesField(forms.ModelMultipleChoiceField):
    widget = CheckboxPicker

    def __init__(self, **kwargs):
        super().__init__(
            queryset=LegalDocument.objects.all(),
            required=False,
            label=_("Legal bases (căn cứ)"),
            help_text=_("Find directives, resolutions and decisions by number or title."),
            error_messages={"invalid_choice": _("Choose legal documents from the list.")},
            **kwargs,
        )


class PlanForm(ServiceForm):
    """A new draft (``plan`` None), the header of a draft, or an amendment of an issued plan
    (then a reason is required, and number, symbol and issue date may be corrected)."""

    unit = forms.ModelChoiceField(
        label=_("Issuing unit"),
        queryset=OrgUnit.objects.none(),
        error_messages={"invalid_choice": _("Choose a unit whose plans you manage.")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: Kế hoạch thực hiện công tác dân vận năm 2026."),
    )
    period_start = forms.IntegerField(label=_("First year"), min_value=1945, max_value=2100)
    period_end = forms.IntegerField(
        label=_("Last year"),
        min_value=1945,
        max_value=2100,
        help_text=_("The same year as the first for a plan of one year."),
    )
    number = forms.CharField(label=_("Number"), max_length=20, required=False)
    symbol = forms.CharField(label=_("Symbol"), max_length=60, required=False)
    issued_on = forms.DateField(label=_("Issue date"), required=False, widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    legal_bases = LegalBasesField()
    parent_plan = forms.ModelChoiceField(
        label=_("Plan it implements"),
        queryset=Plan.objects.none(),
        required=False,
        help_text=_("The higher unit's plan this one carries out, if any."),
        error_messages={"invalid_choice": _("Choose an issued plan from the list.")},
    )
    signer_name = forms.CharField(label=_("Signer"), max_length=150, required=False)
    signer_position = forms.CharField(label=_("Signer's position"), max_length=150, required=False)
    signature_mode = forms.ChoiceField(
        label=_("Signing authority"), choices=SignatureMode.choices, required=False
    )
    recipients = forms.CharField(
        label=_("Recipients"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, as printed under “Nơi nhận”."),
    )
    reason = reason_field()

    def __init__(self, *args, actor, plan: Plan | None = None, unit=None, options_url="", **kw):
        self.actor, self.plan = actor, plan
        if plan is not None:
            kw.setdefault(
                "initial",
                {
                    "title": plan.title,
                    "period_start": plan.period_start,
                    "period_end": plan.period_end,
                    "number": plan.number,
                    "symbol": plan.symbol,
                    "issued_on": plan.issued_on,
                    "place": plan.place,
                    "legal_bases": list(plan.basis_links.values_list("document_id", flat=True)),
                    "parent_plan": plan.parent_plan_id,
                    "signer_name": plan.signer_name,
                    "signer_position": plan.signer_position,
                    "signature_mode": plan.signature_mode,
                    "recipients": plan.recipients,
                },
            )
        else:
            year = timezone.localdate().year
            kw.setdefault(
                "initial", {"period_start": year, "period_end": year, "unit": unit and unit.pk}
            )
        super().__init__(*args, **kw)
        self.amending = plan is not None and plan.status == PlanStatus.ISSUED
        if plan is None:
            self.fields["unit"].queryset = selectors.units_for_new_plan(actor)
            self.fields["unit"].widget.choices = [
                (u.pk, u.name) for u in selectors.unit_choices_for_new_plan(actor, unit)
            ]
        else:
            del self.fields["unit"]
        if not self.amending:
            for name in ("number", "symbol", "issued_on", "reason"):
                del self.fields[name]
        else:
            for name in ("number", "symbol", "issued_on", "reason"):
                self.fields[name].required = True
            del self.fields["parent_plan"]
        if "parent_plan" in self.fields:
            field = self.fields["parent_plan"]
            field.queryset = selectors.visible_parent_plans(actor)
            chosen = self._chosen_ids("parent_plan")
            field.widget.choices = [("", _("— none —"))] + [
                (p.pk, str(p)) for p in selectors.parent_plan_choices(actor, chosen)
            ]
        picker = self.fields["legal_bases"].widget
        picker.search_url = options_url
        chosen = self._chosen_ids("legal_bases")  # in the plan's order
        documents = LegalDocument.objects.in_bulk(chosen)
        picker.options = [(pk, str(documents[pk])) for pk in chosen if pk in documents]

    def _chosen_ids(self, name: str) -> list[int]:
        if self.is_bound:
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else []
        else:
            values = self.initial.get(name) or []
            values = values if isinstance(values, list) else [values]
        return [int(v) for v in values if str(v).isdigit()]

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The last year must not be before the first."))
        return data

    def _header(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "title",
                "period_start",
                "period_end",
                "place",
                "signer_name",
                "signer_position",
                "signature_mode",
                "recipients",
            )
        }

    def call_service(self):
        data = self.cleaned_data
        bases = list(data["legal_bases"])
        order = {pk: i for i, pk in enumerate(self._chosen_ids("legal_bases"))}
        bases.sort(key=lambda d: order.get(d.pk, len(order)))
        if self.plan is None:
            return services.plan_create(
                actor=self.actor,
                unit=data["unit"],
                legal_bases=bases,
                parent_plan=data.get("parent_plan"),
                **self._header(),
            )
        if self.amending:
            return services.plan_amend(
                actor=self.actor,
                plan=self.plan,
                reason=data["reason"],
                number=data["number"],
                symbol=data["symbol"],
                issued_on=data["issued_on"],
                legal_bases=bases,
                **self._header(),
            )
        return services.plan_update(
            actor=self.actor,
            plan=self.plan,
            legal_bases=bases,
            parent_plan=data.get("parent_plan"),
            **self._header(),
        )


class IssueForm(ServiceForm):
    number = forms.CharField(label=_("Number"), max_length=20, help_text=_("For example 45."))
    symbol = forms.CharField(
        label=_("Symbol"),
        max_length=60,
        help_text=_("For example KH-UBND (state) or KH/HU (Party)."),
    )
    issued_on = forms.DateField(label=_("Issue date"), widget=DateInput())

    def __init__(self, *args, actor, plan: Plan, **kwargs):
        self.actor, self.plan = actor, plan
        kwargs.setdefault(
            "initial",
            {
                "number": plan.number,
                "symbol": plan.symbol,
                "issued_on": plan.issued_on or timezone.localdate(),
            },
        )
        super().__init__(*args, **kwargs)

    def call_service(self):
        return services.plan_issue(actor=self.actor, plan=self.plan, **self.cleaned_data)


class ConfirmForm(ServiceForm):
    """A button that calls a service (delete a draft, delete a section or task)."""

    reason = reason_field()

    def __init__(self, *args, plan: Plan, service, **kwargs):
        self.service = service
        super().__init__(*args, **kwargs)
        _drop_reason_unless_issued(self, plan)

    def call_service(self):
        return self.service(
            **({"reason": self.cleaned_data["reason"]} if "reason" in self.fields else {})
        )


# --- Sections and tasks --------------------------------------------------------------------


class SectionForm(ServiceForm):
    numeral = forms.CharField(label=_("Numeral"), max_length=10, required=False)
    title = forms.CharField(label=_("Section title"), max_length=300)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The paragraphs of the section; tasks are added separately."),
    )
    reason = reason_field()

    def __init__(self, *args, actor, plan: Plan, section: PlanSection | None = None, **kwargs):
        self.actor, self.plan, self.section = actor, plan, section
        if section is not None:
            kwargs.setdefault(
                "initial",
                {"numeral": section.numeral, "title": section.title, "body": section.body},
            )
        super().__init__(*args, **kwargs)
        _drop_reason_unless_issued(self, plan)

    def call_service(self):
        data = dict(self.cleaned_data)
        data.setdefault("reason", "")
        if self.section is None:
            return services.section_create(actor=self.actor, plan=self.plan, **data)
        return services.section_update(actor=self.actor, section=self.section, **data)


class UnitsField(forms.ModelMultipleChoiceField):
    widget = CheckboxPicker

    def __init__(self, **kwargs):
        super().__init__(
            queryset=OrgUnit.objects.none(),
            error_messages={
                "invalid_choice": _("Choose units of the plan's territory from the list."),
                "invalid_pk_value": _("Choose units of the plan's territory from the list."),
            },
            **kwargs,
        )


class TaskForm(ServiceForm):
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=PlanSection.objects.none(), required=False
    )
    content = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 4}))
    lead_units = UnitsField(
        label=_("Lead units (chủ trì)"),
        required=False,
        help_text=_("At least one. Units of the plan's territory."),
    )
    support_units = UnitsField(label=_("Supporting units (phối hợp)"), required=False)
    deadline_kind = forms.ChoiceField(
        label=_("Deadline"),
        choices=DeadlineKind.choices,
        widget=forms.RadioSelect,
        initial=DeadlineKind.NONE,
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    recurrence = forms.CharField(
        label=_("Dates every year"),
        required=False,
        max_length=200,
        help_text=_("Day/month, separated by commas: 10/6, 01/11."),
    )
    expected_output = forms.CharField(
        label=_("Expected output"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: a report, a model, a conference."),
    )
    reason = reason_field()

    def __init__(
        self,
        *args,
        actor,
        plan: Plan,
        task: Task | None = None,
        section=None,
        options_url="",
        **kwargs,
    ):
        self.actor, self.plan, self.task = actor, plan, task
        if task is not None:
            leads, supports = selectors.task_assignee_units(task)
            kwargs.setdefault(
                "initial",
                {
                    "section": task.section_id,
                    "content": task.content,
                    "lead_units": [u.pk for u in leads],
                    "support_units": [u.pk for u in supports],
                    "deadline_kind": task.deadline_kind,
                    "due_date": task.due_date,
                    "recurrence": task.recurrence_label,
                    "expected_output": task.expected_output,
                },
            )
        elif section is not None:
            kwargs.setdefault("initial", {"section": section.pk})
        super().__init__(*args, **kwargs)
        _drop_reason_unless_issued(self, plan)
        self.fields["section"].queryset = plan.sections.order_by("position", "id")
        allowed = services.assignable_units(plan.unit)
        chosen = set(self._chosen("lead_units")) | set(self._chosen("support_units"))
        candidates = selectors.unit_candidates(plan, chosen)
        for name in ("lead_units", "support_units"):
            field = self.fields[name]
            field.queryset = allowed
            field.widget.search_url = options_url
            field.widget.options = [(u.pk, selectors.unit_label(u)) for u in candidates]

    def _chosen(self, name: str) -> list[int]:
        if self.is_bound:
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else []
        else:
            values = self.initial.get(name) or []
        return [int(v) for v in values if str(v).isdigit()]

    def call_service(self):
        data = self.cleaned_data
        kind = data["deadline_kind"]
        fields = {
            "content": data["content"],
            "lead_units": list(data["lead_units"]),
            "support_units": list(data["support_units"]),
            "deadline_kind": kind,
            "due_date": data["due_date"] if kind == DeadlineKind.DATE else None,
            "recurrence": data["recurrence"] if kind == DeadlineKind.RECURRING else [],
            "expected_output": data["expected_output"],
            "section": data["section"],
            "reason": data.get("reason", ""),
        }
        if self.task is None:
            return services.task_create(actor=self.actor, plan=self.plan, **fields)
        return services.task_update(actor=self.actor, task=self.task, **fields)
