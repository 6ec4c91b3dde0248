"""Reading the learning log: every function takes the member and reads their rows only.

One selector per page: the log (a page of entries, newest first, with the year's totals), one
entry, the yearly summary, a period for export, and what the member took part in but has not
logged (the suggestions page and the weekly prompt).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet, Subquery, Sum, Window
from django.utils import timezone

from accounts.models import User
from forums import extensions
from forums.models import (
    REFLECTION_NAMES,
    LearningCategory,
    LearningEntry,
    LearningSettings,
    PollVote,
    Post,
    Thread,
)

PAGE_SIZE = 20
SUGGESTIONS_SHOWN = 50
# What the suggestions look back over: a year, the span of one appraisal.
SUGGESTIONS_SINCE = timedelta(days=365)


def own_entries(user: User) -> QuerySet[LearningEntry]:
    """The only way into the table for pages: ``user``'s own entries."""
    return LearningEntry.objects.filter(user=user)


@dataclass
class LogPage:
    entries: list[LearningEntry]
    page: int
    has_next: bool
    year: int
    year_minutes: int
    year_count: int
    weekly_prompt: bool  # the member's choice for the reminder (``LearningSettings``)

    @property
    def year_hours(self) -> float:
        return round(self.year_minutes / 60, 2)


# What the log shows of an entry (a reflection only as written or not) and of its thread.
LOG_FIELDS = (
    "kind",
    "ref_id",
    "specialty",
    "activities",
    "date",
    "minutes",
    "category",
    *REFLECTION_NAMES,
    "thread",
    "thread__title",
    "thread__is_case_discussion",
    "thread__is_hidden",
)


def log_page(user: User, *, page: int = 1) -> LogPage:
    """A page of entries (newest first) with their threads, this year's totals and the
    reminder's setting. One query: the totals are window sums over the member's entries and
    the setting an uncorrelated subquery, both beside the page's rows; a page with no rows
    (an empty log, or past its end) asks for them on their own (three queries). No COUNT of
    the whole log: the page asks for one row more to know of a next."""
    page = max(1, page)
    year = timezone.localdate().year
    this_year = Q(date__year=year)
    prompt = LearningSettings.objects.filter(user=user).values_list("weekly_prompt", flat=True)
    rows: list[LearningEntry] = list(
        own_entries(user)
        .select_related("thread")
        .only(*LOG_FIELDS)
        .annotate(
            year_minutes=Window(Sum("minutes", filter=this_year)),
            year_count=Window(Count("pk", filter=this_year)),
            weekly_prompt=Subquery(prompt[:1]),
        )
        .order_by("-date", "-pk")[(page - 1) * PAGE_SIZE : page * PAGE_SIZE + 1]
    )
    if rows:
        first = rows[0]
        minutes, count = first.year_minutes, first.year_count  # type: ignore[attr-defined]
        weekly = first.weekly_prompt  # type: ignore[attr-defined]
    else:
        totals = own_entries(user).filter(this_year).aggregate(m=Sum("minutes"), n=Count("pk"))
        minutes, count = totals["m"], totals["n"]
        weekly = prompt.first()
    return LogPage(
        entries=rows[:PAGE_SIZE],
        page=page,
        has_next=len(rows) > PAGE_SIZE,
        year=year,
        year_minutes=minutes or 0,
        year_count=count or 0,
        weekly_prompt=bool(weekly),
    )


def thread_title(entry: LearningEntry) -> str:
    """The title to show the member beside a thread's reference: none for a case's
    discussion (its title is the case's), a hidden thread or a thread that is gone."""
    thread = entry.thread
    if thread is None or thread.is_case_discussion or thread.is_hidden:
        return ""
    return thread.title


@dataclass
class Totals:
    minutes: int = 0
    count: int = 0
    by_category: dict[str, int] = field(default_factory=dict)  # label -> minutes
    by_month: dict[str, int] = field(default_factory=dict)  # "YYYY-MM" -> minutes
    by_specialty: dict[str, int] = field(default_factory=dict)

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)


def totals_of(entries: list[LearningEntry]) -> Totals:
    """Minutes in all, per category (by label, in the categories' order), per month (every
    month with an entry, in order) and per specialty (most first)."""
    labels = dict(LearningCategory.choices)
    by_category: dict[str, int] = defaultdict(int)
    by_month: dict[str, int] = defaultdict(int)
    by_specialty: dict[str, int] = defaultdict(int)
    for entry in entries:
        by_category[entry.category] += entry.minutes
        by_month[f"{entry.date:%Y-%m}"] += entry.minutes
        by_specialty[entry.specialty or "-"] += entry.minutes
    return Totals(
        minutes=sum(e.minutes for e in entries),
        count=len(entries),
        by_category={
            str(labels[value]): by_category[value]
            for value in LearningCategory.values
            if value in by_category
        },
        by_month=dict(sorted(by_month.items())),
        by_specialty=dict(sorted(by_specialty.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def period_entries(user: User, *, start: date, end: date) -> list[LearningEntry]:
    """Entries dated from ``start`` to ``end`` (both included), oldest first. One query."""
    return list(own_entries(user).filter(date__gte=start, date__lte=end).order_by("date", "pk"))


@dataclass
class YearSummary:
    year: int
    months: list[tuple[date, int]]  # (first day of the month, minutes), January to December
    totals: Totals


def year_summary(user: User, *, year: int) -> YearSummary:
    """Minutes per month (all twelve) and per specialty and category in ``year``. One query."""
    entries = list(
        own_entries(user)
        .filter(date__year=year)
        .only("date", "minutes", "specialty", "category")
        .order_by("date", "pk")
    )
    totals = totals_of(entries)
    months = [
        (date(year, month, 1), totals.by_month.get(f"{year}-{month:02d}", 0))
        for month in range(1, 13)
    ]
    return YearSummary(year=year, months=months, totals=totals)


@dataclass
class Suggestion:
    thread: Thread
    kind: str
    ref_id: int
    specialty: str
    url: str
    title: str  # "" for a case


def _taken_part(user: User, *, since: datetime) -> QuerySet[Thread]:
    """Threads the member may read and took part in since ``since`` (posted, voted in the
    poll, or what a higher app adds: a quiz vote, a case posted) and has not logged."""
    posted = Post.objects.filter(author=user, created_at__gte=since, is_deleted=False).values(
        "thread_id"
    )
    voted = PollVote.objects.filter(user=user, created_at__gte=since).values("poll__thread_id")
    took_part = Q(pk__in=posted) | Q(pk__in=voted)
    for source in extensions.learning_sources():
        took_part |= Q(pk__in=source.taken_part(user=user, since=since))
    logged = LearningEntry.objects.filter(user=user, thread__isnull=False).values("thread_id")
    return Thread.objects.visible_to(user).filter(took_part).exclude(pk__in=logged)


def unlogged_counts(user: User, *, now: datetime | None = None) -> tuple[int, int]:
    """(cases, threads) the member took part in over the last year and has not logged, for
    the weekly prompt: counts only, nothing of their content."""
    now = now or timezone.now()
    rows = _taken_part(user, since=now - SUGGESTIONS_SINCE).aggregate(
        cases=Count("pk", filter=Q(is_case_discussion=True)),
        threads=Count("pk", filter=Q(is_case_discussion=False)),
    )
    return rows["cases"], rows["threads"]


def took_part_lately(user: User, *, since: datetime) -> bool:
    """Whether the member took part anywhere unlogged since ``since`` (a prompt is only sent
    after a week with something new, so a member who stopped posting is not asked forever)."""
    return _taken_part(user, since=since).exists()


def suggestions(user: User, *, now: datetime | None = None) -> list[Suggestion]:
    """The newest ``SUGGESTIONS_SHOWN`` unlogged threads and cases the member took part in,
    each as the log would name it. Two queries, plus one per higher app."""
    now = now or timezone.now()
    threads = list(
        _taken_part(user, since=now - SUGGESTIONS_SINCE)
        .select_related("category")
        .order_by("-last_posted_at", "-pk")[:SUGGESTIONS_SHOWN]
    )
    ids = [t.pk for t in threads]
    described: dict[int, extensions.LearningItem] = {}
    for source in extensions.learning_sources():
        described.update(source.describe(user=user, thread_ids=ids))
    found = []
    for thread in threads:
        item = described.get(thread.pk)
        if item is not None:
            found.append(Suggestion(thread, item.kind, item.ref_id, item.specialty, item.url, ""))
        else:
            found.append(
                Suggestion(
                    thread,
                    "thread",
                    thread.pk,
                    thread.category.name,
                    thread.get_absolute_url(),
                    "" if thread.is_case_discussion else thread.title,
                )
            )
    return found
