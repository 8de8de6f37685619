"""The one bridge from a form to a service, and the fields every form shares.

A form validates what the user typed and calls one service::

    class AcceptForm(ServiceForm):
        note = forms.CharField(required=False)

        def call_service(self):
            return services.case_accept(actor=self.actor, case=self.case, **self.cleaned_data)

    form = AcceptForm(posted(request), actor=request.user)
    if form.save():
        return redirect(form.result)

``save()`` is the same everywhere:

- invalid input: False, the errors on their fields;
- the service refuses with a ValidationFailed or a ConflictError the user can fix: False, the
  message beside the field it names (``field_aliases`` maps a service's field name to the
  form's), or at the top of the form;
- someone saved the same object first (:class:`~danvan.core.concurrency.EditConflict`): False,
  a message at the top saying what they changed; the user's input stays on the page;
- NotFoundError and PermissionDeniedError are not the user's to fix on this form: they go on
  to the middleware, which answers 404 and 403 like every other page;
- the same form sent twice (``danvan.core.once``): the work is done once; the second request
  gets the first one's result.

Dates are typed dd/mm/yyyy and numbers 50.000.000 / 93,5 whatever the browser's language
(:class:`DateField`, :class:`IntegerField`, :class:`DecimalField`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core import once
from danvan.core.concurrency import EditConflict
from danvan.core.errors import ConflictError, DomainError, ValidationFailed
from danvan.lib.numbers import NumberFormatError, format_number, parse_number

DATE_FORMAT = "%d/%m/%Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
_SNAPSHOT_SALT = "danvan.core.forms.edit"


def style(form: forms.Form) -> None:
    """Bootstrap classes on every widget that has none yet."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            css = "form-check-input" if isinstance(widget, forms.CheckboxInput) else ""
        elif isinstance(widget, forms.RadioSelect | forms.HiddenInput):
            css = ""
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        if css:
            widget.attrs.setdefault("class", css)


# --- Dates ------------------------------------------------------------------------------------


class DateInput(forms.DateInput):
    """A text box that shows and takes dd/mm/yyyy, with a calendar to pick from.

    Not ``<input type="date">``: the browser would show it in its own language's order
    (11/02/2026 on an English browser for 2 November). The calendar is vanillajs-datepicker,
    set to dd/mm/yyyy and Vietnamese by ``static/js/danvan.js``.
    """

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "inputmode": "numeric",
            "placeholder": "dd/mm/yyyy",
            "autocomplete": "off",
            "data-datepicker": "",
            "maxlength": "10",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DATE_FORMAT)


class DateField(forms.DateField):
    widget = DateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {
        "invalid": gettext_lazy("Enter a date as day/month/year, for example 02/11/2026."),
    }

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
        day = super().to_python(value)
        if day is not None and not 1900 <= day.year <= 2200:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return day


# --- Numbers ------------------------------------------------------------------------------------


class NumberInput(forms.TextInput):
    """A text box for a Vietnamese number: shows 50.000.000 and 93,5, never 50000000."""

    def __init__(self, attrs=None, *, decimals: int | None = None):
        self.decimals = decimals
        defaults = {"inputmode": "decimal" if decimals != 0 else "numeric", "autocomplete": "off"}
        super().__init__(attrs={**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return format_number(value, self.decimals)
        return super().format_value(value)


_NUMBER_MESSAGES = {
    "empty": gettext_lazy("Enter a number."),
    "comma_grouping": gettext_lazy(
        "Write thousands with dots and decimals with a comma, for example 50.000.000 or 93,5."
    ),
    "bad_grouping": gettext_lazy(
        "A dot separates thousands (groups of three digits, as in 50.000.000); "
        "for decimals use a comma, as in 93,5."
    ),
    "not_a_number": gettext_lazy("Enter a number, for example 50.000.000 or 93,5."),
}


def _read_number(value) -> Decimal | None:
    if value in (None, ""):
        return None
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    try:
        return parse_number(str(value))
    except NumberFormatError as error:
        raise ValidationError(_NUMBER_MESSAGES[error.reason], code="invalid") from None


class IntegerField(forms.IntegerField):
    """A whole number typed the Vietnamese way (50.000.000)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", NumberInput(decimals=0))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        number = _read_number(value)
        if number is None:
            return None
        if number != number.to_integral_value():
            raise ValidationError(_("Enter a whole number."), code="invalid")
        return int(number)

    def widget_attrs(self, widget):
        return {}  # no min/max attributes: the browser would check them its own way


class DecimalField(forms.DecimalField):
    """A number with decimals typed the Vietnamese way (93,5; 1.234,75)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", NumberInput(decimals=kwargs.get("decimal_places")))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return _read_number(value)

    def widget_attrs(self, widget):
        return {}


# --- The bridge -------------------------------------------------------------------------------


def _shown(value) -> str:
    """A value as the conflict message shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float | Decimal):
        return format_number(value)
    if isinstance(value, list | tuple):
        return ", ".join(_shown(v) for v in value) or "—"
    text = str(value)
    return text if len(text) <= 120 else text[:117] + "…"


def _current(obj, name: str):
    value = getattr(obj, name, None)
    if isinstance(value, models.Manager):
        return sorted(str(item) for item in value.all())
    if isinstance(value, models.Model):
        return str(value)
    if callable(value):
        return value()
    return value


class ServiceForm(forms.Form):
    """See the module docstring. Subclasses implement ``call_service()``."""

    #: a service's field name → this form's field name, when they differ
    field_aliases: dict[str, str] = {}
    #: for an edit form: the object's fields whose changes by someone else the conflict
    #: message lists (``guard_edit`` sets them)
    result = None
    replayed = False

    def __init__(self, *args, actor=None, **kwargs):
        if actor is not None or not hasattr(self, "actor"):
            self.actor = actor
        super().__init__(*args, **kwargs)
        self._guarded = None
        style(self)
        for field in self.fields.values():
            bind = getattr(field, "bind_actor", None)
            if bind is not None:
                bind(self.actor)

    def call_service(self):
        raise NotImplementedError

    # -- editing the same object as someone else -----------------------------------------------

    def guard_edit(self, obj, fields: dict[str, str]) -> None:
        """Carry ``obj``'s version and what the user sees of ``fields`` (name → label).

        The template renders ``{{ form.version }}`` and ``{{ form.seen }}`` (hidden). The
        service receives ``self.version`` and refuses a stale save with EditConflict; the
        message then lists what the other person changed among ``fields``.
        """
        self._guarded = (obj, fields)
        snapshot = {name: _shown(_current(obj, name)) for name in fields}
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, initial=obj.version
        )
        self.fields["seen"] = forms.CharField(
            widget=forms.HiddenInput,
            required=False,
            initial=signing.dumps(snapshot, salt=_SNAPSHOT_SALT, compress=True),
        )

    @property
    def version(self) -> int | None:
        if self._guarded is None:
            return None
        raw = self.data.get(self.add_prefix("version")) if self.is_bound else None
        try:
            return int(raw)
        except (TypeError, ValueError):
            return -1  # a page without the version is stale by definition

    def _conflict_changes(self, fresh) -> list[str]:
        if self._guarded is None:
            return []
        fields = self._guarded[1]
        try:
            seen = signing.loads(
                self.data.get(self.add_prefix("seen"), ""), salt=_SNAPSHOT_SALT, max_age=86400
            )
        except signing.BadSignature:
            seen = {}
        changes = []
        for name, label in fields.items():
            now = _shown(_current(fresh, name))
            before = seen.get(name)
            if before is not None and before != now:
                changes.append(
                    _("%(field)s: “%(before)s” → “%(after)s”")
                    % {"field": label, "before": before, "after": now}
                )
        return changes

    def _accept_conflict(self, fresh) -> None:
        """After a conflict the page carries the new version: saving again is a knowing choice."""
        data = self.data.copy()
        data[self.add_prefix("version")] = str(fresh.version)
        fields = self._guarded[1]
        snapshot = {name: _shown(_current(fresh, name)) for name in fields}
        data[self.add_prefix("seen")] = signing.dumps(snapshot, salt=_SNAPSHOT_SALT, compress=True)
        self.data = data

    # -- the call ----------------------------------------------------------------------------

    def save(self) -> bool:
        """Validate, call the service once, keep its result. True when it was done."""
        if not self.is_valid():
            return False
        try:
            with once.guard(once.token_of(self.data), self.actor) as done:
                done.result = self.result = self.call_service()
        except once.AlreadyDone as replay:
            if replay.result is None:
                raise
            self.result, self.replayed = replay.result, True
            return True
        except EditConflict as conflict:
            changes = self._conflict_changes(conflict.obj)
            message = str(conflict.message)
            if changes:
                message += " " + _("Changed by the other person:") + " " + "; ".join(changes) + "."
            self.add_error(None, message)
            if self._guarded is not None:
                self._accept_conflict(conflict.obj)
            return False
        except (ValidationFailed, ConflictError) as error:
            self.add_error(self._field_for(error.field), str(error.message))
            return False
        except DomainError as error:
            if error.status != 400:
                raise  # 403, 404 and the like: the middleware answers them as everywhere
            self.add_error(self._field_for(error.field), str(error.message))
            return False
        return True

    def _field_for(self, name: str | None) -> str | None:
        name = self.field_aliases.get(name, name)
        return name if name in self.fields else None
