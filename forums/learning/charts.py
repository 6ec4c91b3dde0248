"""Bar charts for the yearly summary, drawn on the server as SVG (no script).

This computes the geometry; ``templates/forums/learning/includes/bar_chart.html`` draws it as
one ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that states every value, and the
page puts a table of the same numbers beside it. Sizes are in the SVG's own units (its
``viewBox``), so the chart scales to the width of a phone or a desktop.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

WIDTH = 640
HEIGHT = 240
LEFT = 48  # room for the hour labels
BOTTOM = 30  # room for the bar labels
TOP = 12


@dataclass(frozen=True)
class Bar:
    label: str
    hours: float
    x: float
    y: float
    width: float
    height: float

    @property
    def label_x(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Tick:
    hours: float
    y: float


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - BOTTOM
    left: int = LEFT

    @property
    def description(self) -> str:
        return "; ".join(
            _("%(label)s: %(hours)s hours") % {"label": bar.label, "hours": f"{bar.hours:g}"}
            for bar in self.bars
        )


def _nice_top(value: float) -> float:
    """The axis' top: 1, 2 or 5 times a power of ten, at least ``value`` (and at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def bar_chart(values: list[tuple[str, float]]) -> Chart:
    """Vertical bars for (label, hours), in order, with four ticks up the hour axis."""
    top = _nice_top(max((hours for _label, hours in values), default=0))
    plot_height = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT) / max(len(values), 1)
    bars = []
    for index, (label, hours) in enumerate(values):
        height = plot_height * hours / top
        bars.append(
            Bar(
                label=label,
                hours=round(hours, 2),
                x=round(LEFT + index * slot + slot * 0.15, 1),
                y=round(HEIGHT - BOTTOM - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
            )
        )
    ticks = [
        Tick(hours=round(top * i / 4, 2), y=round(HEIGHT - BOTTOM - plot_height * i / 4, 1))
        for i in range(5)
    ]
    return Chart(bars=bars, ticks=ticks)


ROW = 40  # a row of the horizontal chart: its label above, its bar below


def row_chart(values: list[tuple[str, float]]) -> Chart:
    """Horizontal bars for (label, hours), one row each, labels above the bars (long names of
    specialties fit a phone's width); ``ticks`` is empty."""
    top = _nice_top(max((hours for _label, hours in values), default=0))
    usable = WIDTH - 80  # room for the figure after the bar
    bars = [
        Bar(
            label=label,
            hours=round(hours, 2),
            x=0,
            y=index * ROW + 20,
            width=round(max(usable * hours / top, 1), 1),
            height=12,
        )
        for index, (label, hours) in enumerate(values)
    ]
    return Chart(bars=bars, ticks=[], height=max(len(values), 1) * ROW + 4, baseline=0, left=0)
