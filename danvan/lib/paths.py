"""Where an object sits in the organisation tree, read from its model's ``ACCESS_UNIT_PATH``.

No Django import: the audit trail (below every app) and the access module both read it.
"""


def path_field(model) -> str:
    field = getattr(model, "ACCESS_UNIT_PATH", None)
    if not field:
        raise TypeError(f"{model.__name__} declares no ACCESS_UNIT_PATH; access cannot scope it.")
    return field


def unit_path_of(obj) -> str:
    """The tree path of the unit ``obj`` belongs to ("/1/20/1802/"), or "" when it has none."""
    field = path_field(type(obj))
    target = obj
    for part in field.split("__")[:-1]:
        target = getattr(target, part)
        if target is None:
            return ""
    return getattr(target, field.split("__")[-1])
