"""The geometry of the server-drawn bar charts (``accounts.charts``), shared by the profile's
contributions chart and the learning log's summary: bars stay inside the chart's viewBox, stand
on the baseline, do not overlap, and their heights (or lengths) are proportional to their
values, for no bars, all zeros, one value and many."""

from __future__ import annotations

from itertools import pairwise

import pytest

from accounts import charts

# The profile's chart: viewBox 0 0 336 100, bars of 20 in slots of 28, baseline at 80.
FRAME = charts.Frame(left=0, top=0, width=336, baseline=80)
# The learning summary's: viewBox 0 0 640 240, room for labels on the left and below.
PADDED = charts.Frame(left=48, top=12, width=592, baseline=210)


def _inside(boxes, frame, *, view_width, view_height):
    for box in boxes:
        assert frame.left <= box.x
        assert box.x + box.width <= frame.left + frame.width <= view_width
        assert frame.top <= box.y <= frame.baseline <= view_height
        assert box.height >= 0
        assert box.y + box.height == pytest.approx(frame.baseline, abs=0.11)  # on the baseline


def _apart(boxes):
    for before, after in pairwise(boxes):
        assert before.x + before.width < after.x


def test_no_values_draw_no_bars():
    assert charts.columns([], frame=FRAME, top=1, fill=0.5) == []
    assert charts.rows([], top=1, length=100, pitch=40, thickness=12) == []


def test_zeros_draw_flat_bars_on_the_baseline():
    boxes = charts.columns([0] * 12, frame=FRAME, top=1, fill=20 / 28, digits=None)
    assert [(box.y, box.height) for box in boxes] == [(80, 0)] * 12
    _inside(boxes, FRAME, view_width=336, view_height=100)
    _apart(boxes)


def test_one_value_fills_the_height_in_a_centred_bar():
    (box,) = charts.columns([7], frame=PADDED, top=7, fill=0.7)
    assert (box.y, box.height) == (12, 198)  # from the frame's top to its baseline
    assert box.width == pytest.approx(592 * 0.7, abs=0.05)
    assert box.x - 48 == pytest.approx(640 - (box.x + box.width), abs=0.1)  # centred
    _inside([box], PADDED, view_width=640, view_height=240)


def test_many_values_are_proportional_inside_the_view_box():
    values = [0, 1, 5, 2, 10, 3, 8, 0, 4, 6, 9, 7]
    boxes = charts.columns(values, frame=FRAME, top=10, fill=20 / 28, digits=None)
    assert [box.height for box in boxes] == [v * 8 for v in values]  # 80 units for 10
    assert [box.x for box in boxes] == [4 + 28 * i for i in range(12)]
    assert {box.width for box in boxes} == {20}
    _inside(boxes, FRAME, view_width=336, view_height=100)
    _apart(boxes)

    hours = [0.5, 12.25, 3.0, 40.0, 0.0, 17.5, 33.3, 1.0, 2.0, 25.0, 39.9, 8.0]
    top = charts.nice_top(max(hours))
    boxes = charts.columns(hours, frame=PADDED, top=top, fill=0.7)
    for value, box in zip(hours, boxes, strict=True):
        assert box.height == pytest.approx(198 * value / top, abs=0.05)
    _inside(boxes, PADDED, view_width=640, view_height=240)
    _apart(boxes)


def test_whole_numbers_when_asked_so_templates_write_no_decimals():
    boxes = charts.columns([3, 1, 2], frame=FRAME, top=3, fill=0.5, digits=None)
    assert all(type(v) is int for box in boxes for v in (box.x, box.y, box.width, box.height))


@pytest.mark.parametrize(
    ("value", "top"),
    [(0, 1), (0.4, 1), (1, 1), (1.5, 2), (3, 5), (7, 10), (10, 10), (12, 20), (480, 500)],
)
def test_the_axis_top_is_a_round_number_at_least_the_largest_value(value, top):
    assert charts.nice_top(value) == top


def test_ticks_run_from_the_baseline_to_the_frame_top():
    assert charts.ticks(20, frame=PADDED) == [
        (0, 210),
        (5, 160.5),
        (10, 111),
        (15, 61.5),
        (20, 12),
    ]


def test_rows_are_proportional_and_a_small_value_still_shows():
    boxes = charts.rows(
        [0, 5, 10], top=10, length=560, pitch=40, first=20, thickness=12, shortest=1
    )
    assert [box.width for box in boxes] == [1, 280, 560]
    assert [box.y for box in boxes] == [20, 60, 100]
    assert {(box.x, box.height) for box in boxes} == {(0, 12)}
