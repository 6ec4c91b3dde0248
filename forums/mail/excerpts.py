"""What of a post an email may quote, and how: plain text from the stored HTML, about 300
characters, only from forums everyone or every member can read.

Never from a case's discussion (nothing derived from a case leaves the site by email), never
from a forum for verified professionals only (an inbox is not a place we can check), and never
from a hidden or deleted post; those emails say who and where, with a link.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.utils.text import Truncator

from forums.models import Post, Thread, Visibility

EXCERPT_CHARS = 300
# Forums whose posts an email may quote: what anyone, or any signed-in member, reads anyway.
QUOTABLE = frozenset({Visibility.PUBLIC, Visibility.MEMBERS})
# Blocks that end a line of their own in the excerpt.
_BLOCKS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 pre table tr br hr blockquote figure details".split()
)
# What an excerpt leaves out: quotes of other posts (not this author's words), code, tables
# and anything not shown as text.
_SKIPPED = frozenset({"blockquote", "pre", "table", "script", "style", "svg", "figure"})
_SPACES = re.compile(r"\s+")


def may_quote(thread: Thread) -> bool:
    """Whether emails may carry text of this thread's posts (``thread.category`` loaded)."""
    return (
        not thread.is_case_discussion
        and not thread.hidden_by_case
        and not thread.is_hidden
        and thread.category.visibility in QUOTABLE
    )


def excerpt(post: Post | None, *, thread: Thread, limit: int = EXCERPT_CHARS) -> str:
    """Plain text of ``post`` for an email, cut at a word near ``limit`` characters, or ""
    where emails may not quote it (``may_quote``) or it is hidden or deleted."""
    if post is None or post.is_hidden or post.is_deleted or not may_quote(thread):
        return ""
    return Truncator(plain_text(post.html)).chars(limit, truncate="…")


def plain_text(html: str) -> str:
    """The text a reader sees of sanitised post HTML, one space between blocks, quoted posts
    and code left out."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return _SPACES.sub(" ", "".join(parser.parts)).strip()


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self._skipping:
            self._skipping -= 1
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)
