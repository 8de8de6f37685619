"""Forms of the follow-up pages: an assignee's status report, the cascade."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core import files as evidence
from danvan.core.forms import DateInput, ServiceForm
from danvan.plans import selectors, services
from danvan.plans.forms.authoring import UnitsField
from danvan.plans.models import AssignmentStatus, Plan
from danvan.plans.widgets import MultipleFileField


class StatusForm(ServiceForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=AssignmentStatus.choices, widget=forms.RadioSelect
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("How far your unit's part has come, from 0 to 100."),
    )
    note = forms.CharField(
        label=_("Progress note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done, what remains, any difficulty."),
    )
    files = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, Word (.docx), Excel (.xlsx), JPEG or PNG; at most 10 MB each."),
    )

    def __init__(self, *args, actor, assignment, **kwargs):
        self.actor, self.assignment = actor, assignment
        kwargs.setdefault("initial", {"status": assignment.status, "progress": assignment.progress})
        super().__init__(*args, **kwargs)
        self.fields["files"].widget.attrs["accept"] = evidence.ACCEPT

    def call_service(self):
        data = self.cleaned_data
        return services.assignment_update_status(
            actor=self.actor,
            assignment=self.assignment,
            status=data["status"],
            progress=data["progress"],
            note=data["note"],
            files=data["files"] or [],
        )


class CascadeForm(ServiceForm):
    units = UnitsField(label=_("Units that must issue an implementing plan"))
    due_date = forms.DateField(
        label=_("Issue by"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty if there is no date."),
    )

    def __init__(self, *args, actor, plan: Plan, options_url="", **kwargs):
        self.actor, self.plan = actor, plan
        super().__init__(*args, **kwargs)
        field = self.fields["units"]
        field.queryset = services.assignable_units(plan.unit).exclude(pk=plan.unit_id)
        chosen = []
        if self.is_bound and hasattr(self.data, "getlist"):
            chosen = [int(v) for v in self.data.getlist("units") if str(v).isdigit()]
        field.widget.search_url = options_url
        field.widget.options = [
            (u.pk, selectors.unit_label(u))
            for u in selectors.unit_candidates(plan, set(chosen))
            if u.pk != plan.unit_id
        ]

    def call_service(self):
        return services.plan_cascade(
            actor=self.actor,
            plan=self.plan,
            units=list(self.cleaned_data["units"]),
            due_date=self.cleaned_data["due_date"],
        )
