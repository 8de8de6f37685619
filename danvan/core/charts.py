"""Charts people read at a glance, each with its table (WCAG: the numbers are never only a
picture). Drawn in the browser by Chart.js (vendored); the page holds the data as JSON.

A view builds one and the template includes it::

    chart = Chart(
        id="reporting-rate",
        title=_("Reporting rate by area"),
        kind="hbar",
        labels=[area.name for area in areas],
        series=[Series(_("Reported"), [a.rate for a in areas])],
        percent=True,
    )
    {% include "core/_chart.html" with chart=chart %}
"""

from __future__ import annotations

from dataclasses import dataclass, field

from danvan.lib.numbers import format_number

KINDS = ("bar", "hbar", "line", "doughnut")
MAX_POINTS = 60  # more would not be read at a glance: page or group first


@dataclass
class Series:
    label: str
    values: list
    #: stack the series that share a stack name (bar charts)
    stack: str = ""


@dataclass
class Chart:
    id: str
    title: str
    labels: list[str]
    series: list[Series]
    kind: str = "bar"
    unit: str = ""
    percent: bool = False
    stacked: bool = False
    note: str = ""
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"chart kind must be one of {KINDS}")
        self.labels = [str(label) for label in self.labels[:MAX_POINTS]]
        for series in self.series:
            series.values = list(series.values)[:MAX_POINTS]

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"

    @property
    def payload(self) -> dict:
        return {
            "kind": self.kind,
            "labels": self.labels,
            "series": [
                {"label": str(s.label), "values": [_plain(v) for v in s.values], "stack": s.stack}
                for s in self.series
            ],
            "unit": str(self.unit),
            "percent": self.percent,
            "stacked": self.stacked,
        }

    @property
    def rows(self) -> list[tuple[str, list[str]]]:
        """The table under the chart: one row per label, one cell per series, written the
        Vietnamese way."""
        out = []
        for index, label in enumerate(self.labels):
            cells = []
            for series in self.series:
                value = series.values[index] if index < len(series.values) else None
                text = "—" if value is None else format_number(value, 1 if self.percent else None)
                cells.append(f"{text} %" if self.percent and value is not None else text)
            out.append((label, cells))
        return out


def _plain(value):
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
