"""Forms of the cases pages: one form per action, each calling one service through the core
bridge (``core.forms.ServiceForm``: errors beside their fields, 403/404 to the middleware, the
work done once however many times the form is sent). Dates are typed dd/mm/yyyy, numbers the
Vietnamese way; units are chosen by typing their name."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.files import ACCEPT
from danvan.core.forms import DateField, IntegerField, ServiceForm, style
from danvan.petitions.cases import selectors, services
from danvan.petitions.models import CaseChannel, CaseField, CaseKind, PetitionerKind
from danvan.petitions.pickers import unit_picker

FLAG_LABELS = {
    "is_complex": _("Complex"),
    "is_especially_complex": _("Especially complex"),
    "is_crowd": _("Crowd"),
    "is_prolonged": _("Prolonged"),
    "skips_levels": _("Skipping levels"),
    "is_remote_area": _("Remote or hard area"),
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [f for f in data if f]
        return [data] if data else []


def text_field(label, *, rows=3, required=True, max_length=services.NOTE_MAX, **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def fields_in_use():
    return CaseField.objects.filter(is_active=True)


# -- intake ---------------------------------------------------------------------------------------


class CaseForm(ServiceForm):
    unit = unit_picker("petitions.intake-units", label=_("Receiving unit"))
    kind = forms.ChoiceField(label=_("Kind"), choices=CaseKind.choices)
    channel = forms.ChoiceField(label=_("Received through"), choices=CaseChannel.choices)
    field = forms.ModelChoiceField(
        CaseField.objects.none(), label=_("Field"), required=False, empty_label=_("Others")
    )
    received_on = DateField(label=_("Received on"))
    content = text_field(_("Content"), rows=5, max_length=services.CONTENT_MAX)
    petitioner_kind = forms.ChoiceField(label=_("Petitioner"), choices=PetitionerKind.choices)
    petitioner_count = IntegerField(
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
    contested_on = DateField(
        label=_("A complaint: decision or act complained of, received on"),
        required=False,
        help_text=_("The 90-day filing limit counts from this day (Luật Khiếu nại 2011, Điều 9)."),
    )
    is_complex = forms.BooleanField(label=FLAG_LABELS["is_complex"], required=False)
    is_especially_complex = forms.BooleanField(
        label=FLAG_LABELS["is_especially_complex"], required=False
    )
    is_crowd = forms.BooleanField(label=FLAG_LABELS["is_crowd"], required=False)
    is_prolonged = forms.BooleanField(label=FLAG_LABELS["is_prolonged"], required=False)
    skips_levels = forms.BooleanField(label=FLAG_LABELS["skips_levels"], required=False)
    is_remote_area = forms.BooleanField(label=FLAG_LABELS["is_remote_area"], required=False)
    source_reference = forms.CharField(
        label=_("Source (session, letter number…)"), required=False, max_length=300
    )
    files = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, Word, Excel, JPEG or PNG; at most 10 MB each."),
    )

    def __init__(self, data=None, files=None, *, actor):
        super().__init__(data, files, actor=actor)
        self.fields["field"].queryset = fields_in_use()
        self.fields["files"].widget.attrs["accept"] = ACCEPT
        if not self.is_bound:
            self.initial["received_on"] = timezone.localdate()
            home = getattr(actor, "home_unit", None)
            if home is not None and selectors.intake_units(actor).filter(pk=home.pk).exists():
                self.initial["unit"] = home.pk

    def call_service(self):
        data = dict(self.cleaned_data)
        return services.case_receive(actor=self.actor, files=data.pop("files"), **data)


# -- actions on a case ----------------------------------------------------------------------------


class CaseActionForm(ServiceForm):
    """A form acting on one case (``self.case``)."""

    def __init__(self, data=None, *, actor, case, **kwargs):
        self.case = case
        super().__init__(data, actor=actor, **kwargs)


class AcceptForm(CaseActionForm):
    accepted_on = DateField(label=_("Accepted on"))
    note = text_field(_("Note"), rows=2, required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, initial={"accepted_on": timezone.localdate()}, **kwargs)

    def call_service(self):
        return services.case_accept(actor=self.actor, case=self.case, **self.cleaned_data)


class RefuseForm(CaseActionForm):
    reason = text_field(_("Reasons"))

    def call_service(self):
        return services.case_refuse(actor=self.actor, case=self.case, **self.cleaned_data)


class AdviseForm(CaseActionForm):
    advice = text_field(_("Advice given to the citizen"))

    def call_service(self):
        return services.case_advise(actor=self.actor, case=self.case, **self.cleaned_data)


class ExtendAcceptanceForm(CaseActionForm):
    reason = text_field(
        _("What needs verification"),
        rows=2,
        max_length=500,
        help_text=_(
            "The denouncer, the content, or several places: 10 working days to accept "
            "instead of 7 (Luật Tố cáo 2018, Điều 24)."
        ),
    )

    def call_service(self):
        return services.case_extend_acceptance(
            actor=self.actor, case=self.case, **self.cleaned_data
        )


class ForwardForm(CaseActionForm):
    """Forward to a competent body chosen by name; the page asks to confirm, naming the body,
    before the case leaves the unit."""

    to_unit = unit_picker(
        "petitions.forward-targets",
        label=_("Competent body"),
        help_text=_(
            "Type part of its name (“kim phu”, “ubnd tinh”). Only bodies competent to "
            "settle cases are offered."
        ),
        error_messages={
            "invalid_choice": _("Choose a competent body from the list, by typing its name.")
        },
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    @property
    def needs_confirmation(self) -> bool:
        return self.is_valid() and not self.cleaned_data.get("confirmed")

    def target_label(self) -> str:
        from danvan.units.pickers import unit_label

        return unit_label(self.cleaned_data["to_unit"])

    def call_service(self):
        data = dict(self.cleaned_data)
        data.pop("confirmed")
        return services.case_forward(actor=self.actor, case=self.case, **data)


class DuplicateForm(CaseActionForm):
    duplicate_of = forms.CharField(
        label=_("Earlier case"),
        max_length=20,
        help_text=_("Its reference, for example 2026-11."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)

    def clean_duplicate_of(self):
        match = selectors.REFERENCE.match(self.cleaned_data["duplicate_of"].strip())
        original = None
        if match:
            original = selectors.case_queryset(self.actor).filter(pk=int(match.group(1))).first()
        if original is None:
            raise forms.ValidationError(
                _("No case you can see has this reference: type it as shown, e.g. 2026-11.")
            )
        return original

    def call_service(self):
        return services.case_file_duplicate(actor=self.actor, case=self.case, **self.cleaned_data)


class ResolveForm(CaseActionForm):
    decision_number = forms.CharField(
        label=_("Decision or answer number"), required=False, max_length=60
    )
    decision_date = DateField(label=_("Decision date"))
    decision_content = text_field(_("Decision or answer"), rows=4, max_length=services.CONTENT_MAX)
    publish = forms.BooleanField(label=_("Publish the answer to the citizen"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, initial={"decision_date": timezone.localdate()}, **kwargs)

    def call_service(self):
        data = dict(self.cleaned_data)
        data["content"] = data.pop("decision_content")
        return services.case_resolve(actor=self.actor, case=self.case, **data)


class ExtendForm(CaseActionForm):
    days = IntegerField(label=_("Days"), min_value=1, max_value=365)
    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = DateField(label=_("Decision date"))
    reason = text_field(_("Reason"), rows=2)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, initial={"decision_date": timezone.localdate()}, **kwargs)

    def call_service(self):
        return services.case_extend(actor=self.actor, case=self.case, **self.cleaned_data)


class _PersonForm(CaseActionForm):
    """Choose a person among the handlers the case's unit may have (at most 50)."""

    user = forms.TypedChoiceField(label=_("Person"), coerce=int, choices=())

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        candidates = selectors.handler_candidates(self.actor, self.case)
        self.candidates = {u.pk: u for u in candidates}
        self.fields["user"].choices = [("", "—")] + [(u.pk, str(u)) for u in candidates]

    def person(self):
        return self.candidates.get(self.cleaned_data.get("user"))


class AssignForm(_PersonForm):
    is_lead = forms.BooleanField(label=_("Lead handler"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["user"].label = _("Handler")

    def call_service(self):
        return services.case_assign(
            actor=self.actor,
            case=self.case,
            user=self.person(),
            is_lead=self.cleaned_data["is_lead"],
        )


class GrantForm(_PersonForm):
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def call_service(self):
        return services.identity_grant(
            actor=self.actor, case=self.case, user=self.person(), reason=self.cleaned_data["reason"]
        )


class HideForm(CaseActionForm):
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def call_service(self):
        return services.case_hide(
            actor=self.actor, case=self.case, hidden=True, **self.cleaned_data
        )


class UnhideForm(CaseActionForm):
    def call_service(self):
        return services.case_hide(actor=self.actor, case=self.case, hidden=False)


class PublishForm(CaseActionForm):
    public = True

    def call_service(self):
        return services.case_publish(actor=self.actor, case=self.case, public=self.public)


class UnpublishForm(PublishForm):
    public = False


class EscalateForm(CaseActionForm):
    unit = unit_picker("petitions.intake-units", label=_("Second-level unit"))
    received_on = DateField(label=_("Received on"))
    content = text_field(_("Content"), rows=3, max_length=services.CONTENT_MAX)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, initial={"received_on": timezone.localdate()}, **kwargs)

    def call_service(self):
        return services.case_escalate(actor=self.actor, case=self.case, **self.cleaned_data)


class CaseEditForm(CaseActionForm):
    """Correct an open case's details; a save over someone else's newer one is refused."""

    field = forms.ModelChoiceField(CaseField.objects.none(), label=_("Field"))
    source_reference = forms.CharField(
        label=_("Source (session, letter number…)"), required=False, max_length=300
    )
    contested_on = DateField(
        label=_("Decision or act complained of, received on"),
        required=False,
        help_text=_("The 90-day filing limit counts from this day (Luật Khiếu nại 2011, Điều 9)."),
    )
    first_decision_on = DateField(
        label=_("First-level decision dated"),
        required=False,
        help_text=_(
            "A second complaint is filed within 30 days of it, 45 in remote areas "
            "(Luật Khiếu nại 2011, Điều 33)."
        ),
    )
    petitioner_name = forms.CharField(label=_("Name"), required=False, max_length=200)
    petitioner_address = forms.CharField(label=_("Address"), required=False, max_length=300)
    petitioner_phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    petitioner_email = forms.CharField(label=_("E-mail"), required=False, max_length=200)
    is_complex = forms.BooleanField(label=FLAG_LABELS["is_complex"], required=False)
    is_especially_complex = forms.BooleanField(
        label=FLAG_LABELS["is_especially_complex"], required=False
    )
    is_crowd = forms.BooleanField(label=FLAG_LABELS["is_crowd"], required=False)
    is_prolonged = forms.BooleanField(label=FLAG_LABELS["is_prolonged"], required=False)
    skips_levels = forms.BooleanField(label=FLAG_LABELS["skips_levels"], required=False)
    is_remote_area = forms.BooleanField(label=FLAG_LABELS["is_remote_area"], required=False)

    def __init__(self, data=None, *, actor, case):
        initial = {name: getattr(case, name) for name in self.base_fields if name != "field"}
        initial["field"] = case.field_id
        super().__init__(data, actor=actor, case=case, initial=initial)
        self.fields["field"].queryset = CaseField.objects.filter(is_active=True) | (
            CaseField.objects.filter(pk=case.field_id)
        )
        if case.kind != CaseKind.COMPLAINT:
            del self.fields["contested_on"]
        if case.kind != CaseKind.COMPLAINT or case.level != 2:
            del self.fields["first_decision_on"]
        if case.is_confidential:
            for name in ("name", "address", "phone", "email"):
                del self.fields[f"petitioner_{name}"]
        labels = {name: str(field.label) for name, field in self.fields.items()}
        self.guard_edit(case, {**labels, "get_status_display": str(_("Status"))})

    def call_service(self):
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("version", "seen")
        }
        return services.case_update(actor=self.actor, case=self.case, version=self.version, **data)


# -- administrators: time limits and fields ------------------------------------------------------


class LimitForm(ServiceForm):
    days = IntegerField(label=_("Days"), min_value=1, max_value=365)
    working_days = forms.BooleanField(label=_("Working days"), required=False)
    max_count = IntegerField(label=_("Maximum number"), min_value=1, max_value=5)
    legal_basis = forms.CharField(label=_("Legal basis"), required=False, max_length=200)

    def __init__(self, data=None, *, actor, limit, **kwargs):
        self.limit = limit
        initial = {name: getattr(limit, name) for name in self.base_fields}
        super().__init__(data, actor=actor, initial=initial, prefix=f"limit{limit.pk}", **kwargs)

    def call_service(self):
        return services.time_limit_update(actor=self.actor, limit=self.limit, **self.cleaned_data)


class FieldForm(ServiceForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, data=None, *, actor, field=None, **kwargs):
        self.field = field
        if field is not None:
            kwargs.setdefault("initial", {"name": field.name, "is_active": field.is_active})
        super().__init__(data, actor=actor, **kwargs)

    def call_service(self):
        return services.field_save(actor=self.actor, field=self.field, **self.cleaned_data)


class StatsForm(forms.Form):
    start = DateField(label=_("From"), required=False)
    end = DateField(label=_("To"), required=False)
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
