"""Forms of the citizens' pages (no account): send a proposal or feedback, follow it, public
statistics. The commune is chosen by typing its name among the province's communes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.files import ACCEPT
from danvan.core.forms import ServiceForm, style
from danvan.petitions.cases import services
from danvan.petitions.cases.forms import MultipleFileField, fields_in_use, text_field
from danvan.petitions.models import CaseField, CaseKind
from danvan.units.models import OrgUnit


def public_provinces():
    from danvan.units.models import Level

    return services.public_units().filter(level=Level.PROVINCE).order_by("name")


def public_communes(province_id):
    from danvan.units.models import Level

    try:
        province_id = int(province_id)
    except (TypeError, ValueError):
        return OrgUnit.objects.none()
    if not 0 < province_id < 2**31:
        return OrgUnit.objects.none()
    return (
        services.public_units().filter(parent_id=province_id, level=Level.COMMUNE).order_by("name")
    )


class CitizenForm(ServiceForm):
    # The service names the petitioner's fields as an official's form does.
    field_aliases = {
        "petitioner_name": "name",
        "petitioner_phone": "phone",
        "petitioner_email": "email",
        "petitioner_address": "address",
    }

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
        help_text=_("Type part of its name. Leave empty when it concerns the province."),
    )
    field = forms.ModelChoiceField(
        CaseField.objects.none(), label=_("Field"), required=False, empty_label=_("Others")
    )
    content = text_field(_("Content"), rows=6, max_length=services.CONTENT_MAX)
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

    def __init__(self, data=None, files=None):
        super().__init__(data, files)
        self.fields["kind"].widget.attrs["class"] = "form-check-input"
        self.fields["province"].queryset = public_provinces()
        self.fields["field"].queryset = fields_in_use()
        province_id = self.data.get("province") if self.is_bound else None
        self.fields["unit"].queryset = (
            public_communes(province_id) if province_id else OrgUnit.objects.none()
        )
        self.fields["files"].widget.attrs["accept"] = ACCEPT
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def _chosen(self, name: str, queryset):
        value = self.data.get(name) if self.is_bound else None
        if not value or not str(value).isdigit() or len(str(value)) > 10:
            return None
        return queryset.filter(pk=int(value)).first()

    @property
    def chosen_province(self):
        return self._chosen("province", self.fields["province"].queryset)

    @property
    def chosen_commune(self):
        return self._chosen("unit", self.fields["unit"].queryset)

    def call_service(self):
        data = self.cleaned_data
        return services.case_receive_public(
            unit=data.get("unit") or data["province"],
            kind=data["kind"],
            content=data["content"],
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            field=data["field"],
            files=data["files"],
        )


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
    # A year is a name, not a quantity: 2026, never 2.026.
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "4"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = public_provinces()
        style(self)
