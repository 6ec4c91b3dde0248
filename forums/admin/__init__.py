"""The forums' admin, by family: ``content`` (forums, threads, posts), ``reports``,
``member_state`` (revisions, reactions, bookmarks, drafts); ``console`` holds the moderation
console's shared forms and buttons. Importing the package registers them all."""

from forums.admin import content, member_state, reports

__all__ = ["content", "member_state", "reports"]
