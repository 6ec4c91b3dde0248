"""Small POST actions on posts and threads. Each calls one service and goes back to the page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from taggit.models import Tag

from forums import posting
from forums.models import Category, WatchLevel
from forums.pages.common import get_post, get_thread, redirect_to_post
from forums.permissions import can_read_thread
from forums.posting import following, moderation, reactions


@login_required
@require_POST
def delete(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    post_obj = get_post(request, pk, number)
    posting.delete_post(post_obj, by=request.user)
    messages.success(request, _("The post was deleted."))
    return redirect_to_post(post_obj.thread, number)


@login_required
@require_POST
def react(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    post_obj = get_post(request, pk, number)
    if request.POST.get("undo"):
        reactions.remove_reaction(post_obj, by=request.user)
    else:
        reactions.react_to_post(post_obj, by=request.user)
    return redirect_to_post(post_obj.thread, number)


@login_required
@require_POST
def accept(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    post_obj = get_post(request, pk, number)
    if request.POST.get("undo"):
        reactions.unaccept_answer(post_obj.thread, by=request.user)
    else:
        reactions.accept_answer(post_obj, by=request.user)
    return redirect_to_post(post_obj.thread, number)


@login_required
@require_POST
def bookmark(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    post_obj = get_post(request, pk, number)
    if request.POST.get("undo"):
        reactions.remove_bookmark(post_obj, user=request.user)
    else:
        reactions.bookmark_post(post_obj, user=request.user)
    return redirect_to_post(post_obj.thread, number)


@login_required
@require_POST
def hide_post(request: HttpRequest, pk: int, slug: str, number: int) -> HttpResponse:
    post_obj = get_post(request, pk, number)
    reason = request.POST.get("reason", "")
    if request.POST.get("undo"):
        moderation.unhide_post(post_obj, by=request.user, reason=reason)
    else:
        moderation.hide_post(post_obj, by=request.user, reason=reason)
    return redirect_to_post(post_obj.thread, number)


MODERATION_ACTIONS = {
    "lock": moderation.lock_thread,
    "unlock": moderation.unlock_thread,
    "pin": moderation.pin_thread,
    "unpin": moderation.unpin_thread,
    "hide": moderation.hide_thread,
    "unhide": moderation.unhide_thread,
}


@login_required
@require_POST
def moderate_thread(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    obj = get_thread(request, pk)
    action = MODERATION_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        return HttpResponse(status=400)
    action(obj, by=request.user, reason=request.POST.get("reason", ""))
    return redirect(obj)


@login_required
@require_POST
def watch(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    obj = get_thread(request, pk)
    level = request.POST.get("level", "")
    if level not in WatchLevel.values or not can_read_thread(request.user, obj):
        return HttpResponse(status=400)
    following.set_watch_level(obj, user=request.user, level=level)
    return redirect(obj)


@login_required
@require_POST
def follow_forum(request: HttpRequest, slug: str) -> HttpResponse:
    forum = get_object_or_404(Category.objects.visible_to(request.user), slug=slug)
    if request.POST.get("undo"):
        following.unfollow_category(forum, user=request.user)
    else:
        following.follow_category(forum, user=request.user)
    if request.POST.get("next") == "settings":
        return redirect("forums:following")
    return redirect(forum)


@login_required
@require_POST
def follow_tag(request: HttpRequest, slug: str) -> HttpResponse:
    obj = get_object_or_404(Tag, slug=slug)
    if request.POST.get("undo"):
        following.unfollow_tag(obj, user=request.user)
    else:
        following.follow_tag(obj, user=request.user)
    if request.POST.get("next") == "settings":
        return redirect("forums:following")
    return redirect("forums:tag", slug=obj.slug)
