from django import forms, template

from danvan.plans.widgets import CheckboxPicker

register = template.Library()


@register.filter
def is_group(bound_field) -> bool:
    """Radio buttons and checkbox lists are labelled by a fieldset legend, not a label."""
    return isinstance(
        bound_field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple | CheckboxPicker
    )


@register.filter
def field_widget(bound_field):
    """Render a widget with Bootstrap classes, its help and error ids attached."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.RadioSelect | CheckboxPicker):
        css = ""
    elif isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    classes = {*widget.attrs.get("class", "").split(), *([css] if css else [])}
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_help")
    attrs = {}
    if bound_field.errors:
        classes.add("is-invalid")
        described.append(f"{bound_field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    if classes:
        attrs["class"] = " ".join(sorted(classes))
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)
