"""Forms of the democracy pages: each reads input and calls one service (``ServiceForm``)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TIME_FORMATS = ["%H:%M", "%H.%M", "%Hh%M", "%H:%M:%S"]


class TimeInput(forms.TimeInput):
    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {"inputmode": "numeric", "placeholder": "hh:mm", "maxlength": "8"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%H:%M")


class TimeField(forms.TimeField):
    widget = TimeInput
    input_formats = TIME_FORMATS
    default_error_messages = {"invalid": _("Enter a time as hours:minutes, for example 17:30.")}


def moment(day: dt.date | None, time: dt.time | None) -> dt.datetime | None:
    """A local day and time as an aware moment (None when either is missing)."""
    if day is None or time is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, time))


def check_moment(form: forms.Form, day_field: str, time_field: str) -> None:
    if bool(form.cleaned_data.get(day_field)) != bool(form.cleaned_data.get(time_field)):
        missing = time_field if form.cleaned_data.get(day_field) else day_field
        form.add_error(missing, ValidationError(_("Enter both the day and the time.")))


class Honeypot(forms.CharField):
    """A field people never see and robots fill in."""

    def __init__(self):
        super().__init__(
            required=False,
            label=_("Leave this empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )


def name_pickers(form: forms.Form) -> None:
    """Give each unit picker's <select> its label as accessible name: Tom Select moves the
    <label for> to its own input and leaves the (hidden, still present) select unnamed."""
    from danvan.core.pickers import PickerWidget

    for field in form.fields.values():
        if isinstance(field.widget, PickerWidget):
            field.widget.attrs.setdefault("aria-label", str(field.label))
