"""Write services for the forums, one module per verb.

``writing`` (new threads and replies), ``editing`` (posts, thread titles and tags), ``deleting``,
``drafts``, ``reactions`` (reactions, accepted answers, bookmarks), ``following`` (follows and
read positions), ``moderation`` (moderators' actions), ``reports`` (members report, moderators
decide), ``categories`` (the forums themselves). Each service is a typed, keyword-only function
that runs its own checks (``checks``: permissions, the plugged-in text checks, the ``limits`` for
its ``Origin``) and retires the shared pages that show what it changed
(``forums.sharing.cache``).

The composer's services are also named here, as the package's public face
(``from forums.posting import create_reply``); the other verbs are imported from their module.
"""

from forums.posting.checks import MEMBER, SITE, Origin, PostingError, check_text
from forums.posting.deleting import delete_post
from forums.posting.drafts import MAX_DRAFT_CHARS, discard_draft, get_draft, save_draft
from forums.posting.editing import edit_post, edit_thread, link_quotes_of_case_discussion
from forums.posting.text import quote_attribution, quote_markdown, quoted_authors, render_post
from forums.posting.writing import create_reply, create_thread
from forums.rendering import RenderError

__all__ = [
    "MAX_DRAFT_CHARS",
    "MEMBER",
    "SITE",
    "Origin",
    "PostingError",
    "RenderError",
    "check_text",
    "create_reply",
    "create_thread",
    "delete_post",
    "discard_draft",
    "edit_post",
    "edit_thread",
    "get_draft",
    "link_quotes_of_case_discussion",
    "quote_attribution",
    "quote_markdown",
    "quoted_authors",
    "render_post",
    "save_draft",
]
