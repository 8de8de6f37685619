"""Forms of the reception, voter-petition and dialogue pages. Each validates the input and calls
one service in ``save``; an error the service raises lands next to the field it names."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DateInput, ServiceForm
from danvan.petitions.models import MatterOutcome, RecurrenceKind, SessionKind, Weekday
from danvan.petitions.reception import selectors, services


def _date(label, required=True, **kwargs):
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


def _text(label, rows=3, required=False, max_length=services.TEXT_MAX, **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ScheduleForm(ServiceForm):
    unit = UnitChoiceField(label=_("Unit"), queryset=None)
    kind = forms.ChoiceField(label=_("Repeats"), choices=RecurrenceKind.choices)
    weekday = forms.TypedChoiceField(
        label=_("Day of the week"),
        choices=[("", "—"), *Weekday.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    day_of_month = forms.IntegerField(
        label=_("Day of the month"), required=False, min_value=1, max_value=31
    )
    receiver = forms.CharField(
        label=_("Who receives"),
        max_length=services.LINE_MAX,
        help_text=_("For example: Chủ tịch UBND xã Nguyễn Văn A"),
    )
    place = forms.CharField(label=_("Place"), max_length=services.PLACE_MAX)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"].queryset = selectors.managed_units(self.actor)

    def call_service(self):
        data = self.cleaned_data
        return services.schedule_create(actor=self.actor, **data)


class SessionForm(ServiceForm):
    unit = UnitChoiceField(label=_("Unit"), queryset=None)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=SessionKind.choices, initial=SessionKind.SCHEDULED
    )
    held_on = _date(_("Date"))
    receiver = forms.CharField(label=_("Who received"), max_length=services.LINE_MAX)
    place = forms.CharField(label=_("Place"), max_length=services.PLACE_MAX, required=False)
    individuals = forms.IntegerField(
        label=_("Individuals received"), min_value=0, max_value=services.MAX_COUNT, initial=0
    )
    groups = forms.IntegerField(
        label=_("Groups received"), min_value=0, max_value=services.MAX_COUNT, initial=0
    )
    group_members = forms.IntegerField(
        label=_("People in the groups"),
        min_value=0,
        max_value=services.MAX_COUNT,
        initial=0,
        help_text=_("Head count of all the groups together."),
    )
    summary = _text(_("What was done"))

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"].queryset = selectors.managed_units(self.actor)
        self.fields["held_on"].initial = timezone.localdate()
        self.fields["held_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def call_service(self):
        data = dict(self.cleaned_data)
        unit = data["unit"]
        schedule = None
        if data["kind"] == SessionKind.SCHEDULED:
            schedule = unit.reception_schedules.filter(is_active=True).order_by("id").first()
        return services.session_record(actor=self.actor, schedule=schedule, **data)


class SessionEditForm(ServiceForm):
    held_on = _date(_("Date"))
    receiver = forms.CharField(label=_("Who received"), max_length=services.LINE_MAX)
    place = forms.CharField(label=_("Place"), max_length=services.PLACE_MAX, required=False)
    individuals = forms.IntegerField(
        label=_("Individuals received"), min_value=0, max_value=services.MAX_COUNT
    )
    groups = forms.IntegerField(
        label=_("Groups received"), min_value=0, max_value=services.MAX_COUNT
    )
    group_members = forms.IntegerField(
        label=_("People in the groups"),
        min_value=0,
        max_value=services.MAX_COUNT,
        help_text=_("Head count of all the groups together."),
    )
    summary = _text(_("What was done"))

    def __init__(self, data=None, *, session, **kwargs):
        self.session = session
        initial = {name: getattr(session, name) for name in self.base_fields}
        super().__init__(data, initial=initial, **kwargs)
        self.fields["held_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def call_service(self):
        return services.session_update(actor=self.actor, session=self.session, **self.cleaned_data)


def _case_kinds():
    from danvan.petitions.models import CaseKind

    return [("", "—"), *CaseKind.choices]


def _case_fields():
    from danvan.petitions.models import CaseField

    return CaseField.objects.all()


class MatterForm(ServiceForm):
    petitioner = forms.CharField(label=_("Raised by"), max_length=services.LINE_MAX, required=False)
    people = forms.IntegerField(
        label=_("Number of people"), min_value=1, max_value=services.MAX_COUNT, initial=1
    )
    content = _text(_("Matter"), required=True)
    outcome = forms.ChoiceField(label=_("What was done"), choices=MatterOutcome.choices)
    action = _text(_("Details of what was done"), rows=2)
    case_kind = forms.ChoiceField(
        label=_("Kind of case"),
        choices=(),
        required=False,
        help_text=_("When the matter is received as a case."),
    )
    case_field = forms.ModelChoiceField(label=_("Field"), queryset=None, required=False)

    def __init__(self, data=None, *, session, **kwargs):
        self.session = session
        super().__init__(data, **kwargs)
        self.fields["case_kind"].choices = _case_kinds()
        self.fields["case_field"].queryset = _case_fields()

    def call_service(self):
        return services.matter_add(actor=self.actor, session=self.session, **self.cleaned_data)


class MatterCaseForm(ServiceForm):
    case_kind = forms.ChoiceField(label=_("Kind of case"), choices=())
    case_field = forms.ModelChoiceField(label=_("Field"), queryset=None, required=False)

    def __init__(self, data=None, *, matter, **kwargs):
        self.matter = matter
        super().__init__(data, **kwargs)
        self.fields["case_kind"].choices = _case_kinds()
        self.fields["case_field"].queryset = _case_fields()

    def call_service(self):
        return services.matter_to_case(actor=self.actor, matter=self.matter, **self.cleaned_data)


class VoterMeetingForm(ServiceForm):
    unit = UnitChoiceField(label=_("Organising unit"), queryset=None)
    held_on = _date(_("Date"))
    place = forms.CharField(label=_("Place"), max_length=services.PLACE_MAX)
    deputies = _text(_("Deputies"), required=True, help_text=_("One per line."))
    voters = forms.IntegerField(
        label=_("Voters attending"), min_value=0, max_value=services.MAX_COUNT, initial=0
    )
    note = _text(_("Note"), rows=2)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"].queryset = selectors.managed_units(self.actor)
        self.fields["held_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def call_service(self):
        return services.voter_meeting_record(actor=self.actor, **self.cleaned_data)


class VoterPetitionForm(ServiceForm):
    content = _text(_("Petition"), required=True)
    raised_by = forms.CharField(label=_("Raised by"), max_length=services.LINE_MAX, required=False)

    def __init__(self, data=None, *, meeting, **kwargs):
        self.meeting = meeting
        super().__init__(data, **kwargs)

    def call_service(self):
        return services.voter_petition_add(
            actor=self.actor, meeting=self.meeting, **self.cleaned_data
        )


class ForwardForm(ServiceForm):
    agency = UnitChoiceField(label=_("Competent agency"), queryset=None)
    forwarded_on = _date(_("Forwarded on"))
    answer_due = _date(
        _("Answer due by"),
        required=False,
        help_text=_("Empty: 30 days after forwarding (next working day)."),
    )

    def __init__(self, data=None, *, petition, **kwargs):
        self.petition = petition
        super().__init__(data, **kwargs)
        self.fields["agency"].queryset = services.forwardable_agencies(
            petition.meeting.unit
        ).order_by("path")
        self.fields["forwarded_on"].initial = timezone.localdate()

    def call_service(self):
        return services.voter_petition_forward(
            actor=self.actor, petition=self.petition, **self.cleaned_data
        )


class AnswerForm(ServiceForm):
    answer = _text(_("Answer"), rows=4, required=True)
    answered_on = _date(_("Answered on"))

    def __init__(self, data=None, *, petition, **kwargs):
        self.petition = petition
        super().__init__(data, **kwargs)
        self.fields["answered_on"].initial = timezone.localdate()

    def call_service(self):
        return services.voter_petition_answer(
            actor=self.actor, petition=self.petition, **self.cleaned_data
        )


class DialogueForm(ServiceForm):
    unit = UnitChoiceField(label=_("Unit"), queryset=None)
    held_on = _date(_("Date"))
    topic = forms.CharField(label=_("Topic"), max_length=300)
    chaired_by = forms.CharField(label=_("Chaired by"), max_length=services.LINE_MAX)
    place = forms.CharField(label=_("Place"), max_length=services.PLACE_MAX, required=False)
    participants = forms.IntegerField(
        label=_("People attending"), min_value=0, max_value=services.MAX_COUNT, initial=0
    )
    note = _text(_("Note"), rows=2)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"].queryset = selectors.managed_units(self.actor)
        self.fields["held_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def call_service(self):
        return services.dialogue_record(actor=self.actor, **self.cleaned_data)


class IssueForm(ServiceForm):
    raised_by = forms.CharField(label=_("Raised by"), max_length=services.LINE_MAX, required=False)
    content = _text(_("Issue raised"), required=True)
    response = _text(_("Answer given"), rows=2)
    commitment = _text(
        _("Commitment"),
        rows=2,
        help_text=_("What the head committed to do; it becomes a task with its deadline."),
    )
    committed_unit = UnitChoiceField(label=_("Unit in charge"), queryset=None, required=False)
    due_date = _date(_("Deadline"), required=False)

    def __init__(self, data=None, *, conference, **kwargs):
        from danvan.plans import services as plan_services

        self.conference = conference
        super().__init__(data, **kwargs)
        self.fields["committed_unit"].queryset = plan_services.assignable_units(
            conference.unit
        ).order_by("path")

    def call_service(self):
        return services.dialogue_issue_add(
            actor=self.actor, conference=self.conference, **self.cleaned_data
        )
