"""Form pieces every oversight form shares: a file input taking several files, a text area, and
a date field (``core.forms.DateField``, dd/mm/yyyy)."""

from django import forms

from danvan.core import files as evidence_files
from danvan.core.forms import DateField, ServiceForm
from danvan.core.pickers import PickerWidget


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; ``cleaned_data`` holds a list (maybe empty). The service
    checks their content (``core.files.check_files``)."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", evidence_files.ACCEPT)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def text(label, *, rows: int = 3, required: bool = False, max_length: int = 5000, **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def date(label, *, required: bool = True, **kwargs):
    return DateField(label=label, required=required, **kwargs)


class OversightForm(ServiceForm):
    """``ServiceForm`` whose pickers keep an accessible name once Tom Select hides the select
    and moves the label to its own text box (axe: select-name)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, PickerWidget):
                field.widget.attrs.setdefault("aria-label", str(field.label))
