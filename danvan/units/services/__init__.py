"""Writes to the organisation tree (``tree``) and the official loader (``loading``).

Callers import from here: ``from danvan.units import services; services.unit_create(...)``.
"""

from danvan.units.services.loading import (
    OFFICIAL_LIST_DATE,
    LoadResult,
    agency_name,
    ensure_defaults,
    units_load_official,
)
from danvan.units.services.tree import (
    CODE_MAX,
    NAME_MAX,
    SHORT_NAME_MAX,
    _fill_paths,
    unit_create,
    unit_deactivate,
    unit_delete,
    unit_move,
    unit_update,
)

__all__ = [
    "CODE_MAX",
    "NAME_MAX",
    "SHORT_NAME_MAX",
    "OFFICIAL_LIST_DATE",
    "LoadResult",
    "_fill_paths",
    "agency_name",
    "ensure_defaults",
    "unit_create",
    "unit_deactivate",
    "unit_delete",
    "unit_move",
    "unit_update",
    "units_load_official",
]
