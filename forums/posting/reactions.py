"""Reactions, accepted answers and bookmarks on posts. A helpful mark and an accepted answer
run their badge rules (``forums.recognition.events``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from accounts.audit import record
from accounts.models import User
from accounts.permissions import is_moderator
from forums import notifications
from forums.models import Bookmark, Post, Reaction, ReactionKind, Thread
from forums.permissions import can_accept_answer, can_bookmark, can_react
from forums.recognition import events as recognition_events
from forums.sharing.cache import content_changed


@transaction.atomic
def react_to_post(post: Post, *, by: User, kind: str = ReactionKind.HELPFUL) -> bool:
    """Add ``by``'s reaction (one per member per post). Returns False if they had reacted."""
    if not can_react(by, post):
        raise PermissionDenied(_("You may not react to this post."))
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, user=by, kind=kind)
    except IntegrityError:
        return False
    Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") + 1)
    content_changed()  # the count shows on shared thread pages (forums/sharing/cache.py)
    notifications.notify_reaction(post, actor=by)
    if kind == ReactionKind.HELPFUL:
        recognition_events.marked_helpful(post=post)
    return True


@transaction.atomic
def remove_reaction(post: Post, *, by: User) -> bool:
    deleted, _count = Reaction.objects.filter(post=post, user=by).delete()
    if deleted:
        Post.objects.filter(pk=post.pk, helpful_count__gt=0).update(
            helpful_count=F("helpful_count") - 1
        )
        content_changed()
    return bool(deleted)


@transaction.atomic
def accept_answer(post: Post, *, by: User) -> Thread:
    """Mark a reply as the thread's accepted answer (replacing any earlier one)."""
    thread = post.thread
    if not can_accept_answer(by, thread):
        raise PermissionDenied(_("Only the thread's author or a moderator may accept an answer."))
    if post.number == 1 or post.is_deleted or post.is_hidden:
        raise PermissionDenied(_("Only a visible reply can be the accepted answer."))
    Thread.objects.filter(pk=thread.pk).update(accepted_post=post)
    content_changed()
    thread.accepted_post = post
    if is_moderator(by) and by.pk != thread.author_id:
        record(actor=by, action="thread.accept_answer", target=thread, post=post.number)
    notifications.notify_accepted(post, actor=by)
    recognition_events.answer_accepted(post=post, thread=thread)
    return thread


@transaction.atomic
def unaccept_answer(thread: Thread, *, by: User) -> Thread:
    if not can_accept_answer(by, thread):
        raise PermissionDenied(_("Only the thread's author or a moderator may change this."))
    Thread.objects.filter(pk=thread.pk).update(accepted_post=None)
    content_changed()
    thread.accepted_post = None
    return thread


def bookmark_post(post: Post, *, user: User) -> Bookmark:
    # A hidden post is for moderators only, as for reactions.
    if not can_bookmark(user) or (post.is_hidden and not is_moderator(user)):
        raise PermissionDenied
    bookmark, _created = Bookmark.objects.get_or_create(user=user, post=post)
    return bookmark


def remove_bookmark(post: Post, *, user: User) -> None:
    Bookmark.objects.filter(user=user, post=post).delete()
