"""Widgets of the plans forms: a checkbox list with a search that adds more choices (units,
legal documents) and a file input taking several files."""

from django import forms


class CheckboxPicker(forms.Widget):
    """Checkboxes for a few options (the chosen ones and likely ones) plus a search box that
    loads more checkboxes of the same name (HTMX). The field still validates every submitted
    id against its scoped queryset: the options are never the whole queryset."""

    template_name = "plans/widgets/checkbox_picker.html"
    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.options: list[tuple[int, str]] = []
        self.search_url = ""
        self.choices = []

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter is not None else data.get(name)

    def value_omitted_from_data(self, data, files, name) -> bool:
        return False  # unticking every box is an answer, not an omission

    def format_value(self, value):
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        return [str(getattr(v, "pk", v)) for v in value]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        selected = set(self.format_value(value))
        context["widget"]["options"] = [
            {"value": str(pk), "label": label, "checked": str(pk) in selected}
            for pk, label in self.options
        ]
        context["widget"]["search_url"] = self.search_url
        return context

    def id_for_label(self, id_):
        return ""  # a group: the template labels it with a legend


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; ``cleaned_data`` holds a list (maybe empty)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []
