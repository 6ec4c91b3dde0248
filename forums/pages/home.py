"""The home page (``HomePage``: shared by members of the same forum levels, their own parts
filled in) and its Following tab."""

from __future__ import annotations

from typing import NamedTuple

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from accounts.permissions import has_verified_badge
from forums.home import home_sections
from forums.pages.rows import SharedRows, member_rows, shared_rows, thread_rows
from forums.pages.shared import account_links, reads_as_any_member
from forums.selectors import following as following_selectors
from forums.selectors import forum_lists, own_state
from forums.sharing.cache import cache_for_visitors
from forums.sharing.fragments import render_rows
from forums.sharing.member_pages import SharedMemberPage, Whole
from forums.sharing.own_pages import own_page, own_part
from forums.sharing.slots import Parts, render_to_share

LATEST, ACTIVE = 15, 8


class SharedHome(NamedTuple):
    page: Parts  # home.html cut at its slots
    latest: SharedRows
    active: SharedRows


class HomeState(NamedTuple):
    # The member's rows of each list (read, new, or with their unread count), as UTF-8: kept
    # with the member's state and joined into the page as they are.
    latest: bytes
    active: bytes


class HomePage(SharedMemberPage[SharedHome, HomeState]):
    """The latest and most active threads, as every member of the same forum levels sees them.
    Per request: the member's read state in those threads (one query), the header's account
    links, each row as read, new or with its unread count, and the sections other parts of the
    site add (``forums.home``: cases, unanswered in the member's specialties, the participation
    prompt), which read what they need of the member themselves and share what they can."""

    keeps_state = True  # read positions, follows, reactions: the member's own generation

    name = "home"
    url_name = "home"

    def key(self) -> str:
        return ""

    def serves(self, user) -> bool:
        return reads_as_any_member(user)

    def build(self, request: HttpRequest) -> SharedHome:
        latest, active = forum_lists.home_threads(
            user=request.user, latest=LATEST, active=ACTIVE, viewer_state=False
        )
        latest_rows = shared_rows(request, latest, show_category=True)
        active_rows = shared_rows(request, active, show_category=True)
        context = {
            "latest_threads": latest,
            "latest_html": latest_rows.html(),
            "active_threads": active,
            "active_html": active_rows.html(),
            "home_sections": (),  # the member's: a slot
        }
        page = render_to_share("forums/home.html", context, request=request)
        return SharedHome(page=page, latest=latest_rows, active=active_rows)

    def state(self, request: HttpRequest, shared: SharedHome) -> HomeState | Whole:
        pks = [pk for rows in (shared.latest, shared.active) for pk, _count, _at in rows.threads]
        states, _following = own_state.thread_states(request.user, pks)

        lists: list = []  # both lists, read again once if either has rows with an unread count

        def reload(which: int):
            def threads():
                if not lists:
                    lists.extend(
                        forum_lists.home_threads(
                            user=request.user, latest=LATEST, active=ACTIVE, viewer_state=False
                        )
                    )
                return lists[which]

            return threads

        latest = member_rows(request, shared.latest, states, reload(0), show_category=True)
        active = member_rows(request, shared.active, states, reload(1), show_category=True)
        if latest is None or active is None:
            return Whole()  # the lists moved between the two reads: render the page
        return HomeState(latest=latest, active=active)

    def fill_account(self, request: HttpRequest, shared: SharedHome, state) -> str:
        return account_links(request)

    def fill_latest_rows(self, request: HttpRequest, shared: SharedHome, state) -> bytes:
        return state.latest

    def fill_active_rows(self, request: HttpRequest, shared: SharedHome, state) -> bytes:
        return state.active

    def fill_sections(self, request: HttpRequest, shared: SharedHome, state) -> str:
        # The member's own: kept for them while nothing they show changes (``own_part``).
        return own_part(
            request,
            "home-sections",
            lambda: render_to_string(
                "forums/includes/home_sections.html",
                {"home_sections": home_sections(request)},
                request=request,
            ),
        )


HOME_PAGE = HomePage()


@cache_for_visitors
def home(request: HttpRequest) -> HttpResponse:
    served = HOME_PAGE.serve(request)
    if isinstance(served, HttpResponse):
        return served
    latest, active = forum_lists.home_threads(user=request.user, latest=LATEST, active=ACTIVE)
    rows = thread_rows(request, latest + active, show_category=True)  # one cache round trip
    context = {
        "latest_threads": latest,
        "latest_html": rows[: len(latest)],
        "active_threads": active,
        "active_html": rows[len(latest) :],
        "home_sections": home_sections(request),
    }
    return render(request, "forums/home.html", context)


@login_required
@own_page("following-tab")
def following(request: HttpRequest) -> HttpResponse:
    """The home page's Following tab: new threads and cases of the members the reader follows
    (each source applies its own permissions), newest first, paged by time."""
    before = following_selectors.parse_before(request.GET.get("before", ""))
    page = following_selectors.following_feed(user=request.user, before=before)
    html = render_rows(
        request,
        "forums/includes/following_row.html",
        page.items,
        version=lambda item: (
            item.url,
            item.title,
            str(item.kind),
            item.created_at,
            item.author
            and (
                item.author.pk,
                item.author.name,
                item.author.handle,
                item.author.professional_verified_until,
            ),
            item.author is not None and has_verified_badge(item.author),
        ),
        context=lambda item: {"item": item},
        includes=("accounts/includes/member_name.html",),
    )
    return render(
        request,
        "forums/home_following.html",
        {
            "items": page.items,
            "item_html": html,
            "next_before": page.next_before,
            "follows_anyone": page.follows_anyone,
            "first_page": before is None,
        },
    )
