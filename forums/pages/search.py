"""Search: the results page and the similar-titles lookup of the composer."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from forums.models import Post
from forums.sharing.cache import cache_for_visitors
from forums.sharing.fragments import render_rows


def similar_threads(request: HttpRequest) -> JsonResponse:
    """Threads with titles like ``?title=``, for the new-thread composer (static/js/similar.js)."""
    from forums.search.query import similar_threads as find_similar

    threads = find_similar(user=request.user, title=request.GET.get("title", ""))
    return JsonResponse(
        {"threads": [{"title": t.title, "url": t.get_absolute_url()} for t in threads]}
    )


@cache_for_visitors
def search(request: HttpRequest) -> HttpResponse:
    """The search page: bad input never errors, it comes back with a message beside the field."""
    from forums.search.form import SearchForm
    from forums.search.query import search

    form = SearchForm(request.GET or None, user=request.user)
    page, searched = None, False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        searched = True
        page = search(
            user=request.user,
            query=data["q"],
            forum=data["forum"],
            tag=data["tag"],
            author=data["author"],
            type=data["type"],
            after=data["after"],
            before=data["before"],
            sort=data["sort"] or "relevance",
            page=data["page"] or 1,
        )
    results = page.results if page else []
    posts = results if page and page.kind == "post" else []
    return render(
        request,
        "forums/search.html",
        {
            "form": form,
            "page": page,
            "results": results,
            "result_html": search_rows(request, posts),
            "searched": searched,
        },
    )


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
