"""Forms of the recommendation pages: issue one (from a source's page), answer it, verify or
return the answer, change its text or deadline. Each calls one service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.pickers import PickerField
from danvan.oversight import widgets
from danvan.oversight.models import AnswerKind, Topic
from danvan.oversight.recommendations import services


class TopicField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Topic"))
        super().__init__(queryset=Topic.objects.filter(is_active=True), **kwargs)


class RecommendationForm(widgets.OversightForm):
    """A recommendation issued from a source's page: the page supplies issuer and source."""

    addressee = PickerField("oversight.addressees", label=_("Addressed to"))
    text = widgets.text(_("Recommendation"), required=True)
    required_action = widgets.text(_("Action required"), rows=2)
    topic = TopicField()
    due_date = widgets.date(_("Deadline"))

    def __init__(self, data=None, *, issue, **kwargs):
        """``issue(**cleaned)`` calls ``recommendation_create`` with the source's part."""
        self.issue = issue
        super().__init__(data, **kwargs)

    def call_service(self):
        return self.issue(**self.cleaned_data)


class AnswerForm(widgets.OversightForm):
    prefix = "answer"
    kind = forms.ChoiceField(
        label=_("Answer"),
        choices=AnswerKind.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    text = widgets.text(
        _("What was done, or the reasons"),
        required=True,
        rows=4,
        help_text=_("What your unit did and when; if not accepted, the reasons."),
    )
    files = widgets.MultipleFileField(
        label=_("Evidence (PDF, Word, Excel, pictures)"),
        help_text=_("Up to 10 files of at most 10 MB each."),
    )

    def __init__(self, data=None, files=None, *, recommendation, **kwargs):
        self.recommendation = recommendation
        super().__init__(data, files, **kwargs)

    def call_service(self):
        return services.recommendation_answer(
            actor=self.actor, recommendation=self.recommendation, **self.cleaned_data
        )


class VerifyForm(widgets.OversightForm):
    prefix = "verify"
    note = widgets.text(_("Note (optional)"), rows=2)

    def __init__(self, data=None, *, recommendation, **kwargs):
        self.recommendation = recommendation
        super().__init__(data, **kwargs)

    def call_service(self):
        return services.recommendation_verify(
            actor=self.actor, recommendation=self.recommendation, **self.cleaned_data
        )


class ReturnForm(widgets.OversightForm):
    prefix = "return"
    note = widgets.text(_("Why the answer is not accepted"), rows=2, required=True)

    def __init__(self, data=None, *, recommendation, **kwargs):
        self.recommendation = recommendation
        super().__init__(data, **kwargs)

    def call_service(self):
        return services.recommendation_return(
            actor=self.actor, recommendation=self.recommendation, **self.cleaned_data
        )


class RecommendationEditForm(widgets.OversightForm):
    text = widgets.text(_("Recommendation"), required=True)
    required_action = widgets.text(_("Action required"), rows=2)
    topic = TopicField()
    due_date = widgets.date(_("Deadline"))

    def __init__(self, data=None, *, recommendation, **kwargs):
        self.recommendation = recommendation
        initial = {
            "text": recommendation.text,
            "required_action": recommendation.required_action,
            "topic": recommendation.topic_id,
            "due_date": recommendation.due_date,
        }
        super().__init__(data, initial=initial, **kwargs)
        self.guard_edit(
            recommendation,
            {"text": _("Recommendation"), "due_date": _("Deadline"), "status": _("Status")},
        )

    def call_service(self):
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "seen")}
        return services.recommendation_update(
            actor=self.actor, recommendation=self.recommendation, version=self.version, **data
        )
