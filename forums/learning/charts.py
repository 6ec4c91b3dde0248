"""Bar charts for the yearly summary, drawn on the server as SVG (no script).

``accounts.charts`` computes the geometry; this names the bars and states the values, and
``templates/forums/learning/includes/bar_chart.html`` draws it as one ``<svg role="img">`` with a
``<title>`` and a ``<desc>`` that states every value; the page puts a table of the same numbers
beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts import charts

WIDTH = 640
HEIGHT = 240
LEFT = 48  # room for the hour labels
BOTTOM = 30  # room for the bar labels
TOP = 12
FRAME = charts.Frame(left=LEFT, top=TOP, width=WIDTH - LEFT, baseline=HEIGHT - BOTTOM)
FILL = 0.7  # of a month's slot; the rest is the gap between bars


@dataclass(frozen=True)
class Bar(charts.Box):
    label: str
    hours: float

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


def _bars(values: list[tuple[str, float]], boxes: list[charts.Box]) -> list[Bar]:
    return [
        Bar(box.x, box.y, box.width, box.height, label=label, hours=round(hours, 2))
        for (label, hours), box in zip(values, boxes, strict=True)
    ]


def bar_chart(values: list[tuple[str, float]]) -> Chart:
    """Vertical bars for (label, hours), in order, with four ticks up the hour axis."""
    hours = [h for _label, h in values]
    top = charts.nice_top(max(hours, default=0))
    boxes = charts.columns(hours, frame=FRAME, top=top, fill=FILL)
    ticks = [Tick(hours=round(h, 2), y=y) for h, y in charts.ticks(top, frame=FRAME)]
    return Chart(bars=_bars(values, boxes), ticks=ticks)


ROW = 40  # a row of the horizontal chart: its label above, its bar below


def row_chart(values: list[tuple[str, float]]) -> Chart:
    """Horizontal bars for (label, hours), one row each, labels above the bars (long names of
    specialties fit a phone's width); ``ticks`` is empty."""
    hours = [h for _label, h in values]
    boxes = charts.rows(
        hours,
        top=charts.nice_top(max(hours, default=0)),
        length=WIDTH - 80,  # room for the figure after the bar
        pitch=ROW,
        first=20,
        thickness=12,
    )
    return Chart(
        bars=_bars(values, boxes),
        ticks=[],
        height=max(len(values), 1) * ROW + 4,
        baseline=0,
        left=0,
    )
