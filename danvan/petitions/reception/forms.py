"""Forms of the reception, voter-petition and dialogue pages: one per action, each calling one
service through the core bridge (``core.forms.ServiceForm``). Units are chosen by typing their
name (pickers), dates typed dd/mm/yyyy, numbers the Vietnamese way; the edit forms carry the
version they were loaded at, so a save over someone else's is refused."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DateField, IntegerField, ServiceForm
from danvan.petitions.models import MatterOutcome, RecurrenceKind, SessionKind, Weekday
from danvan.petitions.pickers import unit_picker
from danvan.petitions.reception import services


def _date(label, required=True, **kwargs):
    return DateField(label=label, required=required, **kwargs)


def _count(label, **kwargs):
    return IntegerField(label=label, min_value=0, max_value=services.MAX_COUNT, **kwargs)


def _text(label, rows=3, required=False, max_length=services.TEXT_MAX, **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def _unit(label, **kwargs):
    """A unit where the actor records sessions, meetings, conferences and reception days."""
    return unit_picker("petitions.meeting-units", label=label, **kwargs)


class ScheduleForm(ServiceForm):
    unit = _unit(
        _("Unit"),
        help_text=_(
            "The People's Committee, the Party committee, the People's Council or the agency "
            "whose head receives citizens."
        ),
    )
    kind = forms.ChoiceField(label=_("Repeats"), choices=RecurrenceKind.choices)
    weekday = forms.TypedChoiceField(
        label=_("Day of the week"),
        choices=[("", "—"), *Weekday.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    day_of_month = IntegerField(
        label=_("Day of the month"),
        required=False,
        min_value=1,
        max_value=31,
        help_text=_("A day off moves the reception to the next working day."),
    )
    receiver = forms.CharField(
        label=_("Who receives"),
        max_length=services.LINE_MAX,
        help_text=_("For example: Chủ tịch UBND xã Nguyễn Văn A"),
    )
    place = forms.CharField(label=_("Place"), max_length=services.PLACE_MAX)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def call_service(self):
        data = self.cleaned_data
        return services.schedule_create(actor=self.actor, **data)


class ScheduleStopForm(ServiceForm):
    def __init__(self, data=None, *, schedule, **kwargs):
        self.schedule = schedule
        super().__init__(data, **kwargs)

    def call_service(self):
        return services.schedule_set_active(
            actor=self.actor, schedule=self.schedule, is_active=False
        )


class SessionForm(ServiceForm):
    unit = _unit(_("Unit"))
    kind = forms.ChoiceField(
        label=_("Kind"), choices=SessionKind.choices, initial=SessionKind.SCHEDULED
    )
    held_on = _date(_("Date"))
    receiver = forms.CharField(label=_("Who received"), max_length=services.LINE_MAX)
    place = forms.CharField(label=_("Place"), max_length=services.PLACE_MAX, required=False)
    individuals = _count(_("Individuals received"), initial=0)
    groups = _count(_("Groups received"), initial=0)
    group_members = _count(
        _("People in the groups"), initial=0, help_text=_("Head count of all the groups together.")
    )
    summary = _text(_("What was done"))

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()

    def call_service(self):
        data = dict(self.cleaned_data)
        unit = data["unit"]
        schedule = None
        if data["kind"] == SessionKind.SCHEDULED:
            schedule = unit.reception_schedules.filter(is_active=True).order_by("id").first()
        return services.session_record(actor=self.actor, schedule=schedule, **data)


class _EditForm(ServiceForm):
    """An edit form: loaded with the object's values and version (``guard_edit``)."""

    def _guard(self, obj) -> None:
        self.guard_edit(obj, {name: str(field.label) for name, field in self.fields.items()})

    def edited(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("version", "seen")}


class SessionEditForm(_EditForm):
    held_on = _date(_("Date"))
    receiver = forms.CharField(label=_("Who received"), max_length=services.LINE_MAX)
    place = forms.CharField(label=_("Place"), max_length=services.PLACE_MAX, required=False)
    individuals = _count(_("Individuals received"))
    groups = _count(_("Groups received"))
    group_members = _count(
        _("People in the groups"), help_text=_("Head count of all the groups together.")
    )
    summary = _text(_("What was done"))

    def __init__(self, data=None, *, session, **kwargs):
        self.session = session
        initial = {name: getattr(session, name) for name in self.base_fields}
        super().__init__(data, initial=initial, **kwargs)
        self._guard(session)

    def call_service(self):
        return services.session_update(
            actor=self.actor, session=self.session, version=self.version, **self.edited()
        )


def _case_kinds():
    from danvan.petitions.models import CaseKind

    return [("", "—"), *CaseKind.choices]


def _case_fields():
    from danvan.petitions.models import CaseField

    return CaseField.objects.all()


class MatterForm(ServiceForm):
    petitioner = forms.CharField(
        label=_("Raised by"),
        max_length=services.LINE_MAX,
        required=False,
        help_text=_(
            "A denouncer's name is not kept with the matter: it goes, encrypted, into the case."
        ),
    )
    people = IntegerField(
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
    unit = _unit(_("Organising unit"))
    held_on = _date(_("Date"))
    place = forms.CharField(label=_("Place"), max_length=services.PLACE_MAX)
    deputies = _text(_("Deputies"), required=True, help_text=_("One per line."))
    voters = _count(_("Voters attending"), initial=0)
    note = _text(_("Note"), rows=2)

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


class VoterPetitionEditForm(_EditForm):
    content = _text(_("Petition"), required=True)
    raised_by = forms.CharField(label=_("Raised by"), max_length=services.LINE_MAX, required=False)

    def __init__(self, data=None, *, petition, **kwargs):
        self.petition = petition
        initial = {name: getattr(petition, name) for name in self.base_fields}
        super().__init__(data, initial=initial, **kwargs)
        self._guard(petition)

    def call_service(self):
        return services.voter_petition_update(
            actor=self.actor, petition=self.petition, version=self.version, **self.edited()
        )


class ForwardForm(_EditForm):
    agency = unit_picker(
        "petitions.voter-agencies",
        label=_("Competent agency"),
        help_text=_("Type part of its name: the units of the meeting's province."),
        error_messages={
            "invalid_choice": _("Choose an active agency of the province to forward it to.")
        },
    )
    forwarded_on = _date(_("Forwarded on"))
    answer_due = _date(
        _("Answer due by"),
        required=False,
        help_text=_("Empty: 30 days after forwarding (next working day)."),
    )

    def __init__(self, data=None, *, petition, **kwargs):
        self.petition = petition
        super().__init__(data, **kwargs)
        self.fields["agency"].queryset = self.fields["agency"].queryset.filter(
            pk__in=services.forwardable_agencies(petition.meeting.unit).values("pk")
        )
        self.fields["forwarded_on"].initial = timezone.localdate()
        self.guard_edit(petition, {"agency": str(_("Competent agency"))})

    def call_service(self):
        return services.voter_petition_forward(
            actor=self.actor, petition=self.petition, version=self.version, **self.edited()
        )


class AnswerForm(_EditForm):
    answer = _text(_("Answer"), rows=4, required=True)
    answered_on = _date(_("Answered on"))

    def __init__(self, data=None, *, petition, **kwargs):
        self.petition = petition
        super().__init__(data, **kwargs)
        self.fields["answered_on"].initial = timezone.localdate()
        self.guard_edit(
            petition, {"answer": str(_("Answer")), "agency": str(_("Competent agency"))}
        )

    def call_service(self):
        return services.voter_petition_answer(
            actor=self.actor, petition=self.petition, version=self.version, **self.edited()
        )


class PublishForm(ServiceForm):
    published = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )

    def __init__(self, data=None, *, petition, **kwargs):
        self.petition = petition
        super().__init__(data, **kwargs)

    def call_service(self):
        return services.voter_petition_publish(
            actor=self.actor, petition=self.petition, **self.cleaned_data
        )


class DialogueForm(ServiceForm):
    unit = _unit(_("Unit"))
    held_on = _date(_("Date"))
    topic = forms.CharField(label=_("Topic"), max_length=300)
    chaired_by = forms.CharField(label=_("Chaired by"), max_length=services.LINE_MAX)
    place = forms.CharField(label=_("Place"), max_length=services.PLACE_MAX, required=False)
    participants = _count(_("People attending"), initial=0)
    note = _text(_("Note"), rows=2)

    def call_service(self):
        return services.dialogue_record(actor=self.actor, **self.cleaned_data)


class DialogueEditForm(_EditForm):
    held_on = _date(_("Date"))
    topic = forms.CharField(label=_("Topic"), max_length=300)
    chaired_by = forms.CharField(label=_("Chaired by"), max_length=services.LINE_MAX)
    place = forms.CharField(label=_("Place"), max_length=services.PLACE_MAX, required=False)
    participants = _count(_("People attending"))
    note = _text(_("Note"), rows=2)

    def __init__(self, data=None, *, conference, **kwargs):
        self.conference = conference
        initial = {name: getattr(conference, name) for name in self.base_fields}
        super().__init__(data, initial=initial, **kwargs)
        self._guard(conference)

    def call_service(self):
        return services.dialogue_update(
            actor=self.actor, conference=self.conference, version=self.version, **self.edited()
        )


class IssueForm(ServiceForm):
    raised_by = forms.CharField(label=_("Raised by"), max_length=services.LINE_MAX, required=False)
    content = _text(_("Issue raised"), required=True)
    response = _text(_("Answer given"), rows=2)
    commitment = _text(
        _("Commitment"),
        rows=2,
        help_text=_("What the head committed to do; it becomes a task with its deadline."),
    )
    committed_unit = unit_picker(
        "petitions.commitment-units",
        label=_("Unit in charge"),
        required=False,
        help_text=_("Type part of its name: a unit of the conference's commune or province."),
    )
    due_date = _date(_("Deadline"), required=False)

    def __init__(self, data=None, *, conference, **kwargs):
        from danvan.plans import services as plan_services

        self.conference = conference
        super().__init__(data, **kwargs)
        self.fields["committed_unit"].queryset = self.fields["committed_unit"].queryset.filter(
            pk__in=plan_services.assignable_units(conference.unit).values("pk")
        )

    def call_service(self):
        return services.dialogue_issue_add(
            actor=self.actor, conference=self.conference, **self.cleaned_data
        )


class MakeTaskForm(ServiceForm):
    def __init__(self, data=None, *, issue, **kwargs):
        self.issue = issue
        super().__init__(data, **kwargs)

    def call_service(self):
        return services.dialogue_issue_make_task(actor=self.actor, issue=self.issue)
