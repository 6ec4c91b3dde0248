"""The one place a higher app plugs into the forums.

forums may not import ``cases`` (imports flow cases -> forums -> accounts), yet case studies
show on the home page (its Following tab, "Unanswered in your specialty"), in search, in
digests and in reports, and replies in a case discussion must be scanned for patient
identifiers. So a higher app describes everything it adds in one ``Extension`` and plugs it in
once, from one file (``cases/plugins.py``, called by ``CasesConfig.ready``). forums reads the
hooks through the functions at the end of this module; it never keeps a list of its own
elsewhere.

Each hook owns its queries and permission checks: forums passes the reader or the text and
shows what comes back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from django.db import models
from django.http import HttpRequest

from config.plugs import Plugs

if TYPE_CHECKING:
    from forums.models import Thread


class TextCheck(Protocol):
    """Run on text written in the forums composer (replies and edits), in the posting service,
    on a private consult message (``forums.consults``) and on a learning-log reflection
    (``forums.learning.recording``), with ``thread`` None: text outside any thread that may
    still describe a patient, which every identifier check reads.

    Returns messages for the author; any message refuses the write. ``kept`` maps the findings
    the author decided to keep (the check's own keys) to their reason: a check must not refuse
    for those (the case page's reply form and the consult composer let an author keep a
    finding, and record why)."""

    def __call__(
        self, *, thread: Thread | None, body: str, kept: Mapping[str, str]
    ) -> list[str]: ...


@dataclass(frozen=True)
class TextFinding:
    """One thing a ``TextScanner`` found: ``key`` is the text check's own key (pass it in
    ``kept`` with a reason to keep the finding), ``label`` says what it may be, ``text`` is
    the words found, ``fix`` the suggested replacement ("" when none)."""

    key: str
    label: str
    text: str
    fix: str = ""


@dataclass(frozen=True)
class TextScanner:
    """The findings behind a text check, for forms that let a member fix or keep each one (the
    learning log's reflection): ``find(body=, kept=)`` lists what the check would refuse,
    ``fix_all(body)`` returns the text with every suggested fix applied."""

    find: Callable[..., list[TextFinding]]
    fix_all: Callable[[str], str]


@dataclass(frozen=True)
class LearningItem:
    """What a higher app knows of a thread it owns, for the learning log (a case's discussion):
    a reference that names no patient (never a title), the specialty, what the member did
    there beyond the thread's posts (``forums.models.Activity`` values), the words the member
    read and wrote there beyond the posts, and the day of their latest such activity."""

    kind: str  # a forums.models.LearningKind value
    ref_id: int
    specialty: str
    url: str
    activities: tuple[str, ...] = ()
    words_read: int = 0
    words_written: int = 0
    last_active: date | None = None


@dataclass(frozen=True)
class LearningSource:
    """How a higher app adds to the learning log: ``describe(user=, thread_ids=)`` maps each
    of those threads it owns to a ``LearningItem`` for ``user`` (one or two queries for all);
    ``taken_part(user=, since=)`` is a queryset of the ids of threads where ``user`` took part
    through this app since ``since`` (a quiz vote, a case posted), for the weekly prompt."""

    describe: Callable[..., Mapping[int, LearningItem]]
    taken_part: Callable[..., Any]


class ImageCheck(Protocol):
    """Run on an image added in the composer, after cleaning and before it is stored, and on
    every image added to a private consult (``private`` True, ``thread`` None).

    Returns messages for the author; any message refuses the image (case discussions and
    private consults read it for identifiers; an unread image is refused, never passed)."""

    def __call__(
        self, thread: Thread | None, cleaned: bytes, *, private: bool = False
    ) -> list[str]: ...


@dataclass(frozen=True)
class HomeProvider:
    """A section of the home page: ``provide(request)`` returns the template's context, or None
    to show nothing."""

    template: str
    provide: Callable[[HttpRequest], dict | None]


@dataclass(frozen=True)
class SearchSource:
    """A searchable type of its own. ``search`` takes (user, query, tag, author, after, before,
    sort, preview) as keywords and returns a ranked, unsliced queryset already limited to what
    the user may see; items need ``title`` and ``get_absolute_url``. ``preview`` asks for the
    few shown above the posts: a source may rank fewer candidates for it."""

    kind: str
    label: str
    search: Callable[..., Any]


@dataclass(frozen=True)
class DigestSection:
    """A section of the digest emails: ``provide(windows)`` answers once for a whole batch of
    recipients (their digest windows) with a mapping user id -> the section's context;
    ``template`` names the ``.html``/``.txt`` pair it is rendered with. A section that is not
    ``news`` (a monthly thank-you) shows only in a digest that has news of its own."""

    name: str
    template: str
    provide: Callable[[list[Any]], Mapping[int, Any] | None]
    news: bool = True


@dataclass(frozen=True)
class FollowedItem:
    """One entry of the home page's Following tab: something a followed member published."""

    created_at: datetime
    title: str
    url: str
    author: Any
    kind: str  # what it is, for the reader ("Thread", "Case")


class FollowingSource(Protocol):
    """What a higher app adds to the Following tab: the newest items by ``authors`` (a
    queryset of user ids) created before ``before`` (None: the newest), at most ``limit``,
    newest first, already limited to what ``user`` may see by the app's own permissions."""

    def __call__(
        self, *, user: Any, authors: Any, before: datetime | None, limit: int
    ) -> list[FollowedItem]: ...


class UnansweredSource(Protocol):
    """What a higher app adds to "Unanswered in your specialty" (the home page, the
    participation prompt): its items in ``specialties`` (slugs) opened in (``since``,
    ``older_than``] and still without a reply, not by ``user``, at most ``limit``, newest
    first, already limited to what ``user`` may see by the app's own permissions."""

    def __call__(
        self,
        *,
        user: Any,
        specialties: set[str],
        since: datetime,
        older_than: datetime,
        limit: int,
    ) -> list[FollowedItem]: ...


@dataclass(frozen=True)
class PrivacyHider:
    """How a patient-privacy report hides content forums cannot import, at once:
    ``hide(target, by=reporter, reason=text)``."""

    model: type[models.Model]
    hide: Callable[..., object]


@dataclass(frozen=True)
class ReportPreview:
    """What the report admin shows of a reported object forums cannot import: its stored,
    sanitised HTML."""

    model: type[models.Model]
    html_of: Callable[[Any], str]


@dataclass(frozen=True)
class Extension:
    """Everything one app adds to the forums; ``name`` makes plugging in again harmless."""

    name: str
    text_checks: tuple[TextCheck, ...] = ()
    text_scanners: tuple[TextScanner, ...] = ()
    learning_sources: tuple[LearningSource, ...] = ()
    image_checks: tuple[ImageCheck, ...] = ()
    home_sections: tuple[HomeProvider, ...] = ()
    search_sources: tuple[SearchSource, ...] = ()
    digest_sections: tuple[DigestSection, ...] = ()
    following_sources: tuple[FollowingSource, ...] = ()
    unanswered_sources: tuple[UnansweredSource, ...] = ()
    privacy_hiders: tuple[PrivacyHider, ...] = ()
    report_previews: tuple[ReportPreview, ...] = ()


_plugged: Plugs[Extension] = Plugs()
# An AppConfig.ready adds (or replaces, by name) its app's extension; tests may unplug theirs.
plug_in = _plugged.plug_in
unplug = _plugged.unplug
plugged_in = _plugged.all


def text_checks() -> list[TextCheck]:
    return [check for extension in _plugged for check in extension.text_checks]


def text_scanners() -> list[TextScanner]:
    return [scanner for extension in _plugged for scanner in extension.text_scanners]


def learning_sources() -> list[LearningSource]:
    return [source for extension in _plugged for source in extension.learning_sources]


def text_findings(*, body: str, kept: Mapping[str, str]) -> list[TextFinding]:
    """Every plugged-in scanner's findings in ``body`` not yet kept with a reason (the consult
    composer and the learning log list them, each with its fix and a reason to keep it)."""
    return [
        finding for scanner in text_scanners() for finding in scanner.find(body=body, kept=kept)
    ]


def image_checks() -> list[ImageCheck]:
    return [check for extension in _plugged for check in extension.image_checks]


def home_sections() -> list[HomeProvider]:
    return [section for extension in _plugged for section in extension.home_sections]


def search_sources() -> dict[str, SearchSource]:
    """By kind, in the order the extensions were plugged in."""
    return {source.kind: source for extension in _plugged for source in extension.search_sources}


def digest_sections() -> list[DigestSection]:
    return [section for extension in _plugged for section in extension.digest_sections]


def following_sources() -> list[FollowingSource]:
    return [source for extension in _plugged for source in extension.following_sources]


def unanswered_sources() -> list[UnansweredSource]:
    return [source for extension in _plugged for source in extension.unanswered_sources]


def privacy_hider(model: type[models.Model]) -> Callable[..., object] | None:
    for extension in _plugged:
        for hider in extension.privacy_hiders:
            if hider.model is model:
                return hider.hide
    return None


def report_preview(model: type[models.Model]) -> Callable[[Any], str] | None:
    for extension in _plugged:
        for preview in extension.report_previews:
            if preview.model is model:
                return preview.html_of
    return None
