from django import forms, template

from danvan.reports.exports import number_text

register = template.Library()


@register.filter
def bs(field):
    """Render a bound field with Bootstrap's classes and its error and help ids."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        css = ""
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    attrs = {"class": css.strip()} if css.strip() else {}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        described.append(f"{field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def figure(value):
    return number_text(value)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None
