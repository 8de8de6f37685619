"""Forms of the “Dân vận khéo” pages. Each calls one service in ``save``; a domain error it
raises lands next to the field it names, and the user's input stays on the page."""

import copy

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import User
from danvan.core.errors import DomainError
from danvan.core.files import ACCEPT
from danvan.core.forms import DateInput, ServiceForm
from danvan.exemplars import selectors, services
from danvan.exemplars.models import (
    CommendationForm,
    CommendationLevel,
    EvidenceKind,
    Field,
    Kind,
)

UNIT_CHOICES_MAX = 500


def _year_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Year"), min_value=services.YEAR_MIN, max_value=services.YEAR_MAX, **kwargs
    )


class ExemplarForm(ServiceForm):
    unit = forms.ModelChoiceField(
        label=_("Owning unit"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose a unit whose models you manage.")},
    )
    year = _year_field()
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    field = forms.ChoiceField(label=_("Field"), choices=Field.choices)
    title = forms.CharField(label=_("Name"), max_length=300)
    replicates = forms.IntegerField(
        label=_("Number of the model it replicates"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for a new model. The number (No.) is on every model's page."),
    )
    person_name = forms.CharField(
        label=_("Person (individual exemplar)"), max_length=150, required=False
    )
    person_position = forms.CharField(label=_("Position"), max_length=150, required=False)
    problem = forms.CharField(
        label=_("Problem it solves"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    goals = forms.CharField(
        label=_("Goals"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    targets = forms.CharField(
        label=_("Measurable targets"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: 100% of households join; 5 km of road built."),
    )
    start_date = forms.DateField(label=_("Start"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("End"), required=False, widget=DateInput())
    participants = forms.CharField(
        label=_("People and units involved"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    budget = forms.IntegerField(
        label=_("Budget (VND)"), required=False, min_value=0, max_value=services.BUDGET_MAX
    )
    resources = forms.CharField(
        label=_("Other resources"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, data=None, *, actor, exemplar=None, initial=None):
        self.actor, self.exemplar = actor, exemplar
        if exemplar is not None:
            initial = {name: getattr(exemplar, name) for name in services.DESCRIPTION_FIELDS} | {
                "year": exemplar.year,
                "replicates": exemplar.replicates_id,
            }
        super().__init__(data, initial=initial or {})
        if exemplar is not None:
            del self.fields["unit"]
            if exemplar.status != "draft":
                del self.fields["year"]
        else:
            units = selectors.units_to_manage(actor).order_by("path")
            wanted = (initial or {}).get("unit")
            choices = units[:UNIT_CHOICES_MAX]
            if wanted is not None and data is None:
                choices = units.filter(pk=getattr(wanted, "pk", wanted))
            self.fields["unit"].queryset = units
            self.fields["unit"].widget.choices = [("", "---------")] + [
                (u.pk, u.name) for u in choices
            ]
            self.fields["year"].initial = self.fields["year"].initial or timezone.localdate().year

    def clean_replicates(self):
        value = self.cleaned_data.get("replicates")
        if value is None:
            return None
        try:
            return services.replication_target(value)
        except DomainError as exc:
            raise forms.ValidationError(str(exc.message)) from None

    def call_service(self):
        data = dict(self.cleaned_data)
        if self.exemplar is None:
            return services.exemplar_create(actor=self.actor, **data)
        return services.exemplar_update(actor=self.actor, exemplar=self.exemplar, **data)


class EvidenceForm(ServiceForm):
    kind = forms.ChoiceField(label=_("Kind of evidence"), choices=EvidenceKind.choices)
    text = forms.CharField(
        label=_("Note or caption"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    figure_label = forms.CharField(label=_("Indicator"), max_length=200, required=False)
    figure_value = forms.DecimalField(
        label=_("Value"), required=False, max_digits=16, decimal_places=2
    )
    figure_unit = forms.CharField(label=_("Unit of measure"), max_length=40, required=False)
    upload = forms.FileField(
        label=_("Photo or file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("PDF, Word (.docx), Excel (.xlsx), JPEG or PNG, at most 10 MB."),
    )

    def __init__(self, data=None, files=None, *, actor, exemplar):
        self.actor, self.exemplar = actor, exemplar
        super().__init__(data, files)

    def call_service(self):
        return services.evidence_add(actor=self.actor, exemplar=self.exemplar, **self.cleaned_data)


class _ScoresForm(ServiceForm):
    """One number per criterion of the round's rubric, within its range."""

    def __init__(self, data=None, *, actor, exemplar, criteria):
        self.actor, self.exemplar = actor, exemplar
        self.criteria = list(criteria)
        super().__init__(data)
        for criterion in self.criteria:
            field = forms.IntegerField(
                label=f"{criterion.text} (0–{criterion.max_score})",
                min_value=0,
                max_value=criterion.max_score,
            )
            field.widget.attrs["class"] = "form-control"
            self.fields[f"c{criterion.pk}"] = field
        for name in self.extra_fields():
            self.fields[name] = copy.deepcopy(self.base_extra[name])

    base_extra: dict = {}

    def extra_fields(self):
        return list(self.base_extra)

    def scores(self) -> dict[str, int]:
        return {str(c.pk): self.cleaned_data[f"c{c.pk}"] for c in self.criteria}


class SelfAssessForm(_ScoresForm):
    base_extra = {
        "comment": forms.CharField(
            label=_("The unit's assessment"),
            widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        )
    }

    def call_service(self):
        return services.exemplar_self_assess(
            actor=self.actor,
            exemplar=self.exemplar,
            scores=self.scores(),
            comment=self.cleaned_data["comment"],
        )


class ScoreForm(_ScoresForm):
    base_extra = {
        "recommend": forms.TypedChoiceField(
            label=_("Your vote"),
            choices=[("1", _("Recognise")), ("0", _("Do not recognise"))],
            coerce=lambda v: v == "1",
            widget=forms.RadioSelect,
        ),
        "comment": forms.CharField(
            label=_("Comment"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        ),
    }

    def call_service(self):
        return services.score_submit(
            actor=self.actor,
            exemplar=self.exemplar,
            scores=self.scores(),
            recommend=self.cleaned_data["recommend"],
            comment=self.cleaned_data["comment"],
        )


class RecogniseForm(ServiceForm):
    recognised_by = forms.CharField(
        label=_("Recognised by"),
        max_length=200,
        required=False,
        help_text=_("The competent level (empty: the organising unit of the round)."),
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = forms.DateField(label=_("Decision date"), widget=DateInput())

    def __init__(self, data=None, *, actor, exemplar):
        self.actor, self.exemplar = actor, exemplar
        super().__init__(data)

    def call_service(self):
        return services.exemplar_recognise(
            actor=self.actor, exemplar=self.exemplar, **self.cleaned_data
        )


class RejectForm(ServiceForm):
    reason = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, data=None, *, actor, exemplar):
        self.actor, self.exemplar = actor, exemplar
        super().__init__(data)

    def call_service(self):
        return services.exemplar_reject(
            actor=self.actor, exemplar=self.exemplar, reason=self.cleaned_data["reason"]
        )


class CommendForm(ServiceForm):
    form = forms.ChoiceField(label=_("Form"), choices=CommendationForm.choices)
    level = forms.ChoiceField(label=_("Level"), choices=CommendationLevel.choices)
    issuer = forms.CharField(
        label=_("Issued by"),
        max_length=200,
        help_text=_("For example: Chủ tịch UBND tỉnh Quảng Trị."),
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = forms.DateField(label=_("Decision date"), widget=DateInput())

    def __init__(self, data=None, *, actor, exemplar):
        self.actor, self.exemplar = actor, exemplar
        super().__init__(data)

    def call_service(self):
        return services.commendation_add(
            actor=self.actor, exemplar=self.exemplar, **self.cleaned_data
        )


class PublishForm(ServiceForm):
    is_public = forms.BooleanField(label=_("Show on the public site"), required=False)
    story = forms.CharField(
        label=_("Story"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    results = forms.CharField(
        label=_("Results"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, data=None, *, actor, exemplar):
        self.actor, self.exemplar = actor, exemplar
        super().__init__(
            data,
            initial={
                "is_public": exemplar.is_public or True,
                "story": exemplar.story or exemplar.problem,
                "results": exemplar.results,
            },
        )

    def call_service(self):
        return services.exemplar_publish(
            actor=self.actor, exemplar=self.exemplar, **self.cleaned_data
        )


class RoundForm(ServiceForm):
    unit = forms.ModelChoiceField(
        label=_("Organising unit"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose a unit you organise reviews for.")},
    )
    year = _year_field()
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    registration_deadline = forms.DateField(label=_("Registration deadline"), widget=DateInput())
    quota_min = forms.IntegerField(
        label=_("Minimum models per unit"), min_value=0, max_value=100, initial=1
    )
    quota_target = forms.IntegerField(
        label=_("Target models per unit"), min_value=0, max_value=100, initial=2
    )

    def __init__(self, data=None, *, actor, round=None):
        self.actor, self.round = actor, round
        initial = {}
        if round is not None:
            initial = {
                "title": round.title,
                "registration_deadline": round.registration_deadline,
                "quota_min": round.quota_min,
                "quota_target": round.quota_target,
            }
        super().__init__(data, initial=initial)
        if round is not None:
            del self.fields["unit"], self.fields["year"]
        else:
            units = selectors.units_to_organise(actor).order_by("path")
            self.fields["unit"].queryset = units
            self.fields["unit"].widget.choices = [("", "---------")] + [
                (u.pk, u.name) for u in units[:UNIT_CHOICES_MAX]
            ]
            self.fields["year"].initial = timezone.localdate().year

    def call_service(self):
        if self.round is None:
            return services.round_create(actor=self.actor, **self.cleaned_data)
        return services.round_update(actor=self.actor, round=self.round, **self.cleaned_data)


class CriterionForm(ServiceForm):
    text = forms.CharField(label=_("Criterion"), max_length=300)
    max_score = forms.IntegerField(label=_("Maximum score"), min_value=1, max_value=100)

    def __init__(self, data=None, *, actor, round, criterion=None):
        self.actor, self.round, self.criterion = actor, round, criterion
        initial = {"text": criterion.text, "max_score": criterion.max_score} if criterion else {}
        super().__init__(data, initial=initial or {"max_score": 20})

    def call_service(self):
        return services.criterion_save(
            actor=self.actor, round=self.round, criterion=self.criterion, **self.cleaned_data
        )


class MemberForm(ServiceForm):
    username = forms.CharField(label=_("Account (user name)"), max_length=150)
    role = forms.CharField(
        label=_("Role in the council"),
        max_length=100,
        required=False,
        help_text=_("For example: Chủ tịch Hội đồng, Ủy viên."),
    )

    def __init__(self, data=None, *, actor, round):
        self.actor, self.round = actor, round
        super().__init__(data)

    def clean_username(self):
        user = User.objects.filter(username=self.cleaned_data["username"].strip()).first()
        if user is None or not user.is_active:
            raise forms.ValidationError(_("No active account has this user name."))
        return user

    def call_service(self):
        return services.member_add(
            actor=self.actor,
            round=self.round,
            user=self.cleaned_data["username"],
            role=self.cleaned_data["role"],
        )


class ConfirmForm(ServiceForm):
    def __init__(self, data=None, *, service):
        self.service = service
        super().__init__(data)

    def call_service(self):
        return self.service()
