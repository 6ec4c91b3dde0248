"""What several page families share: the page number of a list, and the thread or post a URL
names (a 404 for a reader who may not see it)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from config.params import page_number
from forums.models import Post, Thread
from forums.selectors import thread_pages

# One parser for the page number of every list, forums and cases alike (config.params).
requested_page = page_number


def get_thread(request: HttpRequest, pk: int) -> Thread:
    try:
        return thread_pages.thread_for_page(pk=pk, user=request.user)
    except Thread.DoesNotExist as exc:
        raise Http404 from exc


def get_post(request: HttpRequest, pk: int, number: int) -> Post:
    thread = get_thread(request, pk)
    post = get_object_or_404(Post.objects.select_related("author"), thread=thread, number=number)
    post.thread = thread
    return post


def redirect_to_post(thread: Thread, number: int) -> HttpResponse:
    page = thread_pages.page_of_post(number)
    query = f"?page={page}" if page > 1 else ""
    return redirect(f"{thread.get_absolute_url()}{query}#post-{number}")
