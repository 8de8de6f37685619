"""Checks every service shares. Services validate their own input (a form is one caller; the
API, imports and jobs are others), and raise ValidationFailed naming the field."""

from django.utils.translation import gettext as _

from danvan.core.errors import ValidationFailed


def clean_text(
    value,
    *,
    field: str,
    label: str,
    max_length: int,
    required: bool = False,
    one_line: bool = False,
) -> str:
    """``value`` stripped; refused when required and empty, or longer than ``max_length``.

    ``one_line`` also collapses inner whitespace (names, titles, codes): "Xã  Trường\\nSơn"
    becomes "Xã Trường Sơn". Multi-line text (content, reasons) keeps its line breaks.
    """
    text = " ".join(str(value or "").split()) if one_line else str(value or "").strip()
    if required and not text:
        raise ValidationFailed(
            _("Enter the %(label)s.") % {"label": label}, field=field, code="required"
        )
    if len(text) > max_length:
        raise ValidationFailed(
            _("The %(label)s is too long (at most %(max)d characters).")
            % {"label": label, "max": max_length},
            field=field,
            code="too_long",
        )
    return text


def clean_count(value, *, field: str, label: str, minimum: int = 0, maximum: int = 10**9) -> int:
    """A whole number between ``minimum`` and ``maximum``."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationFailed(
            _("Enter the %(label)s as a whole number.") % {"label": label}, field=field
        ) from None
    if number < minimum or number > maximum:
        raise ValidationFailed(
            _("The %(label)s must be between %(min)d and %(max)d.")
            % {"label": label, "min": minimum, "max": maximum},
            field=field,
        )
    return number
