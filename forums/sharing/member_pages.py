"""Member pages shared by the readers of the same forum levels, their own parts filled in.

A page is rendered once for the members of the same forum levels, language and time zone, with
its slots (``forums.sharing.slots``) as markers, and shared on the visitor pages' terms
(``forums.sharing.cache.shared_by_level``: at most VISITOR_PAGE_SECONDS, retired with the
generations it is built from). Each request fills the slots from one query of the member's
state. Wherever a member's page differs in more than its slots, the view renders it whole.

Each such page is declared once, as a subclass of ``SharedMemberPage``:

- ``name`` and ``url_name``: the page, and the URL pattern of its view;
- ``key(**kwargs)``: what tells its shared copies apart (a thread and a page number);
- ``serves(user)``: who may be served it at all (before anything is read);
- ``build(request, **kwargs)``: the shared copy, with the page cut at its slots in ``.page``
  (``render_to_share``), or None where the view answers (no such thread for this reader);
- ``state(request, shared, **kwargs)``: the one query of the member's state, or ``Whole`` for
  the view to render the page whole (passing on what it read);
- ``fill_<slot>(request, shared, state)``: what goes in each slot. Every slot of the page must
  have a filler (checked when it is built), so that no slot goes out unfilled; a filler whose
  slot a page leaves out (an empty forum has no rows) is not asked.

``tests/forums/test_shared_member_pages.py`` proves, for every declared page, that the filled
page is the page rendered whole, for members of every kind.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, NamedTuple, Protocol, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from accounts.permissions import visible_forum_levels
from forums.sharing import own_pages
from forums.sharing.cache import shareable, shared_by_level
from forums.sharing.header import prefetch_header
from forums.sharing.slots import Parts, fill, slots_in

# Part of every shared copy's and kept state's key: moved whenever what they hold changes shape
# (3: a list's rows and times as bytes and integers), so that a new release never reads an
# entry an older one wrote.
SHAPE = 3


class Shared(Protocol):
    page: Parts  # the page cut at its slots


S = TypeVar("S", bound=Shared)
M = TypeVar("M")


class Whole(NamedTuple):
    """Render the page whole for this member, with what was read of their state (or None)."""

    known: Any = None


# Every declared page, by name (the test proving filled == whole goes through them all).
SHARED_PAGES: dict[str, type[SharedMemberPage]] = {}


class SharedMemberPage(Generic[S, M]):
    name: ClassVar[str]
    url_name: ClassVar[str]
    slots: ClassVar[frozenset[str]]
    # Whether the member's state is kept for them (``forums.sharing.own_pages``) and read with
    # the shared copy: for pages whose ``state`` reads only the shared copy and the member's
    # own rows that move their generation when they change (read positions, follows, watch
    # levels, reactions, bookmarks, votes), and does not depend on the clock.
    keeps_state: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls.slots = frozenset(name[5:] for name in dir(cls) if name.startswith("fill_"))
        if "name" in cls.__dict__:  # a declared page, not a base for several
            SHARED_PAGES[cls.name] = cls

    def key(self, **kwargs) -> str:
        raise NotImplementedError

    def serves(self, user) -> bool:
        raise NotImplementedError

    def build(self, request: HttpRequest, **kwargs) -> S | None:
        raise NotImplementedError

    def state(self, request: HttpRequest, shared: S, **kwargs) -> M | Whole:
        raise NotImplementedError

    def whole_now(self, request: HttpRequest, shared: S, **kwargs) -> bool:
        """Whether the page must be rendered whole at this moment, asked on every request
        before any state, kept or read: for what the clock decides (a quiz revealed since the
        copy was made), which a kept state cannot know."""
        return False

    def checked(self, shared: S | None) -> S | None:
        """``shared``, once every slot of its page is known to have a filler."""
        unfilled = slots_in(shared.page) - self.slots if shared is not None else ()
        if unfilled:
            raise ImproperlyConfigured(f"{self.name}: no filler for the slots {sorted(unfilled)}")
        return shared

    def serve(self, request: HttpRequest, **kwargs) -> HttpResponse | Whole:
        """The member's page from the shared copy, or ``Whole`` for the view to render it."""
        if not (shareable(request) and self.serves(request.user)):
            return Whole()
        name = f"{self.name}:{SHAPE}:{self.key(**kwargs)}"
        # The header's links and counts in the same round trip as the page, and the member's
        # state where it is kept; all of it read with the session where this member's last
        # read of the page says which keys it takes (``config.read_ahead``).
        prefetch = prefetch_header(request)
        if self.keeps_state:
            stamp_keys, state_key = own_pages.state_keys(request, name)
            prefetch.update(dict.fromkeys([*stamp_keys, state_key]))
        shared: S | None = shared_by_level(
            f"member-page:{name}",
            visible_forum_levels(request.user),
            lambda: self.checked(self.build(request, **kwargs)),
            vary=(get_language(), timezone.get_current_timezone_name()),
            prefetch=prefetch,
            request=request,
        )
        if shared is None or self.whole_now(request, shared, **kwargs):
            return Whole()  # nothing to share with this reader, or not now: the view answers
        kept = None
        if self.keeps_state:
            stamp, kept = own_pages.kept_state(prefetch, stamp_keys, state_key)
        if kept is not None:
            state = kept[0]
        else:
            state = self.state(request, shared, **kwargs)
            if isinstance(state, Whole):
                return state
            if self.keeps_state:
                own_pages.keep_state(stamp, stamp_keys, state_key, state)
        values = {
            slot: getattr(self, f"fill_{slot}")(request, shared, state)
            for slot in slots_in(shared.page)
        }
        return HttpResponse(fill(shared.page, values))
