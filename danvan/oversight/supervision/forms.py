"""Forms of supervision and council questions; each calls one service."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import IntegerField
from danvan.core.pickers import PickerField, PickerMultipleField
from danvan.oversight import widgets
from danvan.oversight.models import SupervisionForm, SupervisorKind
from danvan.oversight.recommendations.forms import TopicField
from danvan.oversight.supervision import services


class ProgrammeForm(widgets.OversightForm):
    unit = PickerField("oversight.issuers", label=_("Supervising body"))
    kind = forms.ChoiceField(label=_("Kind of body"), choices=SupervisorKind.choices)
    year = IntegerField(label=_("Year"))
    title = forms.CharField(label=_("Title"), max_length=500)
    note = widgets.text(_("Note"))

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["year"].initial = timezone.localdate().year

    def call_service(self):
        return services.programme_create(actor=self.actor, **self.cleaned_data)


class SupervisionAddForm(widgets.OversightForm):
    prefix = "add"
    subject = forms.CharField(label=_("Subject"), max_length=500)
    topic = TopicField()
    form = forms.ChoiceField(label=_("Form"), choices=SupervisionForm.choices)
    units = PickerMultipleField("oversight.addressees", label=_("Supervised units"), max_count=200)
    starts_on = widgets.date(_("From"))
    ends_on = widgets.date(_("To"))

    def __init__(self, data=None, *, programme, **kwargs):
        self.programme = programme
        super().__init__(data, **kwargs)

    def call_service(self):
        return services.supervision_add(
            actor=self.actor, programme=self.programme, **self.cleaned_data
        )


class ResultForm(widgets.OversightForm):
    prefix = "result"
    result_number = forms.CharField(
        label=_("Number and symbol of the result"),
        max_length=60,
        help_text=_("For example: 05/TB-MTTQ"),
    )
    result_date = widgets.date(_("Date of the result"))
    result_text = widgets.text(
        _("Result and conclusions"), rows=6, required=True, max_length=services.TEXT_MAX
    )

    def __init__(self, data=None, *, supervision, **kwargs):
        self.supervision = supervision
        super().__init__(data, **kwargs)
        self.guard_edit(supervision, {"status": _("Status")})

    def call_service(self):
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "seen")}
        return services.supervision_conclude(
            actor=self.actor, supervision=self.supervision, version=self.version, **data
        )


class PublishForm(widgets.OversightForm):
    prefix = "publish"
    published = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *, supervision, **kwargs):
        self.supervision = supervision
        super().__init__(data, **kwargs)

    def call_service(self):
        return services.supervision_publish(
            actor=self.actor, supervision=self.supervision, **self.cleaned_data
        )


class SessionForm(widgets.OversightForm):
    unit = PickerField("oversight.issuers", label=_("People's Council"))
    title = forms.CharField(
        label=_("Session"),
        max_length=300,
        help_text=_("For example: Kỳ họp thứ Mười, HĐND xã khóa XII"),
    )
    held_on = widgets.date(_("Date"))

    def call_service(self):
        return services.session_create(actor=self.actor, **self.cleaned_data)


class QuestionForm(widgets.OversightForm):
    prefix = "question"
    deputy = forms.CharField(label=_("Deputy asking"), max_length=200)
    addressee = PickerField("oversight.addressees", label=_("Agency asked"))
    respondent = forms.CharField(
        label=_("Answered by (position)"),
        max_length=200,
        help_text=_("For example: Chủ tịch UBND xã"),
    )
    text = widgets.text(_("Question"), rows=3, required=True)
    answer = widgets.text(_("Answer given at the session"), rows=3)
    answered_on = widgets.date(_("Answered on"), required=False)
    written_answer_due = widgets.date(_("Written answer due by"), required=False)

    def __init__(self, data=None, *, session, **kwargs):
        self.session = session
        super().__init__(data, **kwargs)

    def call_service(self):
        return services.question_add(actor=self.actor, session=self.session, **self.cleaned_data)


class QuestionAnswerForm(widgets.OversightForm):
    answer = widgets.text(_("Answer"), rows=3, required=True)
    answered_on = widgets.date(_("Answered on"))

    def __init__(self, data=None, *, question, **kwargs):
        self.question = question
        super().__init__(data, prefix=f"answer{question.pk}", **kwargs)
        self.guard_edit(question, {"answer": _("Answer")})

    def call_service(self):
        return services.question_answer(
            actor=self.actor,
            question=self.question,
            version=self.version,
            answer=self.cleaned_data["answer"],
            answered_on=self.cleaned_data["answered_on"],
        )
