"""Figures the system already knows, offered to report templates for pre-filling.

An app that can count something for a unit's subtree over a period registers it once, in its
``AppConfig.ready``::

    from danvan.reports import sources

    sources.register(sources.KnownFigure(
        key="exemplars.registered",
        label=_("Models and exemplars registered"),
        unit=_("models"),
        compute=selectors.count_registered,
    ))

``compute(unit_path, start, end)`` returns the figure for every unit whose path starts with
``unit_path`` (the unit and its subtree), counting what happened from ``start`` to ``end``
inclusive (dates). It must not depend on who asks: the report belongs to the unit. An optional
``compute_many(unit_paths, start, end)`` returns ``{unit_path: figure}`` for many units in a few
queries (used when a round pre-fills thousands of drafts).

The reports app owns this registry; the apps that register only depend on this module.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Compute = Callable[[str, dt.date, dt.date], int]
ComputeMany = Callable[[list[str], dt.date, dt.date], dict[str, int]]


@dataclass(frozen=True)
class KnownFigure:
    key: str
    label: str
    unit: str
    compute: Compute
    compute_many: ComputeMany | None = None


_FIGURES: dict[str, KnownFigure] = {}


def register(figure: KnownFigure) -> KnownFigure:
    _FIGURES[figure.key] = figure
    return figure


def known_figures() -> dict[str, KnownFigure]:
    return dict(_FIGURES)


def get(key: str) -> KnownFigure | None:
    return _FIGURES.get(key)


def compute(key: str, unit_path: str, start: dt.date, end: dt.date) -> int | None:
    figure = _FIGURES.get(key)
    return None if figure is None else int(figure.compute(unit_path, start, end))


def compute_many(
    key: str, unit_paths: Iterable[str], start: dt.date, end: dt.date
) -> dict[str, int]:
    figure = _FIGURES.get(key)
    paths = list(unit_paths)
    if figure is None:
        return {}
    if figure.compute_many is not None:
        return {path: int(value) for path, value in figure.compute_many(paths, start, end).items()}
    return {path: int(figure.compute(path, start, end)) for path in paths}
