"""The one pipeline that turns user text into safe HTML.

Every piece of member-written text on the site (posts, case fields, bios)
goes through ``render_markdown`` once, when it is saved; pages show the stored
HTML and never render Markdown themselves.

Stages, in order:
1. Python-Markdown with a fixed, small set of extensions. Raw HTML is not
   interpreted: the HTML block and inline processors are removed, so ``<b>``
   typed by an author shows as text.
2. bleach's linkifier turns bare URLs into links (bleach is archived and no
   longer gets security fixes, so it is never trusted to sanitise).
3. nh3 sanitises last, with an allowlist of tags, attributes and URL schemes,
   adds ``rel="nofollow ugc noopener"`` to links, and drops images that are
   not served from this site's own media.
"""

from __future__ import annotations

import re
import threading

import bleach
import markdown
import nh3
from django.conf import settings
from django.utils.translation import gettext as _

MAX_SOURCE_CHARS = 40_000
MAX_LINES = 2_000
MAX_NESTING = 20

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
    "code": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"
EXTENSIONS = ["fenced_code", "tables", "sane_lists"]


class RenderError(ValueError):
    """The source cannot be rendered safely; the message is meant for the author."""


_local = threading.local()


def _markdown() -> markdown.Markdown:
    md = getattr(_local, "md", None)
    if md is None:
        md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
        # Authors may not write HTML: without these processors it is escaped as text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        _local.md = md
    md.reset()
    return md


def _is_own_media(url: str) -> bool:
    media = settings.MEDIA_URL
    if url.startswith(media) and not url.startswith("//"):
        return True
    return url.startswith(f"{settings.SITE_URL}{media}")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if _is_own_media(value) else None
    if tag == "code" and attribute == "class":
        # fenced_code marks the language as class="language-x"; keep only that shape.
        return value if value.startswith("language-") and value[9:].isidentifier() else None
    return value


def check_source(source: str) -> None:
    """Raise RenderError when the source is too large or too deeply nested to render."""
    if len(source) > MAX_SOURCE_CHARS:
        raise RenderError(
            _("This text is %(length)s characters long; the limit is %(limit)s.")
            % {"length": f"{len(source):,}", "limit": f"{MAX_SOURCE_CHARS:,}"}
        )
    if source.count("\n") > MAX_LINES:
        raise RenderError(_("This text has more than %(limit)s lines.") % {"limit": MAX_LINES})
    for line in source.splitlines():
        stripped = line.lstrip(" \t>")
        depth = line[: len(line) - len(stripped)].count(">") + (len(line) - len(stripped)) // 4
        if depth > MAX_NESTING:
            raise RenderError(_("Quotes or lists are nested too deeply."))


def sanitise_html(html: str) -> str:
    """The last stage: nh3 with the site's allowlist. Also used for HTML made by the site."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        attribute_filter=_filter_attribute,
        strip_comments=True,
    )


def render_markdown(source: str) -> str:
    """Render member-written Markdown to sanitised HTML.

    Raises RenderError (with a message for the author) when the source is
    oversize or pathological; never returns unsanitised HTML.
    """
    # NUL and the two private-use characters that _linkify uses as placeholders are never text.
    source = source.translate({0: None, 0xE000: None, 0xE001: None}).replace("\r\n", "\n")
    check_source(source)
    html = _markdown().convert(source)
    return sanitise_html(_linkify(html))


_CODE = re.compile(r"<pre>.*?</pre>|<code[^>]*>.*?</code>", re.DOTALL)
_TOKEN = re.compile("\ue000(\\d+)\ue001")


def _linkify(html: str) -> str:
    """Link bare URLs outside code.

    bleach's own ``skip_tags`` escapes the skipped text a second time (``&lt;`` becomes
    ``&amp;lt;``), so code spans are swapped for private-use placeholders instead.
    """
    blocks: list[str] = []

    def stash(match: re.Match) -> str:
        blocks.append(match.group(0))
        return f"\ue000{len(blocks) - 1}\ue001"

    linked = bleach.linkify(_CODE.sub(stash, html), callbacks=[], parse_email=False)
    return _TOKEN.sub(lambda match: blocks[int(match.group(1))], linked)
