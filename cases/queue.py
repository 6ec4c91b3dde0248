"""One moderation queue for every report: posts, threads, cases and members, one row per
reported item (however many members reported it), with the content inline and the decisions a
moderator takes in one click.

It lives in cases because this is the one app that may import every kind of content (imports
flow cases -> forums -> accounts). Reads in ``queue_page``; each decision in ``decide_item``
calls the content's own service and then closes the item's open reports through
``forums.posting.reports`` (which tells each reporter the outcome on the site and writes the log).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count, Max, Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.moderation import SUSPENSION_LENGTHS, suspend_member
from cases import moderation as case_moderation
from cases.models import Case
from forums.consults import moderation as consult_moderation
from forums.models import Message, Post, Report, Thread
from forums.posting import moderation as forum_moderation
from forums.posting import reports

ITEMS_PER_PAGE = 50

KINDS = {
    "post": gettext_lazy("Posts"),
    "thread": gettext_lazy("Threads"),
    "case": gettext_lazy("Cases"),
    "member": gettext_lazy("Members"),
    "message": gettext_lazy("Private messages"),
}
_MODELS = {"post": Post, "thread": Thread, "case": Case, "member": User, "message": Message}
ORDERS = {
    "oldest": ("first", "target_type", "target_id"),
    "newest": ("-last", "target_type", "target_id"),
    "most": ("-reports", "first", "target_id"),
}
DECISIONS = ("hide", "resolve", "dismiss", "suspend")


@dataclass
class QueueItem:
    kind: str
    target_type_id: int
    target_id: int
    first: datetime
    count: int
    target: object | None = None  # the post, thread, case or member; None when deleted
    reports: list[Report] = field(default_factory=list)
    preview_html: str = ""

    @property
    def author(self) -> User | None:
        if isinstance(self.target, User):
            return self.target
        return getattr(self.target, "author", None)

    @property
    def is_hidden(self) -> bool:
        return bool(getattr(self.target, "is_hidden", False))

    @property
    def reporters(self) -> list[Report]:
        """One report per reporter (a member who reported twice counts once)."""
        seen: set[int | None] = set()
        kept = []
        for report in self.reports:
            if report.reporter_id not in seen:
                seen.add(report.reporter_id)
                kept.append(report)
        return kept


def _content_types() -> dict[str, ContentType]:
    return {kind: ContentType.objects.get_for_model(model) for kind, model in _MODELS.items()}


def open_items(*, kind: str = "", order: str = "oldest") -> QuerySet:
    """One row per reported item with open reports: its type and id, its first and last report
    and how many are open."""
    rows = Report.objects.open()
    if kind in _MODELS:
        rows = rows.filter(target_type=_content_types()[kind])
    return (
        rows.values("target_type", "target_id")
        .annotate(first=Min("created_at"), last=Max("created_at"), reports=Count("pk"))
        .order_by(*ORDERS.get(order, ORDERS["oldest"]))
    )


def queue_page(*, kind: str = "", order: str = "oldest", page: int = 1) -> tuple[list, Page]:
    """A page of reported items, each with its open reports and its content, in a fixed
    number of queries whatever the page holds (tests/moderation/test_queue.py)."""
    paginator = Paginator(open_items(kind=kind, order=order), ITEMS_PER_PAGE)
    current = paginator.get_page(page)
    types = _content_types()
    kind_of = {ct.pk: name for name, ct in types.items()}
    items = [
        QueueItem(
            kind=kind_of.get(row["target_type"], "other"),
            target_type_id=row["target_type"],
            target_id=row["target_id"],
            first=row["first"],
            count=row["reports"],
        )
        for row in current.object_list
    ]
    ids: dict[str, set[int]] = {name: set() for name in _MODELS}
    for item in items:
        if item.kind in ids:
            ids[item.kind].add(item.target_id)
    targets = {
        "post": Post.objects.select_related("author", "thread").in_bulk(ids["post"]),
        "thread": Thread.objects.select_related("author").in_bulk(ids["thread"]),
        "case": Case.objects.select_related("author").in_bulk(ids["case"]),
        "member": User.objects.select_related("profile").in_bulk(ids["member"]),
        # Never previewed here: its text is opened from the report, and each look is logged.
        "message": Message.objects.select_related("author").in_bulk(ids["message"]),
    }
    first_posts = {
        post.thread_id: post
        for post in Post.objects.filter(thread_id__in=ids["thread"], number=1).only(
            "thread_id", "html"
        )
    }
    wanted = [(item.target_type_id, item.target_id) for item in items]
    by_item: dict[tuple[int, int], list[Report]] = {}
    if wanted:
        rows = (
            Report.objects.open()
            .filter(target_type__in={t for t, _i in wanted}, target_id__in={i for _t, i in wanted})
            .select_related("reporter")
            .order_by("created_at", "pk")
        )
        for report in rows:
            by_item.setdefault((report.target_type_id, report.target_id), []).append(report)
    for item in items:
        item.target = targets.get(item.kind, {}).get(item.target_id)
        item.reports = by_item.get((item.target_type_id, item.target_id), [])
        item.preview_html = _preview(item, first_posts)
    return items, current


def _preview(item: QueueItem, first_posts: dict[int, Post]) -> str:
    """The stored, sanitised HTML members see (never rendered here)."""
    target = item.target
    if isinstance(target, Post):
        return target.html
    if isinstance(target, Thread):
        first = first_posts.get(target.pk)
        return first.html if first else ""
    if isinstance(target, Case):
        return "".join(html for _name, _label, html in target.html_sections()[:3])
    if isinstance(target, User):
        profile = getattr(target, "profile", None)
        return f"<p>{_escape(profile.bio)}</p>" if profile is not None and profile.bio else ""
    return ""


def _escape(text: str) -> str:
    from django.utils.html import escape

    return escape(text)


def _target(kind: str, target_id: int):
    model = _MODELS.get(kind)
    if model is None:
        raise ValidationError(_("Unknown kind of content."))
    found = model.objects.filter(pk=target_id).first()
    if found is None:
        raise ValidationError(_("That content no longer exists."))
    return found


@transaction.atomic
def decide_item(
    *,
    kind: str,
    target_id: int,
    by: User,
    decision: str,
    note: str = "",
    length: str = "1d",
) -> int:
    """One decision on a reported item: ``hide`` it (a case: hidden for privacy review),
    ``suspend`` its author for ``length``, or just ``resolve`` or ``dismiss``; then every open
    report on it is resolved (dismissed for ``dismiss``) and each reporter told. Returns how
    many reports were closed."""
    if decision not in DECISIONS:
        raise ValidationError(_("Unknown decision."))
    target = _target(kind, target_id)
    reason = note.strip()
    if decision == "hide":
        if isinstance(target, Post):
            forum_moderation.hide_post(target, by=by, reason=reason)
        elif isinstance(target, Thread):
            forum_moderation.hide_thread(target, by=by, reason=reason)
        elif isinstance(target, Message):
            consult_moderation.hide_message(target, by=by, reason=reason)
        elif isinstance(target, Case):
            if not target.is_hidden:
                case_moderation.flag_case(target, by=by, reason=reason or _("Reported"))
        else:
            raise ValidationError(_("A member cannot be hidden: suspend them instead."))
    elif decision == "suspend":
        author = target if isinstance(target, User) else getattr(target, "author", None)
        if author is None:
            raise ValidationError(_("This content has no author to suspend."))
        if length not in SUSPENSION_LENGTHS:
            raise ValidationError(_("Choose how long the suspension lasts."))
        suspend_member(
            author,
            by=by,
            until=timezone.now() + SUSPENSION_LENGTHS[length],
            reason=reason or _("Reported content that breaks the community rules."),
        )
    close = reports.dismiss_report if decision == "dismiss" else reports.resolve_report
    open_reports = list(
        Report.objects.open().filter(
            target_type=ContentType.objects.get_for_model(type(target)), target_id=target.pk
        )
    )
    for report in open_reports:
        close(report, by=by, note=reason)
    return len(open_reports)
