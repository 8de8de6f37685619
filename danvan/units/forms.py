"""Forms of the units app. Each validates input, calls one service and shows its error."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DateInput, ServiceForm
from danvan.lib.text import search_terms
from danvan.units import selectors, services
from danvan.units.models import OrgUnit

SEARCH_MAX_LENGTH = 100


def validate_search_query(value: str) -> None:
    """A search needs at least one letter or digit and at most SEARCH_MAX_LENGTH characters."""
    if len(value) > SEARCH_MAX_LENGTH:
        raise ValidationError(
            _("The search text is too long (at most %(max)d characters).")
            % {"max": SEARCH_MAX_LENGTH},
            code="too_long",
        )
    if value.strip() and not search_terms(value):
        raise ValidationError(
            _("Enter at least one letter or digit to search."), code="no_search_terms"
        )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, strip=True, validators=[validate_search_query]
    )

    @property
    def query(self) -> str:
        """The valid query, or "" (an invalid form searches nothing)."""
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picked by id from a scoped queryset: an unknown or unreachable id is a field
    error, never a 500 or a leak of whether the unit exists."""

    default_error_messages = {
        "invalid_choice": _("Choose a unit from the list; this one cannot be chosen here."),
    }

    def label_from_instance(self, obj: OrgUnit) -> str:
        return obj.name


class UnitForm(ServiceForm):
    """Create a child unit under ``parent``, or edit ``unit``."""

    name = forms.CharField(label=_("Name"), max_length=services.NAME_MAX)
    short_name = forms.CharField(
        label=_("Short name"),
        max_length=services.SHORT_NAME_MAX,
        required=False,
        help_text=_("Without the kind of unit, e.g. “Trường Sơn” for “Xã Trường Sơn”."),
    )
    unit_type = forms.ModelChoiceField(label=_("Unit type"), queryset=None)
    official_code = forms.CharField(
        label=_("Official code"),
        max_length=services.CODE_MAX,
        required=False,
        help_text=_("The code in the national list of administrative units, if it has one."),
    )
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DateInput())

    def __init__(self, *args, actor, parent: OrgUnit | None = None, unit=None, **kwargs):
        self.actor, self.unit = actor, unit
        self.parent = unit.parent if unit is not None else parent
        if unit is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": unit.name,
                    "short_name": unit.short_name,
                    "unit_type": unit.unit_type_id,
                    "official_code": unit.official_code or "",
                    "valid_from": unit.valid_from,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["unit_type"].queryset = selectors.unit_types_for(self.parent)

    def call_service(self):
        data = self.cleaned_data
        fields = {
            "name": data["name"],
            "short_name": data["short_name"],
            "unit_type": data["unit_type"],
            "official_code": data["official_code"],
            "valid_from": data["valid_from"],
        }
        if self.unit is None:
            return services.unit_create(actor=self.actor, parent=self.parent, **fields)
        return services.unit_update(actor=self.actor, unit=self.unit, **fields)


class MoveForm(ServiceForm):
    parent = UnitChoiceField(
        label=_("New parent unit"),
        queryset=OrgUnit.objects.none(),
        error_messages={"required": _("Choose the unit to move it under.")},
    )

    def __init__(self, *args, actor, unit: OrgUnit, **kwargs):
        self.actor, self.unit = actor, unit
        super().__init__(*args, **kwargs)
        # Only units the actor may manage can receive it; the service refuses the rest.
        self.fields["parent"].queryset = selectors.unit_queryset(actor, "units.manage")

    def call_service(self):
        return services.unit_move(
            actor=self.actor, unit=self.unit, new_parent=self.cleaned_data["parent"]
        )


class DeactivateForm(ServiceForm):
    valid_to = forms.DateField(
        label=_("Inactive from"),
        widget=DateInput(),
        help_text=_("From this day the unit and its subordinate units take no new work."),
    )
    successor = UnitChoiceField(
        label=_("Successor unit"), queryset=OrgUnit.objects.none(), required=False
    )

    def __init__(self, *args, actor, unit: OrgUnit, **kwargs):
        self.actor, self.unit = actor, unit
        kwargs.setdefault("initial", {"valid_to": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = selectors.unit_queryset(actor)

    def call_service(self):
        return services.unit_deactivate(
            actor=self.actor,
            unit=self.unit,
            valid_to=self.cleaned_data["valid_to"],
            successor=self.cleaned_data["successor"],
        )


class DeleteForm(ServiceForm):
    def __init__(self, *args, actor, unit: OrgUnit, **kwargs):
        self.actor, self.unit = actor, unit
        super().__init__(*args, **kwargs)

    def call_service(self):
        parent = self.unit.parent
        services.unit_delete(actor=self.actor, unit=self.unit)
        return parent
