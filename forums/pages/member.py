"""A member's own lists: what they follow, their bookmarks and notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from taggit.models import Tag

from forums import notifications
from forums.models import Notification, WatchLevel
from forums.pages.common import redirect_to_post, requested_page
from forums.pages.rows import age_bucket
from forums.permissions import can_read_thread, notification_visibility_filter
from forums.posting import following
from forums.selectors import own_state
from forums.sharing.fragments import render_rows
from forums.sharing.own_pages import own_page


@login_required
def following_settings(request: HttpRequest) -> HttpResponse:
    """Lists what the member follows; a POST with ``tag`` follows an existing tag by name."""
    tag_error, status = "", 200
    if request.method == "POST":
        name = request.POST.get("tag", "").strip()
        found = Tag.objects.filter(name__iexact=name).first() if name else None
        if found is not None:
            following.follow_tag(found, user=request.user)
            return redirect("forums:following")
        tag_error, status = _("No thread uses the tag “%(name)s” yet.") % {"name": name[:50]}, 400
    return render(
        request,
        "forums/following.html",
        {
            "following": own_state.following(user=request.user),
            "watch_levels": WatchLevel.choices,
            "tag_error": tag_error,
            "tag_value": request.POST.get("tag", "")[:50],
        },
        status=status,
    )


@login_required
@own_page("bookmarks")
def bookmark_list(request: HttpRequest) -> HttpResponse:
    rows, page = own_state.bookmarks_page(user=request.user, page=requested_page(request))
    html = render_rows(
        request,
        "forums/includes/bookmark_row.html",
        rows,
        version=lambda bookmark: (
            bookmark.pk,
            bookmark.post.number,
            bookmark.post.thread_id,
            bookmark.post.thread.title,
            bookmark.post.thread.slug,
            bookmark.post.author and bookmark.post.author.name,
        ),
        context=lambda bookmark: {"bookmark": bookmark},
    )
    return render(request, "forums/bookmarks.html", {"bookmark_html": html, "page": page})


@login_required
@own_page("notifications")
def notification_list(request: HttpRequest) -> HttpResponse:
    rows, page = own_state.notifications_page(user=request.user, page=requested_page(request))
    return render(
        request,
        "forums/notifications.html",
        {"notification_html": notification_rows(request, rows), "page": page},
    )


def notification_rows(request: HttpRequest, rows: list[Notification]) -> list[str]:
    """Each notification's HTML, cached by everything ``notification_row.html`` shows (the
    notification is the member's own: its id is in the key)."""
    now = timezone.now()

    def version(item: Notification) -> tuple:
        return (
            item.pk,
            item.kind,
            item.actor and item.actor.name,
            item.actor_count,
            item.thread and (item.thread.title, item.thread.is_case_discussion),
            item.badge,
            item.is_read,
            item.updated_at,
            age_bucket(item.updated_at, now),  # "3 minutes ago" moves with the clock
        )

    return render_rows(
        request,
        "forums/includes/notification_row.html",
        rows,
        version=version,
        context=lambda item: {"item": item},
    )


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one read and go to what it is about."""
    item = get_object_or_404(
        Notification.objects.filter(notification_visibility_filter(request.user)).select_related(
            "thread__category", "post"
        ),
        pk=pk,
    )
    notifications.mark_notification_read(item, user=request.user)
    if request.POST.get("stay"):
        return redirect("forums:notifications")
    if item.thread is None:  # a badge: it shows on the member's own profile
        return redirect(reverse("accounts:profile", args=[request.user.handle]) + "#badges")
    if item.kind in notifications.REPORT_KINDS and not can_read_thread(request.user, item.thread):
        # A report that was acted on often hid the thread: nothing to open, so stay here.
        messages.info(request, _("The content you reported is no longer shown."))
        return redirect("forums:notifications")
    if item.post is not None:
        return redirect_to_post(item.thread, item.post.number)
    return redirect(item.thread)


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    notifications.mark_all_notifications_read(user=request.user)
    return redirect(reverse("forums:notifications"))
