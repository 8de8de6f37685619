"""One picker for every field that chooses among many rows (units above all): the user types part
of a name, with or without diacritics, and picks from at most ``LIMIT`` matches. No form ever
lists thousands of options, and nobody types an id.

An app declares what may be picked for an action in its ``hooks.register()``::

    pickers.register(PickerSource(
        name="petitions.forward-targets",
        queryset=lambda actor: selectors.forward_targets(actor),  # what the action allows
        search=lambda qs, terms: ...,                             # narrow by the typed words
        label=lambda unit: "Xã Kim Phú · Tỉnh Quảng Trị",         # what the user reads
    ))

and its form uses the source by name::

    target = PickerField("petitions.forward-targets", label=_("Forward to"))
    members = PickerMultipleField("units.visible", label=_("Units"))

The field's choices are the source's queryset for the form's actor (``ServiceForm`` binds it),
so a submitted id outside what the action allows is refused like any invalid choice. The
widget is a ``<select>`` holding only the chosen rows; Tom Select (vendored) turns it into a
type-ahead that asks ``/chon/<source>/?q=…`` for matches.

``danvan.units.pickers`` builds unit sources (folded-name search, the unit's path as label).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.lib.text import search_terms

LIMIT = 20


@dataclass(frozen=True)
class PickerSource:
    name: str
    #: the rows the actor may pick for this action (also what the field validates against)
    queryset: Callable[[object], QuerySet]
    #: the rows of a queryset matching the typed words (folded: lower-case, no diacritics)
    search: Callable[[QuerySet, list[str]], QuerySet]
    #: the text shown for a row: its name and where it sits ("Xã Kim Phú · Tỉnh Quảng Trị")
    label: Callable[[object], str] = str
    #: labels of many rows at once (one query for their paths); defaults to ``label`` per row
    labels: Callable[[list], list[str]] | None = None
    #: the order of matches (the closest first)
    ordering: tuple[str, ...] = field(default=("pk",))
    #: minimum typed characters before searching
    min_chars: int = 1

    def matches(self, actor, query: str, *, limit: int = LIMIT) -> list[tuple[object, str]]:
        terms = search_terms(query)
        if sum(len(t) for t in terms) < self.min_chars:
            return []
        qs = self.search(self.queryset(actor), terms).order_by(*self.ordering)
        ids = list(qs.values_list("pk", flat=True)[:limit])
        rows = qs.model._default_manager.in_bulk(ids)
        found = [rows[i] for i in ids if i in rows]
        return list(zip(found, self.label_all(found), strict=True))

    def label_all(self, rows: list) -> list[str]:
        if self.labels is not None:
            return self.labels(rows)
        return [self.label(row) for row in rows]


_SOURCES: dict[str, PickerSource] = {}


def register(source: PickerSource) -> None:
    _SOURCES[source.name] = source


def get(name: str) -> PickerSource:
    return _SOURCES[name]


def names() -> list[str]:
    return sorted(_SOURCES)


class PickerWidget(forms.Select):
    """A select of the chosen rows only, turned into a type-ahead by ``static/js/danvan.js``."""

    template_name = "core/widgets/picker.html"
    option_template_name = "django/forms/widgets/select_option.html"

    def __init__(self, attrs=None, *, multiple: bool = False):
        super().__init__(attrs)
        self.allow_multiple_selected = multiple
        self.source_name = ""
        self.placeholder = ""

    def value_from_datadict(self, data, files, name):
        if self.allow_multiple_selected:
            getter = getattr(data, "getlist", None)
            return getter(name) if getter is not None else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name) -> bool:
        return not self.allow_multiple_selected and name not in data

    def get_context(self, name, value, attrs):
        attrs = {**(attrs or {})}
        attrs["data-picker"] = reverse("core:picker", args=[self.source_name])
        attrs["data-placeholder"] = str(self.placeholder or _("Type part of the name"))
        attrs["data-no-results"] = str(_("Nothing found"))
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        return super().get_context(name, value, attrs)

    def optgroups(self, name, value, attrs=None):
        """Only the chosen rows, labelled by the source: never the whole queryset."""
        chosen = [str(v) for v in value if v not in (None, "")]
        if not chosen:
            return [(None, [self.create_option(name, "", "", False, 0)], 0)]
        queryset = self.choices.queryset
        try:
            rows = list(queryset.filter(pk__in=chosen))
        except (ValueError, TypeError):
            rows = []
        labels = get(self.source_name).label_all(rows)
        options = [
            self.create_option(name, str(row.pk), text, True, index)
            for index, (row, text) in enumerate(zip(rows, labels, strict=True))
        ]
        return [(None, options, 0)]


class _PickerMixin:
    def _setup(self, source: str, placeholder):
        self.source_name = source
        self.widget.source_name = source
        self.widget.placeholder = placeholder

    def bind_actor(self, actor) -> None:
        """Choices are what the source allows this actor (called by ServiceForm)."""
        self.queryset = get(self.source_name).queryset(actor)
        self.widget.source_name = self.source_name


class PickerField(_PickerMixin, forms.ModelChoiceField):
    def __init__(self, source: str, *, placeholder=None, **kwargs):
        kwargs.setdefault("widget", PickerWidget())
        kwargs.setdefault("empty_label", "")
        super().__init__(queryset=None, **kwargs)
        self._setup(source, placeholder)

    def label_from_instance(self, obj):
        return get(self.source_name).label(obj)


class PickerMultipleField(_PickerMixin, forms.ModelMultipleChoiceField):
    def __init__(self, source: str, *, placeholder=None, max_count: int = 500, **kwargs):
        kwargs.setdefault("widget", PickerWidget(multiple=True))
        super().__init__(queryset=None, **kwargs)
        self.max_count = max_count
        self._setup(source, placeholder)

    def clean(self, value):
        if value and len(value) > self.max_count:
            raise forms.ValidationError(
                _("Choose at most %(max)d.") % {"max": self.max_count}, code="too_many"
            )
        return super().clean(value)

    def label_from_instance(self, obj):
        return get(self.source_name).label(obj)
