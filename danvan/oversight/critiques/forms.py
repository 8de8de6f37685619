"""Forms of social critique; each calls one service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.pickers import PickerField, PickerMultipleField
from danvan.oversight import widgets
from danvan.oversight.critiques import services
from danvan.oversight.models import DraftKind
from danvan.oversight.recommendations.forms import TopicField


class CritiqueForm(widgets.OversightForm):
    unit = PickerField("oversight.issuers", label=_("Drafting unit"))
    kind = forms.ChoiceField(label=_("Kind of draft"), choices=DraftKind.choices)
    title = forms.CharField(label=_("Draft"), max_length=500)
    summary = widgets.text(_("Summary of the draft"), rows=4)
    topic = TopicField()
    organisations = PickerMultipleField(
        "oversight.addressees", label=_("Organisations asked to critique"), max_count=50
    )
    published_on = widgets.date(_("Published for critique on"))
    critique_due = widgets.date(_("Critiques due by"))
    answer_due = widgets.date(_("Answers due by"))

    def call_service(self):
        return services.critique_create(actor=self.actor, **self.cleaned_data)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class SubmitForm(widgets.OversightForm):
    prefix = "submit"
    organisation = UnitChoiceField(label=_("Your organisation"), queryset=None)
    reference = forms.CharField(
        label=_("Number and symbol of the critique"), max_length=60, required=False
    )
    submitted_on = widgets.date(_("Sent on"))
    summary = widgets.text(_("General opinion"), rows=2)
    points = widgets.text(
        _("Points of critique"),
        rows=6,
        required=True,
        max_length=services.POINT_MAX * 20,
        help_text=_("One point per line: each is answered on its own."),
    )

    def __init__(self, data=None, *, critique, organisations, **kwargs):
        self.critique = critique
        super().__init__(data, **kwargs)
        from danvan.units.models import OrgUnit

        self.fields["organisation"].queryset = OrgUnit.objects.filter(
            pk__in=[o.pk for o in organisations]
        )
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk

    def call_service(self):
        data = dict(self.cleaned_data)
        data["points"] = [line for line in data["points"].splitlines() if line.strip()]
        return services.critique_submit(actor=self.actor, critique=self.critique, **data)


class PointForm(widgets.OversightForm):
    text = widgets.text(_("Another point"), rows=2, required=True, max_length=services.POINT_MAX)

    def __init__(self, data=None, *, submission, **kwargs):
        self.submission = submission
        super().__init__(data, prefix=f"point{submission.pk}", **kwargs)

    def call_service(self):
        return services.critique_point_add(
            actor=self.actor, submission=self.submission, **self.cleaned_data
        )


class FinalForm(widgets.OversightForm):
    prefix = "final"
    final_number = forms.CharField(label=_("Number and symbol of the final text"), max_length=60)
    final_date = widgets.date(_("Date of the final text"))
    signer_name = forms.CharField(label=_("Signer"), max_length=150, required=False)
    signer_position = forms.CharField(label=_("Signer's position"), max_length=150, required=False)

    def __init__(self, data=None, *, critique, **kwargs):
        self.critique = critique
        super().__init__(data, **kwargs)
        self.guard_edit(critique, {"status": _("Status")})

    def call_service(self):
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "seen")}
        return services.critique_issue_final(
            actor=self.actor, critique=self.critique, version=self.version, **data
        )
