"""What every write does to the text it is given, before anything is stored.

NUL taken out, Markdown rendered once (``forums.rendering``), @mentions and quotes resolved at
write time, tags and slugs made from what the author typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from forums.models import Post
from forums.rendering import find_mentions, render

# Handles looked up per post; more mentions than this are left as text (and notify nobody).
MAX_MENTIONS = 20

# A quote is a blockquote whose first line links to the quoted post: ``> [...](/t/12-slug/3)``.
_QUOTE_LINK = re.compile(r"^>\s*\[[^\]\n]*\]\(/t/(\d+)-[\w-]*/(\d+)\)", re.MULTILINE)


def without_nul(value: str) -> str:
    """PostgreSQL text cannot hold NUL, and it is never meant as text: drop it."""
    return value.replace("\x00", "")


def thread_slug(title: str) -> str:
    return slugify(title)[:200] or "thread"


def clean_tags(tags: Iterable[str]) -> list[str]:
    return sorted({tag.strip().lower()[:50] for tag in tags if tag.strip()})


def _mentioned_members(body: str) -> dict[str, User]:
    handles = sorted(find_mentions(body))[:MAX_MENTIONS]
    if not handles:
        return {}
    users = User.objects.annotate(lower_handle=Lower("handle")).filter(
        lower_handle__in=handles, is_active=True
    )
    return {user.lower_handle: user for user in users}


def render_post(body: str) -> tuple[str, list[User]]:
    """Render a post body; return its HTML and the members it mentions (linked)."""
    members = _mentioned_members(body)
    rendered = render(body, handles={key: user.handle for key, user in members.items()})
    return rendered.html, [members[key] for key in sorted(rendered.mentions)]


def quoted_authors(body: str, *, exclude: int | None = None) -> list[User]:
    """Authors of the posts a body quotes (by their ``/t/<id>-<slug>/<n>`` attribution link)."""
    pairs = {(int(t), int(n)) for t, n in _QUOTE_LINK.findall(body)}
    if not pairs:
        return []
    condition = Q(pk__in=[])
    for thread_id, number in list(pairs)[:MAX_MENTIONS]:
        condition |= Q(thread_id=thread_id, number=number)
    posts = Post.objects.filter(condition, author__isnull=False).select_related("author")
    return list(
        {
            p.author_id: p.author for p in posts if p.author is not None and p.author_id != exclude
        }.values()
    )


def quote_attribution(post: Post) -> str:
    """The link text of a quote of ``post``: "Ada wrote in #2" (its author, a member)."""
    author = post.author.name if post.author else _("Former member")
    attribution = _("%(author)s wrote in #%(number)s") % {"author": author, "number": post.number}
    # Brackets in a display name would end the link text early.
    return attribution.replace("[", "(").replace("]", ")")


def quote_markdown(post: Post) -> str:
    """The Markdown a composer starts with to quote ``post``: attributed, linking back."""
    lines = [f"> [{quote_attribution(post)}]({post.get_absolute_url()}):", ">"]
    lines += [f"> {line}" if line else ">" for line in post.source.splitlines()]
    return "\n".join(lines) + "\n\n"
