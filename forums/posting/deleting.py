"""Removing a post: a soft delete, so the post keeps its number and links stay valid."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.audit import record
from accounts.models import User
from forums.models import Post, Thread
from forums.permissions import can_delete_post
from forums.posting.activity import recount_after_moderation
from forums.search.index import index_posts
from forums.sharing.cache import content_changed


@transaction.atomic
def delete_post(post: Post, *, by: User) -> Post:
    """Soft delete: the post keeps its number (links stay valid) and shows as removed."""
    if not can_delete_post(by, post):
        raise PermissionDenied(_("You may not delete this post."))
    Post.objects.filter(pk=post.pk).update(is_deleted=True)
    index_posts(post_ids=[post.pk])
    content_changed()
    Thread.objects.filter(pk=post.thread_id, accepted_post=post).update(accepted_post=None)
    post.is_deleted = True
    recount_after_moderation(thread_ids=[post.thread_id], user_ids=[post.author_id])
    if by.pk != post.author_id:
        record(actor=by, action="post.delete", target=post, member=post.author)
    return post
