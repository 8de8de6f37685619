"""Forms of the inspection pages; each calls one service. Forms shown together on the inspection
page carry a prefix of their own (no two fields share an id)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.pickers import PickerField
from danvan.oversight import widgets
from danvan.oversight.inspections import services
from danvan.oversight.models import DocumentPart, FindingKind, TeamRole, Topic


class TopicsField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget", forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})
        )
        super().__init__(queryset=Topic.objects.filter(is_active=True), **kwargs)


class _PlanFields(widgets.OversightForm):
    title = forms.CharField(label=_("Title"), max_length=500)
    number = forms.CharField(
        label=_("Number and symbol of the plan"),
        max_length=60,
        required=False,
        help_text=_("For example: 25/KH-SNV"),
    )
    period_start = widgets.date(_("From"))
    period_end = widgets.date(_("To"))
    topics = TopicsField(label=_("Topics"))
    task_assignment = PickerField(
        "oversight.tasks",
        label=_("Task of an issued plan it carries out (optional)"),
        required=False,
        placeholder=_("Type words of the task or of the plan"),
    )
    report_to = PickerField(
        "oversight.addressees", label=_("Report the results to (optional)"), required=False
    )
    report_due = widgets.date(_("Report by"), required=False)
    note = widgets.text(_("Note"))


class PlanForm(_PlanFields):
    unit = PickerField("oversight.issuers", label=_("Organising unit"))
    field_order = ["unit"]

    def call_service(self):
        return services.inspection_plan_create(actor=self.actor, **self.cleaned_data)


class PlanEditForm(_PlanFields):
    def __init__(self, data=None, *, plan, **kwargs):
        self.plan = plan
        initial = {
            name: getattr(plan, name) for name in _PlanFields.base_fields if name != "topics"
        }
        initial["topics"] = list(plan.topics.values_list("pk", flat=True))
        initial["task_assignment"] = plan.task_assignment_id
        initial["report_to"] = plan.report_to_id
        super().__init__(data, initial=initial, **kwargs)
        self.guard_edit(
            plan, {"title": _("Title"), "period_start": _("From"), "period_end": _("To")}
        )

    def call_service(self):
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "seen")}
        return services.inspection_plan_update(
            actor=self.actor, plan=self.plan, version=self.version, **data
        )


class ReportedForm(widgets.OversightForm):
    prefix = "reported"
    reported_on = widgets.date(_("Reported on"))

    def __init__(self, data=None, *, plan, **kwargs):
        self.plan = plan
        super().__init__(data, **kwargs)

    def call_service(self):
        return services.inspection_plan_reported(
            actor=self.actor, plan=self.plan, **self.cleaned_data
        )


class InspectionAddForm(widgets.OversightForm):
    prefix = "add"
    unit = PickerField("oversight.addressees", label=_("Unit to inspect"))
    starts_on = widgets.date(_("First day"))
    ends_on = widgets.date(_("Last day"))

    def __init__(self, data=None, *, plan, **kwargs):
        self.plan = plan
        super().__init__(data, **kwargs)

    def call_service(self):
        return services.inspection_add(actor=self.actor, plan=self.plan, **self.cleaned_data)


class _InspectionForm(widgets.OversightForm):
    def __init__(self, data=None, files=None, *, inspection, **kwargs):
        self.inspection = inspection
        super().__init__(data, files, **kwargs)


class RescheduleForm(_InspectionForm):
    prefix = "dates"
    starts_on = widgets.date(_("First day"))
    ends_on = widgets.date(_("Last day"))

    def __init__(self, data=None, files=None, *, inspection, **kwargs):
        kwargs.setdefault(
            "initial", {"starts_on": inspection.starts_on, "ends_on": inspection.ends_on}
        )
        super().__init__(data, files, inspection=inspection, **kwargs)
        self.guard_edit(inspection, {"starts_on": _("First day"), "ends_on": _("Last day")})

    def call_service(self):
        return services.inspection_reschedule(
            actor=self.actor,
            inspection=self.inspection,
            version=self.version,
            starts_on=self.cleaned_data["starts_on"],
            ends_on=self.cleaned_data["ends_on"],
        )


class MemberForm(_InspectionForm):
    prefix = "member"
    user = PickerField(
        "oversight.people", label=_("Person"), placeholder=_("Type part of the person's name")
    )
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices, initial=TeamRole.MEMBER)

    def call_service(self):
        return services.team_member_add(
            actor=self.actor, inspection=self.inspection, **self.cleaned_data
        )


class NoticeForm(_InspectionForm):
    prefix = "notice"
    notice_number = forms.CharField(label=_("Number and symbol of the notice"), max_length=60)
    notice_date = widgets.date(_("Date of the notice"))
    notice_text = widgets.text(_("What the unit is asked to prepare"), rows=3)
    self_report_due = widgets.date(_("Self-report due by"), required=False)
    files = widgets.MultipleFileField(label=_("The notice (file)"))

    def call_service(self):
        return services.inspection_notify(
            actor=self.actor, inspection=self.inspection, **self.cleaned_data
        )


class SelfReportForm(_InspectionForm):
    prefix = "self"
    text = widgets.text(_("Self-report"), rows=6, required=True, max_length=services.TEXT_MAX)
    files = widgets.MultipleFileField(label=_("Files of the self-report"))

    def call_service(self):
        return services.self_report_submit(
            actor=self.actor, inspection=self.inspection, **self.cleaned_data
        )


class RecordForm(_InspectionForm):
    prefix = "record"
    held_on = widgets.date(_("Date"))
    place = forms.CharField(label=_("Place"), max_length=services.LINE_MAX, required=False)
    participants = widgets.text(_("Participants"), rows=2)
    content = widgets.text(
        _("Content of the record"), rows=5, required=True, max_length=services.TEXT_MAX
    )
    files = widgets.MultipleFileField(label=_("Signed record (scan)"))

    def call_service(self):
        return services.working_record_add(
            actor=self.actor, inspection=self.inspection, **self.cleaned_data
        )


class FindingForm(_InspectionForm):
    prefix = "finding"
    kind = forms.ChoiceField(label=_("Kind"), choices=FindingKind.choices)
    text = widgets.text(_("Finding"), rows=2, required=True)

    def call_service(self):
        return services.finding_add(
            actor=self.actor, inspection=self.inspection, **self.cleaned_data
        )


class DocumentForm(_InspectionForm):
    prefix = "document"
    part = forms.ChoiceField(
        label=_("Part"), choices=DocumentPart.choices, initial=DocumentPart.OTHER
    )
    files = widgets.MultipleFileField(label=_("Files"))

    def call_service(self):
        return services.document_add(
            actor=self.actor, inspection=self.inspection, **self.cleaned_data
        )


class ConclusionForm(_InspectionForm):
    prefix = "conclusion"
    conclusion_number = forms.CharField(
        label=_("Number"), max_length=20, help_text=_("For example: 12")
    )
    conclusion_symbol = forms.CharField(
        label=_("Symbol"),
        max_length=60,
        help_text=_("For example: TB-SNV (state) or TB/BTGDVTU (Party)"),
    )
    conclusion_date = widgets.date(_("Date of the conclusion"))
    conclusion_text = widgets.text(
        _("Conclusion"),
        rows=8,
        required=True,
        max_length=services.TEXT_MAX,
        help_text=_("Results, strengths, shortcomings and their causes; one paragraph a line."),
    )
    signer_name = forms.CharField(label=_("Signer"), max_length=150, required=False)
    signer_position = forms.CharField(label=_("Signer's position"), max_length=150, required=False)
    recipients = widgets.text(
        _("Recipients"), rows=3, help_text=_("One per line."), max_length=2000
    )

    def __init__(self, data=None, files=None, *, inspection, **kwargs):
        super().__init__(data, files, inspection=inspection, **kwargs)
        self.guard_edit(inspection, {"status": _("Status")})

    def call_service(self):
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "seen")}
        return services.inspection_conclude(
            actor=self.actor, inspection=self.inspection, version=self.version, **data
        )
