"""Template helpers of the democracy pages: Bootstrap fields, shares as percentages, codes in
print groups, the label of a channel."""

from django import forms, template

from danvan.democracy import codes
from danvan.democracy.models import Channel
from danvan.lib.numbers import format_number

register = template.Library()


@register.filter
def bs(field):
    """A bound field with Bootstrap's classes and its error and help ids."""
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
def percent(part, whole):
    """``part`` of ``whole`` as "51,0%" (Vietnamese decimals)."""
    try:
        part, whole = float(part or 0), float(whole or 0)
    except (TypeError, ValueError):
        return ""
    if not whole:
        return "—"
    return f"{format_number(round(100 * part / whole, 1), 1)}%"


@register.filter
def printed_code(code):
    return codes.printed(code)


@register.filter
def channel_label(value):
    try:
        return Channel(value).label
    except ValueError:
        return value
