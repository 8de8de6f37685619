"""The unit pickers of petitions' forms: ``core.pickers.PickerField`` whose select keeps an
accessible name once the type-ahead hides it (Tom Select moves the label to its own box)."""

from danvan.core.pickers import PickerField, PickerWidget


def unit_picker(source: str, *, label, **kwargs) -> PickerField:
    return PickerField(
        source, label=label, widget=PickerWidget(attrs={"aria-label": label}), **kwargs
    )
