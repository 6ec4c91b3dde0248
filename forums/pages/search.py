"""Search: the results page (``SearchPage``: shared by members of the same forum levels for the
same search, their own parts filled in) and the similar-titles lookup of the composer."""

from __future__ import annotations

from typing import NamedTuple

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from forums import extensions
from forums.models import Post
from forums.pages.shared import account_links, reads_as_any_member
from forums.sharing.cache import cache_for_visitors, digest
from forums.sharing.fragments import render_rows
from forums.sharing.member_pages import SharedMemberPage
from forums.sharing.slots import Parts, render_to_share


def similar_threads(request: HttpRequest) -> JsonResponse:
    """Threads with titles like ``?title=``, for the new-thread composer (static/js/similar.js)."""
    from forums.search.query import similar_threads as find_similar

    threads = find_similar(user=request.user, title=request.GET.get("title", ""))
    return JsonResponse(
        {"threads": [{"title": t.title, "url": t.get_absolute_url()} for t in threads]}
    )


def _search_context(request: HttpRequest, *, previews: bool) -> tuple[dict, dict | None]:
    """The search page's context, and what the search was (the form's cleaned values; None
    when nothing ran). Bad input never errors: it comes back with a message beside the field.
    Without ``previews``, the other sources' previews are left to a slot."""
    from forums.search.form import SearchForm
    from forums.search.query import search

    form = SearchForm(request.GET or None, user=request.user)
    page, searched, asked = None, False, None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        searched = True
        asked = {
            "query": data["q"],
            "forum": data["forum"],
            "tag": data["tag"],
            "author": data["author"],
            "type": data["type"],
            "after": data["after"],
            "before": data["before"],
            "sort": data["sort"] or "relevance",
            "page": data["page"] or 1,
        }
        page = search(user=request.user, previews=previews, **asked)
    results = page.results if page else []
    posts = results if page and page.kind == "post" else []
    context = {
        "form": form,
        "page": page,
        "results": results,
        "result_html": search_rows(request, posts),
        "searched": searched,
    }
    return context, asked


class SharedSearch(NamedTuple):
    page: Parts  # search.html cut at its slots
    asked: dict | None  # the search, for the reader's own previews


class SearchPage(SharedMemberPage[SharedSearch, None]):
    """A search's results page, the same for every member of the same forum levels who asks
    the same (the posts found depend only on the levels: ``forums.search.query``). Per request:
    the header's account links and the previews of the other sources (cases), which are the
    reader's own (an author also finds their own cases; each source shares what it can)."""

    name = "search"
    url_name = "forums:search"

    def key(self, *, asked: str) -> str:
        return asked

    def serves(self, user) -> bool:
        return reads_as_any_member(user)

    def build(self, request: HttpRequest, **kwargs) -> SharedSearch:
        context, asked = _search_context(request, previews=False)
        page = render_to_share("forums/search.html", context, request=request)
        return SharedSearch(page=page, asked=asked)

    def state(self, request: HttpRequest, shared: SharedSearch, **kwargs) -> None:
        return None

    def fill_account(self, request: HttpRequest, shared: SharedSearch, state) -> str:
        return account_links(request)

    def fill_previews(self, request: HttpRequest, shared: SharedSearch, state) -> str:
        from forums.search.query import search_previews

        asked = shared.asked or {}
        previews = search_previews(user=request.user, **asked) if asked else []
        return render_to_string(
            "forums/includes/search_previews.html",
            {"previews": previews, "query": asked.get("query", "")},
        )


SEARCH_PAGE = SearchPage()


@cache_for_visitors
def search(request: HttpRequest) -> HttpResponse:
    """The search page: bad input never errors, it comes back with a message beside the field."""
    # A search of one of the other sources (cases) lists the reader's own results: whole.
    if request.GET.get("type", "") not in extensions.search_sources():
        served = SEARCH_PAGE.serve(request, asked=digest(sorted(request.GET.lists())))
        if isinstance(served, HttpResponse):
            return served
    context, _asked = _search_context(request, previews=True)
    return render(request, "forums/search.html", context)


def search_rows(request: HttpRequest, posts: list[Post]) -> list[str]:
    """Each found post's HTML, cached by everything ``forums/includes/search_result.html``
    shows (the same for every reader: the posts are already the ones this reader may read)."""

    def version(post: Post) -> tuple:
        return (
            post.pk,
            post.number,
            post.thread_id,
            post.thread.slug,
            post.thread.title,
            post.thread.category.name,
            post.author and post.author.name,
            post.created_at,
            str(post.snippet),
        )

    return render_rows(
        request,
        "forums/includes/search_result.html",
        posts,
        version=version,
        context=lambda post: {"post": post},
    )
