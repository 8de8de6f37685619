from django import forms, template

register = template.Library()


@register.filter
def bootstrap_widget(bound_field):
    """Render a form field's widget with Bootstrap classes and its help/error ids attached."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    classes = {*widget.attrs.get("class", "").split(), css}
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_help")
    attrs = {}
    if bound_field.errors:
        classes.add("is-invalid")
        described.append(f"{bound_field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
    attrs["class"] = " ".join(sorted(classes))
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)


@register.filter
def minutes(value) -> int:
    """A timedelta (or a number of hours) as whole minutes, at least 1."""
    if value is None or value == "":
        return 0
    seconds = value.total_seconds() if hasattr(value, "total_seconds") else float(value) * 3600
    return max(1, round(seconds / 60))
