"""Small checks shared by the report services."""

from django.utils.translation import gettext as _

from danvan.core.errors import ValidationFailed


def clean_text(value, *, field: str, label: str, max_length: int, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationFailed(_("Enter the %(label)s.") % {"label": label}, field=field)
    if len(text) > max_length:
        raise ValidationFailed(
            _("The %(label)s is too long (at most %(max)d characters).")
            % {"label": label, "max": max_length},
            field=field,
        )
    return text
