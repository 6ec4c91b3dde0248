from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from forums import selectors
from forums.models import Category, Thread


def _page_number(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("page", "1"))
    except ValueError:
        return 1


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "forums/home.html",
        {"latest_threads": selectors.latest_threads(user=request.user, limit=15)},
    )


def forum_index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "forums/index.html", {"categories": selectors.forum_index(user=request.user)}
    )


def category(request: HttpRequest, slug: str) -> HttpResponse:
    forum = get_object_or_404(Category.objects.visible_to(request.user), slug=slug)
    threads, page = selectors.category_threads(
        category=forum, user=request.user, page=_page_number(request)
    )
    return render(
        request, "forums/category.html", {"category": forum, "threads": threads, "page": page}
    )


def _get_thread(request: HttpRequest, pk: int) -> Thread:
    return get_object_or_404(
        Thread.objects.visible_to(request.user).select_related("category", "author"), pk=pk
    )


def thread(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    obj = _get_thread(request, pk)
    if slug != obj.slug:
        return redirect(obj, permanent=True)
    posts, page = selectors.thread_posts(thread=obj, page=_page_number(request))
    return render(request, "forums/thread.html", {"thread": obj, "posts": posts, "page": page})


def post(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    obj = _get_thread(request, pk)
    if number < 1 or number > obj.post_count:
        raise Http404("No such post.")
    page = selectors.page_of_post(number)
    query = f"?page={page}" if page > 1 else ""
    return redirect(f"{obj.get_absolute_url()}{query}#post-{number}")


def search(request: HttpRequest) -> HttpResponse:
    from forums.search import MAX_QUERY_CHARS, search_posts

    query = request.GET.get("q", "")
    results = search_posts(user=request.user, query=query) if query else []
    return render(
        request,
        "forums/search.html",
        {"query": query[:MAX_QUERY_CHARS], "results": results, "searched": bool(query.strip())},
    )
