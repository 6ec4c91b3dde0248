"""The geometry of a bar chart drawn on the server as SVG (no script): where its bars and the
ticks up its value axis go.

The callers' templates draw it as one ``<svg role="img">`` with a ``<title>`` and a ``<desc>``
that states the values, and their pages put a table of the same numbers beside it; this module
only places things. Sizes are in the SVG's own units (its ``viewBox``), so a chart scales to the
width of a phone or a desktop; y grows downwards, as in SVG. Used by the profile's
contributions chart (``accounts.activity``) and the learning log's yearly summary
(``forums.learning.charts``).

``digits`` is how a coordinate is rounded: to that many decimals, or to a whole number with
``None`` (``round``'s own rule), so a template writes ``x="4"`` rather than ``x="4.0"``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """A bar's rectangle: its top left corner, its width and its height."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Frame:
    """Where vertical bars stand: from ``left`` across ``width``, rising from ``baseline`` at
    most to ``top`` (the axis' top value reaches it)."""

    left: float
    top: float
    width: float
    baseline: float

    @property
    def height(self) -> float:
        return self.baseline - self.top


def nice_top(value: float) -> float:
    """An axis' top: 1, 2 or 5 times a power of ten, at least ``value`` (and at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def columns(
    values: Sequence[float], *, frame: Frame, top: float, fill: float, digits: int | None = 1
) -> list[Box]:
    """Vertical bars for ``values``, in order, in equal slots across ``frame``: each bar fills
    ``fill`` of its slot's width, centred, and its height is its value's share of ``top`` (a
    value of ``top`` reaches the frame's top). ``top`` must be positive; values are not
    negative."""
    slot = frame.width / max(len(values), 1)
    inset = slot * (1 - fill) / 2
    boxes = []
    for index, value in enumerate(values):
        height = frame.height * value / top
        boxes.append(
            Box(
                x=round(frame.left + index * slot + inset, digits),
                y=round(frame.baseline - height, digits),
                width=round(slot * fill, digits),
                height=round(height, digits),
            )
        )
    return boxes


def rows(
    values: Sequence[float],
    *,
    top: float,
    length: float,
    pitch: float,
    thickness: float,
    first: float = 0,
    left: float = 0,
    shortest: float = 1,
    digits: int | None = 1,
) -> list[Box]:
    """Horizontal bars for ``values``, one every ``pitch`` down from ``first``, each starting
    at ``left``; a bar's length is its value's share of ``top`` in ``length`` (at least
    ``shortest``, so a row with a small value still shows a mark)."""
    return [
        Box(
            x=left,
            y=first + index * pitch,
            width=round(max(length * value / top, shortest), digits),
            height=thickness,
        )
        for index, value in enumerate(values)
    ]


def ticks(
    top: float, *, frame: Frame, steps: int = 4, digits: int | None = 1
) -> list[tuple[float, float]]:
    """(value, y) for ``steps + 1`` ticks up the value axis, from 0 at the baseline to ``top``
    at the frame's top."""
    return [
        (top * step / steps, round(frame.baseline - frame.height * step / steps, digits))
        for step in range(steps + 1)
    ]
