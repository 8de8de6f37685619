"""Forms of the report pages. They read input and call one service; a domain error becomes a
form error on its field (the services name fields as the forms do: value_<id>, section_<key>)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DateInput, ServiceForm
from danvan.reports import selectors, services, sources
from danvan.reports.models import (
    STANDARD_SECTIONS,
    Aggregation,
    ReportKind,
    SelectionMode,
    Submission,
)
from danvan.reports.rules import MANAGE, OPEN, VIEW
from danvan.units.models import OrgUnit


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return obj.name


def _unit_field(label, queryset, **kwargs) -> UnitChoiceField:
    return UnitChoiceField(label=label, queryset=queryset, **kwargs)


# --- Templates -----------------------------------------------------------------------------


class TemplateForm(ServiceForm):
    unit = _unit_field(_("Owner unit"), OrgUnit.objects.none())
    name = forms.CharField(label=_("Name"), max_length=300)
    sections = forms.CharField(
        label=_("Narrative sections"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line, in the order of the report."),
    )

    def __init__(self, *args, actor, template=None, **kwargs):
        self.actor, self.template = actor, template
        initial = kwargs.setdefault("initial", {})
        if template is not None:
            initial.setdefault("name", template.name)
            initial.setdefault("sections", "\n".join(t for _k, t in template.section_list()))
        else:
            initial.setdefault("sections", "\n".join(t for _k, t in STANDARD_SECTIONS))
        super().__init__(*args, **kwargs)
        if template is not None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = selectors.units_managed(actor, MANAGE)
            homes = selectors.home_units(actor, MANAGE)
            if homes:
                initial.setdefault("unit", homes[0].pk)

    def call_service(self):
        data = self.cleaned_data
        sections = data["sections"].splitlines()
        if self.template is None:
            return services.template_create(
                actor=self.actor, unit=data["unit"], name=data["name"], sections=sections
            )
        return services.template_update(
            actor=self.actor, template=self.template, name=data["name"], sections=sections
        )


class IndicatorForm(ServiceForm):
    label = forms.CharField(label=_("Indicator"), max_length=300)
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        required=False,
        help_text=_("Short, letters and digits; matches the same indicator in other rounds."),
    )
    unit_label = forms.CharField(
        label=_("Unit of measure"), max_length=40, required=False, help_text=_("e.g. models, %")
    )
    aggregation = forms.ChoiceField(
        label=_("Consolidated as"), choices=Aggregation.choices, initial=Aggregation.SUM
    )
    integer_only = forms.BooleanField(label=_("Whole numbers only"), required=False, initial=True)
    non_negative = forms.BooleanField(label=_("Not negative"), required=False, initial=True)
    at_most = forms.ModelChoiceField(
        label=_("At most the indicator"), queryset=None, required=False
    )
    source_key = forms.ChoiceField(label=_("Pre-filled from the figure"), required=False)

    def __init__(self, *args, actor, template, **kwargs):
        self.actor, self.template = actor, template
        super().__init__(*args, **kwargs)
        self.fields["at_most"].queryset = template.indicators.all()
        self.fields["source_key"].choices = [("", _("— typed by the unit —"))] + [
            (key, f"{figure.label} ({figure.unit})")
            for key, figure in sorted(sources.known_figures().items())
        ]

    def call_service(self):
        return services.indicator_add(actor=self.actor, template=self.template, **self.cleaned_data)


# --- Rounds --------------------------------------------------------------------------------


class RoundForm(ServiceForm):
    unit = _unit_field(_("Opened by"), OrgUnit.objects.none())
    recipient = _unit_field(
        _("Recipient (consolidates)"),
        OrgUnit.objects.none(),
        help_text=_(
            "The unit that receives and consolidates the reports: need not be the "
            "reporting units' parent (Sở Nội vụ consolidates for the province)."
        ),
    )
    template = forms.ModelChoiceField(label=_("Template"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    data_from = forms.DateField(
        label=_("Data from"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for the default: 15/12 of the year before."),
    )
    data_to = forms.DateField(
        label=_("Data cut-off"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for the default: 14/6 (6-month), 14/12 (annual)."),
    )
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Leave empty for the default: 10/6 (6-month), 01/11 (annual), 10 working "
            "days otherwise; a day off moves to the next working day."
        ),
    )
    closes_on = forms.DateField(
        label=_("Closes on"),
        required=False,
        widget=DateInput(),
        help_text=_("Late reports are received until this day; leave empty to keep receiving."),
    )
    selection_mode = forms.ChoiceField(
        label=_("Units that must report"),
        choices=SelectionMode.choices,
        widget=forms.RadioSelect,
        initial=SelectionMode.TYPES,
    )
    selection_root = _unit_field(_("Within"), OrgUnit.objects.none(), required=False)
    selection_types = forms.MultipleChoiceField(
        label=_("Unit types"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For example every commune People's Committee and every department."),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Units (for a list)"),
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, actor, **kwargs):
        self.actor = actor
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("year", timezone.localdate().year)
        initial.setdefault("kind", ReportKind.SIX_MONTH)
        super().__init__(*args, **kwargs)
        visible = selectors.units_managed(actor, VIEW)
        self.fields["unit"].queryset = selectors.units_managed(actor, OPEN)
        self.fields["recipient"].queryset = visible
        self.fields["selection_root"].queryset = visible
        self.fields["units"].queryset = visible
        # The select lists hold the likely units; any unit in reach is still accepted.
        homes = selectors.home_units(actor, OPEN)
        children = OrgUnit.objects.filter(parent__in=homes).order_by("name")[:300]
        likely = [*homes, *children]
        for name in ("unit", "recipient", "selection_root"):
            self.fields[name].widget.choices = [("", "---------")] + [
                (u.pk, u.name) for u in likely
            ]
        self.fields["units"].widget.choices = [(u.pk, u.name) for u in children]
        if homes:
            initial.setdefault("unit", homes[0].pk)
            initial.setdefault("recipient", homes[0].pk)
            initial.setdefault("selection_root", homes[0].pk)
        self.fields["template"].queryset = selectors.template_queryset(actor)
        self.fields["selection_types"].choices = services.type_choices()

    def call_service(self):
        data = self.cleaned_data
        return services.round_open(
            actor=self.actor,
            unit=data["unit"],
            recipient=data["recipient"],
            template=data["template"],
            kind=data["kind"],
            title=data["title"],
            year=data["year"],
            data_from=data["data_from"],
            data_to=data["data_to"],
            due_date=data["due_date"],
            closes_on=data["closes_on"],
            selection_mode=data["selection_mode"],
            selection_root=data["selection_root"],
            selection_types=data["selection_types"],
            units=list(data["units"]),
        )


# --- Submissions ---------------------------------------------------------------------------


class SubmissionForm(ServiceForm):
    """The narrative sections and one field per indicator, pre-filled from the known figures."""

    SAVE, SUBMIT = "save", "submit"

    def __init__(self, *args, actor, submission: Submission, indicators, stored, **kwargs):
        self.actor, self.submission = actor, submission
        self.indicators = indicators
        self.action = self.SAVE
        super().__init__(*args, **kwargs)
        known = {}
        pending = [i for i in indicators if i.source_key and i.pk not in stored]
        if pending:
            known = selectors.known_figures_for(submission, pending)
        self.known = known
        for key, title in submission.round.template.section_list():
            self.fields[f"section_{key}"] = forms.CharField(
                label=title,
                required=False,
                max_length=50_000,
                initial=(submission.narrative or {}).get(key, ""),
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        for indicator in indicators:
            row = stored.get(indicator.pk)
            value = row.value if row is not None else known.get(indicator.pk)
            field = forms.CharField(
                label=indicator.label,
                required=False,
                max_length=30,
                initial=_plain(value),
                widget=forms.TextInput(
                    attrs={"inputmode": "numeric" if indicator.integer_only else "decimal"}
                ),
            )
            field.indicator = indicator
            field.row = row
            field.known = row.prefilled if row is not None else known.get(indicator.pk)
            self.fields[f"value_{indicator.pk}"] = field
            if indicator.source_key:
                self.fields[f"note_{indicator.pk}"] = forms.CharField(
                    label=_("Why the figure differs from the system's"),
                    required=False,
                    max_length=500,
                    initial=row.note if row is not None else "",
                )

    def section_fields(self):
        return [self[name] for name in self.fields if name.startswith("section_")]

    def value_fields(self):
        rows = []
        for indicator in self.indicators:
            bound = self[f"value_{indicator.pk}"]
            note = self[f"note_{indicator.pk}"] if f"note_{indicator.pk}" in self.fields else None
            rows.append(
                {
                    "field": bound,
                    "indicator": indicator,
                    "note": note,
                    "known": bound.field.known,
                    "row": bound.field.row,
                }
            )
        return rows

    def call_service(self):
        data = self.cleaned_data
        narrative = {
            name.removeprefix("section_"): value
            for name, value in data.items()
            if name.startswith("section_")
        }
        values = {i.pk: data.get(f"value_{i.pk}") for i in self.indicators}
        notes = {
            i.pk: data.get(f"note_{i.pk}", "") for i in self.indicators if f"note_{i.pk}" in data
        }
        service = (
            services.submission_submit if self.action == self.SUBMIT else services.submission_save
        )
        return service(
            actor=self.actor,
            submission=self.submission,
            narrative=narrative,
            values=values,
            notes=notes,
        )


def _plain(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


class ReviewForm(ServiceForm):
    comment = forms.CharField(
        label=_("Comments"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to return the report: say what must be corrected."),
    )

    def __init__(self, *args, actor, submission, **kwargs):
        self.actor, self.submission = actor, submission
        self.accept = False
        super().__init__(*args, **kwargs)

    def call_service(self):
        if self.accept:
            return services.submission_accept(
                actor=self.actor, submission=self.submission, comment=self.cleaned_data["comment"]
            )
        return services.submission_return(
            actor=self.actor, submission=self.submission, comment=self.cleaned_data["comment"]
        )


class FillFromForm(ServiceForm):
    source_round = forms.ModelChoiceField(label=_("Consolidated round"), queryset=None)

    def __init__(self, *args, actor, submission, rounds, **kwargs):
        self.actor, self.submission = actor, submission
        super().__init__(*args, **kwargs)
        from danvan.reports.models import ReportRound

        self.fields["source_round"].queryset = ReportRound.objects.filter(
            pk__in=[r.pk for r in rounds]
        )

    def call_service(self):
        return services.submission_fill_from_round(
            actor=self.actor,
            submission=self.submission,
            source_round=self.cleaned_data["source_round"],
        )


class DatesForm(ServiceForm):
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())
    closes_on = forms.DateField(label=_("Closes on"), required=False, widget=DateInput())

    def __init__(self, *args, actor, report_round, **kwargs):
        self.actor, self.report_round = actor, report_round
        kwargs.setdefault(
            "initial", {"due_date": report_round.due_date, "closes_on": report_round.closes_on}
        )
        super().__init__(*args, **kwargs)

    def call_service(self):
        return services.round_update_dates(
            actor=self.actor, report_round=self.report_round, **self.cleaned_data
        )
