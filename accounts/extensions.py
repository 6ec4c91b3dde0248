"""The one place a higher app plugs into accounts.

accounts may not import forums or cases (imports flow cases -> forums -> accounts), yet a
member's data export and account deletion must cover what they wrote there, the moderation
dashboard lists their queues, an approved verification earns forums' badge and a profile
counts what they gave there. So each higher app describes what it adds in one ``Extension``
and plugs it in once, from one file
(``forums/plugins.py``, ``cases/plugins.py``, called by their ``AppConfig.ready``). accounts
reads the hooks through the functions at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise as StrPromise

from config.plugs import Plugs

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class ExportSection:
    """A named section of "my data" (``accounts.export``): JSON-serialisable values only."""

    name: str
    export: Callable[[User], Any]


class DeletionHook(Protocol):
    """Run first when an account is deleted (``accounts.deletion.delete_account``), in the same
    transaction, while the user row still exists: remove what the member wrote unless
    ``keep_posts``, and always their personal rows (bookmarks, read state, follows, ...)."""

    def __call__(self, user: User, *, keep_posts: bool) -> None: ...


@dataclass(frozen=True)
class DashboardQueue:
    """One line of the moderation dashboard (``accounts.moderation.dashboard_lines``):
    ``queryset`` are the waiting rows, ``date_field`` orders them (the oldest is shown, so
    nothing waits unseen); ``viewname`` and ``query`` open the admin list filtered to those
    rows, oldest first. ``key`` names the line (a second one under a key replaces it)."""

    key: str
    label: str | StrPromise  # a lazy translation: read in the moderator's language
    queryset: Callable[[], QuerySet]
    date_field: str
    viewname: str
    query: str | Callable[[], str] = ""  # a callable for queries that move with the clock
    order: int = 100
    # For the median time to first review: every row of the queue's kind (decided or not) and
    # the field set when a moderator first decided it. None: the line shows no median.
    decided: Callable[[], QuerySet] | None = None
    decided_field: str = ""


class VerificationHook(Protocol):
    """Run when a moderator approves a member's professional verification
    (``accounts.verification.approve_verification``), in the same transaction, after the
    member's ``professional_verified_until`` is set (forums grants its badge here)."""

    def __call__(self, *, user_id: int) -> None: ...


@dataclass(frozen=True)
class ContributionKind:
    """A kind of contribution a profile counts (``accounts.activity``): ``key`` is what the
    app's services pass to ``note_activity``; ``label`` the profile's line ("Replies");
    ``charted`` puts it in the activity-by-month chart (what the member wrote, not what they
    received). Lines show in ``order``."""

    key: str
    label: str | StrPromise
    order: int = 100
    charted: bool = True


@dataclass(frozen=True)
class ActivityAreas:
    """Names the ``area`` keys an app writes (``MemberActivity.area``, e.g. a case's
    specialty slug) for the profile's "Active in" line."""

    label: Callable[[str], str]


class PageServer(Protocol):
    """Serves one of accounts' pages as the app that shares pages does (forums.sharing: the
    visitors' page cache, a page shared between members with their own parts filled in), and
    calls ``whole(request, **kwargs)`` (the view rendering it whole) where it cannot."""

    def __call__(
        self, request: HttpRequest, *, whole: Callable[..., HttpResponse], **kwargs
    ) -> HttpResponse: ...


@dataclass(frozen=True)
class Extension:
    """Everything one app adds to accounts; ``name`` makes plugging in again harmless."""

    name: str
    export_sections: tuple[ExportSection, ...] = ()
    deletion_hooks: tuple[DeletionHook, ...] = ()
    dashboard_queues: tuple[DashboardQueue, ...] = ()
    verification_hooks: tuple[VerificationHook, ...] = ()
    contribution_kinds: tuple[ContributionKind, ...] = ()
    activity_areas: ActivityAreas | None = None
    # By page name ("profile", "directory"): who serves it (accounts renders it whole if none).
    page_servers: Mapping[str, PageServer] = field(default_factory=dict)


_plugged: Plugs[Extension] = Plugs()
# An AppConfig.ready adds (or replaces, by name) its app's extension; tests may unplug theirs.
plug_in = _plugged.plug_in
unplug = _plugged.unplug
plugged_in = _plugged.all


def export_sections() -> dict[str, Callable[[User], Any]]:
    """By name, in the order the extensions were plugged in (a later name replaces)."""
    return {
        section.name: section.export
        for extension in _plugged
        for section in extension.export_sections
    }


def deletion_hooks() -> list[DeletionHook]:
    return [hook for extension in _plugged for hook in extension.deletion_hooks]


def dashboard_queues() -> list[DashboardQueue]:
    """By key (a later one replaces), in the order of their ``order``."""
    queues = {q.key: q for extension in _plugged for q in extension.dashboard_queues}
    return sorted(queues.values(), key=lambda queue: queue.order)


def verification_hooks() -> list[VerificationHook]:
    return [hook for extension in _plugged for hook in extension.verification_hooks]


def contribution_kinds() -> list[ContributionKind]:
    """By key (a later one replaces), in the order of their ``order``."""
    kinds = {k.key: k for extension in _plugged for k in extension.contribution_kinds}
    return sorted(kinds.values(), key=lambda kind: kind.order)


def activity_area_label(key: str) -> str:
    """The name of an activity area, from the first app that knows it (else the key)."""
    for extension in _plugged:
        if extension.activity_areas is not None and (name := extension.activity_areas.label(key)):
            return name
    return key


def serve_page(
    name: str, request: HttpRequest, *, whole: Callable[..., HttpResponse], **kwargs
) -> HttpResponse:
    """Page ``name`` from the first extension serving it, else ``whole(request, **kwargs)``."""
    for extension in _plugged:
        if (server := extension.page_servers.get(name)) is not None:
            return server(request, whole=whole, **kwargs)
    return whole(request, **kwargs)
