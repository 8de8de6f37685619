"""Forms of the cases pages: they validate the input's shape and call one service; a domain
error lands on its field, the input stays in the form."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts import access
from danvan.core.errors import DomainError
from danvan.core.files import ACCEPT
from danvan.petitions.cases import services as case_services
from danvan.petitions.cases.rules import HANDLE
from danvan.petitions.models import (
    CaseChannel,
    CaseField,
    CaseKind,
    PetitionerKind,
)
from danvan.units.models import OrgUnit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [f for f in data if f]
        return [data] if data else []


def style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class ServiceForm(forms.Form):
    """A form whose ``save`` calls a service and turns a DomainError into a field error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)

    def call(self, service, **kwargs):
        if not self.is_valid():
            return None
        try:
            return service(**kwargs)
        except DomainError as error:
            field = error.field if error.field in self.fields else None
            self.add_error(field, str(error.message))
            return None


def units_for_intake(actor):
    """The units the actor receives cases for: each unit of a HANDLE grant and its children
    (a bounded list, not the whole subtree)."""
    prefixes = access.reach(actor, HANDLE)
    if not prefixes:
        return OrgUnit.objects.none()
    if prefixes == ["/"]:
        return OrgUnit.objects.filter(depth__lte=1, valid_to__isnull=True).order_by("path")
    roots = OrgUnit.objects.filter(path__in=prefixes).values("pk")
    return OrgUnit.objects.filter(
        Q(pk__in=roots) | Q(parent_id__in=roots), valid_to__isnull=True
    ).order_by("path")


class CaseForm(ServiceForm):
    unit = forms.ModelChoiceField(OrgUnit.objects.none(), label=_("Receiving unit"))
    kind = forms.ChoiceField(label=_("Kind"), choices=CaseKind.choices)
    channel = forms.ChoiceField(label=_("Received through"), choices=CaseChannel.choices)
    field = forms.ModelChoiceField(
        CaseField.objects.filter(is_active=True),
        label=_("Field"),
        required=False,
        empty_label=_("Others"),
    )
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    content = forms.CharField(
        label=_("Content"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=case_services.CONTENT_MAX,
    )
    petitioner_kind = forms.ChoiceField(label=_("Petitioner"), choices=PetitionerKind.choices)
    petitioner_count = forms.IntegerField(
        label=_("Number of people"), initial=1, min_value=1, max_value=100_000
    )
    petitioner_name = forms.CharField(
        label=_("Name of the person or group"),
        required=False,
        max_length=200,
        help_text=_("A denouncer's name, address and contact are stored encrypted."),
    )
    petitioner_address = forms.CharField(label=_("Address"), required=False, max_length=300)
    petitioner_phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    petitioner_email = forms.CharField(label=_("E-mail"), required=False, max_length=200)
    is_complex = forms.BooleanField(label=_("Complex"), required=False)
    is_especially_complex = forms.BooleanField(label=_("Especially complex"), required=False)
    is_crowd = forms.BooleanField(label=_("Crowd"), required=False)
    is_prolonged = forms.BooleanField(label=_("Prolonged"), required=False)
    skips_levels = forms.BooleanField(label=_("Skipping levels"), required=False)
    is_remote_area = forms.BooleanField(label=_("Remote or hard area"), required=False)
    source_reference = forms.CharField(
        label=_("Source (session, letter number…)"), required=False, max_length=300
    )
    files = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, Word, Excel, JPEG or PNG; at most 10 MB each."),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["unit"].queryset = units_for_intake(actor)
        self.fields["files"].widget.attrs["accept"] = ACCEPT
        if not self.is_bound:
            self.initial.setdefault("received_on", timezone.localdate())
            home = getattr(actor, "home_unit", None)
            if home is not None and self.fields["unit"].queryset.filter(pk=home.pk).exists():
                self.initial.setdefault("unit", home.pk)

    def save(self, files=None):
        data = self.cleaned_data if self.is_valid() else {}
        return self.call(
            case_services.case_receive,
            actor=self.actor,
            files=files,
            **{k: v for k, v in data.items() if k != "files"},
        )


class AcceptForm(ServiceForm):
    accepted_on = forms.DateField(label=_("Accepted on"), widget=DATE)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(ServiceForm):
    note = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=case_services.NOTE_MAX,
    )


class ForwardForm(ServiceForm):
    to_unit = forms.IntegerField(
        label=_("Competent unit (code)"),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("The unit's number in the system, shown on the units page."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)


class DuplicateForm(ServiceForm):
    duplicate_of = forms.IntegerField(label=_("Earlier case number"))
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)


class ResolveForm(ServiceForm):
    decision_number = forms.CharField(
        label=_("Decision or answer number"), required=False, max_length=60
    )
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE)
    decision_content = forms.CharField(
        label=_("Decision or answer"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=case_services.CONTENT_MAX,
    )
    publish = forms.BooleanField(label=_("Publish the answer to the citizen"), required=False)


class ExtendForm(ServiceForm):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=365)
    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AssignForm(ServiceForm):
    user = forms.TypedChoiceField(label=_("Handler"), coerce=int, choices=())
    is_lead = forms.BooleanField(label=_("Lead handler"), required=False)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {u.pk: u for u in candidates}
        self.fields["user"].choices = [(u.pk, str(u)) for u in candidates]


class GrantForm(ServiceForm):
    user = forms.TypedChoiceField(label=_("Person"), coerce=int, choices=())
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {u.pk: u for u in candidates}
        self.fields["user"].choices = [(u.pk, str(u)) for u in candidates]


class HideForm(ServiceForm):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)


class EscalateForm(ServiceForm):
    unit = forms.ModelChoiceField(OrgUnit.objects.none(), label=_("Second-level unit"))
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for_intake(actor)


class StatsForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE, required=False)
    end = forms.DateField(label=_("To"), widget=DATE, required=False)
    by = forms.ChoiceField(
        label=_("By"),
        required=False,
        choices=[
            ("kind", _("Kind")),
            ("field", _("Field")),
            ("status", _("Status")),
            ("unit", _("Unit")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)

    def period(self):
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("start") or today.replace(month=1, day=1)
        end = data.get("end") or today
        if end < start:
            start, end = end, start
        return start, end, data.get("by") or "kind"


class LimitForm(ServiceForm):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=365)
    working_days = forms.BooleanField(label=_("Working days"), required=False)
    max_count = forms.IntegerField(label=_("Maximum number"), min_value=1, max_value=5)
    legal_basis = forms.CharField(label=_("Legal basis"), required=False, max_length=200)


class FieldForm(ServiceForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)


# -- public ---------------------------------------------------------------------------------


class CitizenForm(ServiceForm):
    kind = forms.ChoiceField(
        label=_("What do you send?"),
        choices=[(CaseKind.PROPOSAL, _("A proposal")), (CaseKind.FEEDBACK, _("Feedback"))],
        widget=forms.RadioSelect,
    )
    province = forms.ModelChoiceField(OrgUnit.objects.none(), label=_("Province or city"))
    unit = forms.ModelChoiceField(
        OrgUnit.objects.none(),
        label=_("Commune, ward or special zone"),
        required=False,
        empty_label=_("The province itself"),
    )
    field = forms.ModelChoiceField(
        CaseField.objects.filter(is_active=True),
        label=_("Field"),
        required=False,
        empty_label=_("Others"),
    )
    content = forms.CharField(
        label=_("Content"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=case_services.CONTENT_MAX,
    )
    name = forms.CharField(label=_("Your name"), max_length=200)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    email = forms.CharField(
        label=_("E-mail"),
        required=False,
        max_length=200,
        help_text=_("A phone number or an e-mail is needed to follow your case."),
    )
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    files = MultipleFileField(
        label=_("Files (optional)"),
        required=False,
        help_text=_("PDF, Word, Excel, JPEG or PNG; at most 10 MB each."),
    )
    # The honeypot: hidden from people, filled in by robots.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs["class"] = "form-check-input"
        self.fields["province"].queryset = public_provinces()
        province_id = self.data.get("province") if self.is_bound else None
        self.fields["unit"].queryset = (
            public_communes(province_id) if province_id else OrgUnit.objects.none()
        )
        self.fields["files"].widget.attrs["accept"] = ACCEPT
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def save(self, files=None):
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return self.call(
            case_services.citizen_submit,
            unit=data.get("unit") or data["province"],
            kind=data["kind"],
            content=data["content"],
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            field=data["field"],
            files=files,
        )


def public_provinces():
    from danvan.units.models import Level

    return OrgUnit.objects.filter(
        level=Level.PROVINCE, unit_type__is_territory=True, valid_to__isnull=True
    ).order_by("name")


def public_communes(province_id):
    from danvan.units.models import Level

    try:
        province_id = int(province_id)
    except (TypeError, ValueError):
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(
        parent_id=province_id,
        level=Level.COMMUNE,
        unit_type__is_territory=True,
        valid_to__isnull=True,
    ).order_by("name")


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20)
    contact = forms.CharField(label=_("The phone or e-mail you gave"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "off", "autocapitalize": "characters"}
        )


class PublicStatsForm(forms.Form):
    province = forms.ModelChoiceField(
        OrgUnit.objects.none(),
        label=_("Province or city"),
        required=False,
        empty_label=_("Whole country"),
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = public_provinces()
        style(self)
