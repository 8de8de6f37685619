"""Forms of village matters: prepare, record a tally, run an online vote, send, recognise; the
household list; and the public ballot."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DateField, IntegerField, ServiceForm
from danvan.core.pickers import PickerField
from danvan.democracy.forms import Honeypot, TimeField, check_moment, moment, name_pickers
from danvan.democracy.models import Choice, DecisionForm, MatterKind
from danvan.democracy.services import decisions as services


class MatterForm(ServiceForm):
    village = PickerField("democracy.villages", label=_("Village or residential group"))
    kind = forms.ChoiceField(label=_("What the village decides"), choices=MatterKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    proposed_text = forms.CharField(
        label=_("Proposed text"), widget=forms.Textarea(attrs={"rows": 5})
    )
    households = IntegerField(
        label=_("Households of the village"),
        required=False,
        help_text=_("Leave empty to count the village's household list."),
    )
    form = forms.ChoiceField(
        label=_("Decided by"), choices=DecisionForm.choices, widget=forms.RadioSelect
    )
    opens_on = DateField(label=_("Online vote opens on"), required=False)
    opens_time = TimeField(label=_("at"), required=False)
    closes_on = DateField(label=_("Online vote closes on"), required=False)
    closes_time = TimeField(label=_("at"), required=False)
    field_aliases = {"opens_at": "opens_on", "closes_at": "closes_on"}

    def __init__(self, *args, matter=None, **kwargs):
        self.matter = matter
        if matter is not None:
            local = timezone.localtime
            kwargs.setdefault(
                "initial",
                {
                    "kind": matter.kind,
                    "title": matter.title,
                    "proposed_text": matter.proposed_text,
                    "households": matter.households,
                    "form": matter.form,
                    "opens_on": local(matter.opens_at).date() if matter.opens_at else None,
                    "opens_time": local(matter.opens_at).time() if matter.opens_at else None,
                    "closes_on": local(matter.closes_at).date() if matter.closes_at else None,
                    "closes_time": local(matter.closes_at).time() if matter.closes_at else None,
                },
            )
        super().__init__(*args, **kwargs)
        if matter is not None:
            del self.fields["village"]
            self.guard_edit(
                matter,
                {
                    "title": _("Title"),
                    "proposed_text": _("Proposed text"),
                    "households": _("Households"),
                },
            )
        name_pickers(self)

    def clean(self):
        data = super().clean()
        check_moment(self, "opens_on", "opens_time")
        check_moment(self, "closes_on", "closes_time")
        return data

    def call_service(self):
        data = self.cleaned_data
        common = {
            "kind": data["kind"],
            "title": data["title"],
            "proposed_text": data["proposed_text"],
            "households": data["households"],
            "form": data["form"],
            "opens_at": moment(data.get("opens_on"), data.get("opens_time")),
            "closes_at": moment(data.get("closes_on"), data.get("closes_time")),
        }
        if self.matter is None:
            return services.matter_create(actor=self.actor, village=data["village"], **common)
        return services.matter_update(
            actor=self.actor, matter=self.matter, version=self.version, **common
        )


class TallyForm(ServiceForm):
    held_on = DateField(label=_("Held on"))
    ballots_issued = IntegerField(label=_("Ballots issued"), required=False)
    taking_part = IntegerField(label=_("Households taking part"))
    agreeing = IntegerField(label=_("Households agreeing"))
    disagreeing = IntegerField(label=_("Households disagreeing"))
    invalid = IntegerField(label=_("Invalid ballots"), required=False)
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    is_public = forms.BooleanField(
        label=_("Publish the result on the commune's public page"), required=False, initial=True
    )

    def __init__(self, *args, matter, **kwargs):
        self.matter = matter
        super().__init__(*args, **kwargs)
        if matter.form == DecisionForm.MEETING:
            del self.fields["ballots_issued"], self.fields["invalid"]
            self.fields["taking_part"].label = _("Households represented at the meeting")
        else:
            self.fields["ballots_issued"].required = True
            self.fields["taking_part"].label = _("Ballots returned")
            self.fields["minutes"].label = _("Record of the count")
        self.guard_edit(matter, {"status": _("Status")})

    def call_service(self):
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "seen")}
        return services.tally_record(
            actor=self.actor, matter=self.matter, version=self.version, **data
        )


class MatterActionForm(ServiceForm):
    """A step without input: open the vote, count it, send the result (the version guards it)."""

    def __init__(self, *args, matter, action, **kwargs):
        self.matter, self.action = matter, action
        super().__init__(*args, **kwargs)
        self.guard_edit(matter, {"status": _("Status")})

    def call_service(self):
        if self.action == "open":
            return services.vote_open(actor=self.actor, matter=self.matter, version=self.version)
        if self.action == "count":
            return services.online_result_record(actor=self.actor, matter=self.matter)
        if self.action == "send":
            return services.matter_send(actor=self.actor, matter=self.matter)
        raise ValueError(self.action)


class ExtendForm(ServiceForm):
    closes_on = DateField(label=_("New closing day"))
    closes_time = TimeField(label=_("at"))
    field_aliases = {"closes_at": "closes_on"}

    def __init__(self, *args, matter, **kwargs):
        self.matter = matter
        super().__init__(*args, **kwargs)
        self.guard_edit(matter, {"closes_at": _("Closes at")})

    def call_service(self):
        closes_at = moment(self.cleaned_data["closes_on"], self.cleaned_data["closes_time"])
        return services.vote_extend(
            actor=self.actor, matter=self.matter, closes_at=closes_at, version=self.version
        )


class CancelForm(ServiceForm):
    reason = forms.CharField(
        label=_("Why it is cancelled"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, matter, **kwargs):
        self.matter = matter
        super().__init__(*args, **kwargs)

    def call_service(self):
        return services.matter_cancel(
            actor=self.actor, matter=self.matter, reason=self.cleaned_data["reason"]
        )


class RecogniseForm(ServiceForm):
    decision = forms.ChoiceField(
        label=_("The commune"),
        choices=[("yes", _("recognises the result")), ("no", _("does not recognise it"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Decision number, or the reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, matter, **kwargs):
        self.matter = matter
        super().__init__(*args, **kwargs)

    def call_service(self):
        return services.matter_recognise(
            actor=self.actor,
            matter=self.matter,
            recognised=self.cleaned_data["decision"] == "yes",
            note=self.cleaned_data["note"],
        )


class HouseholdForm(ServiceForm):
    head_name = forms.CharField(label=_("Head of household"), max_length=150)
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    members = IntegerField(label=_("Members"), required=False)

    def __init__(self, *args, village, **kwargs):
        self.village = village
        super().__init__(*args, **kwargs)

    def call_service(self):
        return services.household_add(actor=self.actor, village=self.village, **self.cleaned_data)


class BallotForm(forms.Form):
    """The public ballot: the code on the household's slip and its choice."""

    code = forms.CharField(
        label=_("Code on your household's slip"),
        max_length=64,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    choice = forms.ChoiceField(
        label=_("Your household's vote"), choices=Choice.choices, widget=forms.RadioSelect
    )
    website = Honeypot()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from danvan.core.forms import style

        style(self)
