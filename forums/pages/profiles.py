"""accounts' member profile (``/u/<handle>/``) and member directory (``/members/``), served as
forums serves its own pages: the profile to visitors from the visitors' page cache, both to
members from pages shared between readers of the same forum levels (``ProfilePage``,
``DirectoryPage``) with their own parts filled in. accounts may not import forums, so it asks
for this through ``accounts.extensions.serve_page`` (plugged in by ``forums/plugins.py``) and
renders the page whole where it is not served here."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string

from accounts import selectors
from accounts.member_pages import directory_context
from accounts.models import FollowLevel
from accounts.moderation import has_member_notice
from accounts.permissions import Reader
from accounts.views import profile_context, viewer_parts
from forums.pages.shared import account_links, reads_as_any_member
from forums.sharing.cache import cache_for_visitors, digest
from forums.sharing.fragments import CSRF_PLACEHOLDER, csrf_token_for
from forums.sharing.member_pages import SharedMemberPage, Whole
from forums.sharing.slots import Parts, render_to_share


class SharedProfile(NamedTuple):
    member_pk: int
    page: Parts  # accounts/profile.html cut at its slots
    follow: dict[str | None, str]  # the follow form per watch level (None: not following)
    actions: tuple[str, str]  # "Send a private message" and "Block": not blocked, blocked


class ProfilePage(SharedMemberPage[SharedProfile, selectors.Relation]):
    """A member's profile as every reader of the same forum levels sees it (their facts,
    contributions, the recent threads and replies those levels may read). Per request: the
    header's account links, and the viewer's follow form and block (from the cache, else one
    query: ``accounts.selectors.cached_relation_to``). Rendered whole instead: the member's own
    profile (the link to their followers, their institution even when hidden)."""

    name = "profile"
    url_name = "accounts:profile"

    def key(self, *, handle: str) -> str:
        return handle.lower()  # handles are unique regardless of case

    def serves(self, user) -> bool:
        # Not moderators (they see hidden institutions and deactivated members' profiles) nor
        # members with a notice of their own on every page: their profiles are rendered whole.
        return reads_as_any_member(user)

    def build(self, request: HttpRequest, *, handle: str) -> SharedProfile | None:
        reader = Reader.like(request.user)  # nobody in particular: never the member themself
        try:
            member, member_profile = selectors.public_profile(handle=handle, viewer=reader)
        except Http404:
            return None  # no such member for these readers: the view answers (404)
        context = profile_context(member, member_profile, viewer=reader)
        page = render_to_share("accounts/profile.html", context, request=request)

        def render(template_name: str, relation: selectors.Relation) -> str:
            return render_to_string(
                template_name,
                {**context, **viewer_parts(relation), "csrf_token": CSRF_PLACEHOLDER},
            )

        follow = {
            level: render("accounts/includes/profile_follow.html", selectors.Relation(level))
            for level in (None, *FollowLevel.values)
        }
        actions = ("", "")
        if actions_template := context["actions_template"]:
            actions = (
                render(actions_template, selectors.Relation(blocked=False)),
                render(actions_template, selectors.Relation(blocked=True)),
            )
        return SharedProfile(member.pk, page, follow, actions)

    def state(
        self, request: HttpRequest, shared: SharedProfile, *, handle: str
    ) -> selectors.Relation | Whole:
        if request.user.pk == shared.member_pk:
            return Whole(selectors.Relation())  # their own profile
        relation = selectors.cached_relation_to(viewer=request.user, member_id=shared.member_pk)
        if relation.follow_level not in shared.follow:
            return Whole(relation)  # a level the page does not know yet
        return relation

    def fill_account(self, request: HttpRequest, shared: SharedProfile, state) -> str:
        return account_links(request)

    def fill_follow(self, request: HttpRequest, shared: SharedProfile, state) -> str:
        return shared.follow[state.follow_level].replace(CSRF_PLACEHOLDER, csrf_token_for(request))

    def fill_actions(self, request: HttpRequest, shared: SharedProfile, state) -> str:
        return shared.actions[state.blocked].replace(CSRF_PLACEHOLDER, csrf_token_for(request))


PROFILE_PAGE = ProfilePage()


@cache_for_visitors
def serve_profile(
    request: HttpRequest, *, whole: Callable[..., HttpResponse], handle: str
) -> HttpResponse:
    """accounts' ``profile`` view (``accounts.extensions.PageServer``)."""
    served = PROFILE_PAGE.serve(request, handle=handle)
    if isinstance(served, HttpResponse):
        return served
    return whole(request, handle=handle, relation=served.known)


class SharedDirectory(NamedTuple):
    page: Parts  # accounts/directory.html cut at its slots


class DirectoryPage(SharedMemberPage[SharedDirectory, None]):
    """A page of the member directory for one query string (filters, sort, cursor): nothing on
    it is the member's own but the header, so it is served to every member without a notice.
    Retired with the facts it shows: what members chose to show and being listed or active
    (``MEMBERS``), their contributions and last activity (``CONTENT``, with the posting)."""

    name = "directory"
    url_name = "accounts:directory"

    def key(self, *, query: str) -> str:
        # The page's links repeat the query string as it was written: keyed by it as written.
        return digest((query,))

    def serves(self, user) -> bool:
        return user.is_authenticated and not has_member_notice(user)

    def build(self, request: HttpRequest, *, query: str) -> SharedDirectory:
        context = directory_context(request)
        return SharedDirectory(render_to_share("accounts/directory.html", context, request=request))

    def state(self, request: HttpRequest, shared: SharedDirectory, *, query: str) -> None:
        return None

    def fill_account(self, request: HttpRequest, shared: SharedDirectory, state: None) -> str:
        return account_links(request)


DIRECTORY_PAGE = DirectoryPage()


def serve_directory(request: HttpRequest, *, whole: Callable[..., HttpResponse]) -> HttpResponse:
    """accounts' ``member_directory`` view, for signed-in members only
    (``accounts.extensions.PageServer``)."""
    served = DIRECTORY_PAGE.serve(request, query=request.META.get("QUERY_STRING", ""))
    if isinstance(served, HttpResponse):
        return served
    return whole(request)
