"""Contributions by month: written by the services that make them, read by the profile.

``note_activity`` moves one member's count of one kind in one month (one statement, inside the
calling service's transaction); ``replace_activity`` writes a member's rows of some kinds again
from a recount (the moderation services: what a moderator hides stops counting). The profile
reads a member's rows in one query (``member_contributions``) and draws the chart from them:
no count over posts or cases on a page view. The kinds and their labels come from the apps that
write them (``accounts.extensions.ContributionKind``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import charts, extensions
from accounts.models import MemberActivity
from config.writes import Writes, write

CHART_MONTHS = 12
AREAS_SHOWN = 5


def month_of(at: datetime | None) -> date:
    """The first day of ``at``'s month in UTC (now when None)."""
    moment = (at or timezone.now()).astimezone(UTC)
    return date(moment.year, moment.month, 1)


_UPSERT = """
INSERT INTO accounts_memberactivity (user_id, month, kind, area, count)
VALUES (%(user)s, %(month)s, %(kind)s, %(area)s, %(delta)s)
ON CONFLICT (user_id, kind, month, area)
DO UPDATE SET count = accounts_memberactivity.count + EXCLUDED.count
"""


def note_activity(
    *,
    user_id: int | None,
    kind: str,
    at: datetime | None,
    area: str = "",
    delta: int = 1,
    writes: Writes | None = None,
) -> None:
    """``delta`` more (or fewer) ``kind`` by ``user_id`` in ``at``'s month and ``area``.

    One INSERT ... ON CONFLICT; call it inside the service's transaction (or add it to the
    service's ``writes``, ``config.writes``). A removal passes the time and area of what it
    removes, so the month it was counted in moves back. Nothing for a former member
    (``user_id`` None) or a zero ``delta``."""
    if user_id is None or not delta:
        return
    params = {"user": user_id, "month": month_of(at), "kind": kind, "area": area[:80]}
    write(_UPSERT, {**params, "delta": delta}, writes)


Row = tuple[int, date, str, str, int]  # user id, month, kind, area, count


def replace_activity(*, user_ids: Iterable[int], kinds: Iterable[str], rows: Iterable[Row]) -> None:
    """The members' rows of ``kinds`` become ``rows`` (a recount by the app owning the kinds).
    Two statements: a delete and one insert."""
    user_ids, kinds = list(user_ids), list(kinds)
    if not user_ids:
        return
    MemberActivity.objects.filter(user_id__in=user_ids, kind__in=kinds).delete()
    MemberActivity.objects.bulk_create(
        MemberActivity(user_id=u, month=m, kind=k, area=a, count=n)
        for u, m, k, a, n in rows
        if n and u is not None
    )


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Bar(charts.Box):  # whole numbers: the template adds to ``x``
    month: date
    label: str  # "Mar 2026"
    short: str  # "M", under the bar
    count: int


@dataclass(frozen=True)
class Contributions:
    lines: list[Line]
    areas: list[tuple[str, int]]  # the specialties most active in, with their counts
    bars: list[Bar]  # the last CHART_MONTHS months, oldest first
    charted: str  # what the chart counts ("Threads, replies, cases shared, outcomes posted")
    summary: str  # the chart's description, for those who cannot see it


# The chart's geometry (SVG user units): bars and gaps across, a baseline and room for labels.
BAR_WIDTH, BAR_GAP, CHART_HEIGHT, LABEL_ROOM = 20, 8, 80, 18
CHART_WIDTH = CHART_MONTHS * (BAR_WIDTH + BAR_GAP)
FRAME = charts.Frame(left=0, top=0, width=CHART_WIDTH, baseline=CHART_HEIGHT)


def _months_back(today: date, n: int) -> list[date]:
    months = []
    year, month = today.year, today.month
    for _i in range(n):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def member_contributions(*, member_id: int, now: datetime | None = None) -> Contributions:
    """What ``member_id`` gave, for their profile: one query over their activity rows.

    Every row counts published, visible items only (the writing apps move them that way), so
    the counts may be shown to anyone who may see the profile."""
    kinds = extensions.contribution_kinds()
    charted_keys = {kind.key for kind in kinds if kind.charted}
    totals: dict[str, int] = defaultdict(int)
    areas: dict[str, int] = defaultdict(int)
    by_month: dict[date, int] = defaultdict(int)
    for kind, month, area, count in MemberActivity.objects.filter(user_id=member_id).values_list(
        "kind", "month", "area", "count"
    ):
        totals[kind] += count
        if area:
            areas[area] += count
        if kind in charted_keys:
            by_month[month] += count
    lines = [Line(k.key, str(k.label), max(totals[k.key], 0)) for k in kinds]
    top = sorted(((n, a) for a, n in areas.items() if n > 0), key=lambda p: (-p[0], p[1]))
    shown_areas = [(extensions.activity_area_label(a), n) for n, a in top[:AREAS_SHOWN]]
    months = _months_back(month_of(now), CHART_MONTHS)
    counts = [max(by_month.get(m, 0), 0) for m in months]
    boxes = charts.columns(
        counts,
        frame=FRAME,
        top=max(counts) or 1,  # the busiest month's bar reaches the top
        fill=BAR_WIDTH / (BAR_WIDTH + BAR_GAP),
        digits=None,
    )
    bars = [
        Bar(
            box.x,
            box.y,
            box.width,
            box.height,
            month=month,
            label=date_format(month, "M Y"),
            short=date_format(month, "M")[:1],
            count=count,
        )
        for month, count, box in zip(months, counts, boxes, strict=True)
    ]
    charted = ", ".join(str(k.label).lower() for k in kinds if k.charted)
    return Contributions(
        lines=lines,
        areas=shown_areas,
        bars=bars,
        charted=charted,
        summary=_summary(bars),
    )


def _summary(bars: list[Bar]) -> str:
    total = sum(bar.count for bar in bars)
    first, last = bars[0].label, bars[-1].label
    if not total:
        return _("No contributions from %(first)s to %(last)s.") % {"first": first, "last": last}
    busiest = max(bars, key=lambda bar: bar.count)
    return ngettext(
        "%(total)d contribution from %(first)s to %(last)s; the most in %(busiest)s (%(most)d).",
        "%(total)d contributions from %(first)s to %(last)s; the most in %(busiest)s (%(most)d).",
        total,
    ) % {
        "total": total,
        "first": first,
        "last": last,
        "busiest": busiest.label,
        "most": busiest.count,
    }
