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
   An inline pattern turns ``@handle`` into a link to the member's page, but only for handles
   the caller resolved beforehand (at write time); unknown handles stay text.
3. nh3 sanitises last, with an allowlist of tags, attributes and URL schemes,
   adds ``rel="nofollow ugc noopener"`` to links, and drops images that are
   not served from this site's own media or its post images (``/uploads/<key>.<ext>``).
"""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass
from html import unescape

import markdown
import nh3
from bleach.linkifier import URL_RE, Linker
from django.conf import settings
from django.utils.translation import gettext as _
from markdown.treeprocessors import Treeprocessor

from forums.markdown_extensions import GitHubLikeExtension

MAX_SOURCE_CHARS = 40_000
MAX_LINES = 2_000
MAX_NESTING = 20
# Python-Markdown's link parser scans from every "[" to its "]" (or the end of the paragraph),
# and "(" after "](" costs it quadratic time: 1,000 unclosed "[" in a 38,000-character paragraph
# took 12 s to render. These bounds keep the worst accepted input under half a second.
# Unclosed "(" are as bad (39,000 took 25 s), balanced ones cost nothing.
MAX_BRACKET_SCAN = 250_000  # characters scanned from every "[" or "(" to its close, summed
# Emphasis parsing is slow per "*" (19,000 of them: 1.5 s); real posts use a few dozen.
MAX_ASTERISKS = 4_000
_BLOCK_SPLIT = re.compile(r"\n[ \t>]*\n")
_SQUARE = re.compile(r"[\[\]]")
_ROUND = re.compile(r"[()]")

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
    "a": {"href", "title", "class"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "td": {"class"},
    "th": {"class"},
    "code": {"class"},
}
TABLE_ALIGNMENTS = frozenset({"align-left", "align-center", "align-right"})
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"
# With GitHubLikeExtension (forums/markdown_extensions.py), made per parser in _markdown():
# tables and ~~strike~~.
EXTENSIONS = ["tables", "pymdownx.tilde"]
EXTENSION_CONFIGS = {"pymdownx.tilde": {"subscript": False}}


# Not after a word character, "@" or "/" so that emails and URLs are not mentions.
MENTION_PATTERN = r"(?<![\w@/])@([A-Za-z0-9_]{3,30})(?![\w@])"
_MENTION = re.compile(MENTION_PATTERN)
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.DOTALL | re.MULTILINE)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
# A line in a quote: ">" after up to three spaces, or inside a list item's indentation.
_QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)


class RenderError(ValueError):
    """The source cannot be rendered safely; the message is meant for the author."""


@dataclass(frozen=True)
class Rendered:
    html: str
    # Lower-cased handles that became links: the members to notify.
    mentions: frozenset[str]


def member_url(handle: str) -> str:
    # The accounts app serves /u/<handle>/; a literal path keeps this module free of URLconf.
    return f"/u/{handle}/"


class _MentionProcessor(Treeprocessor):
    """``@handle`` in text becomes a link when the handle is in ``self.handles`` (set per render).

    A tree pass after the inline patterns, so mentions inside links and code stay as written.
    """

    SKIP = frozenset({"a", "code", "pre"})

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.handles: Mapping[str, str] = {}
        self.found: set[str] = set()

    def run(self, root: etree.Element) -> None:
        if self.handles:
            self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in self.SKIP:
            return
        children = list(element)
        if element.text:
            before, made = self._split(element.text)
            if made:
                element.text = before
                for index, node in enumerate(made):
                    element.insert(index, node)
        for child in children:
            self._walk(child)
            if child.tail:
                before, made = self._split(child.tail)
                if made:
                    child.tail = before
                    position = list(element).index(child) + 1
                    for offset, node in enumerate(made):
                        element.insert(position + offset, node)

    def _split(self, text: str) -> tuple[str, list[etree.Element]]:
        """Text before the first mention, and the links (each carrying the text after it)."""
        made: list[etree.Element] = []
        before, cursor = None, 0
        for match in _MENTION.finditer(text):
            key = match.group(1).lower()
            handle = self.handles.get(key)
            if handle is None:
                continue
            self.found.add(key)
            chunk = text[cursor : match.start()]
            if made:
                made[-1].tail = chunk
            else:
                before = chunk
            link = etree.Element("a", {"href": member_url(handle), "class": "mention"})
            link.text = match.group(0)
            made.append(link)
            cursor = match.end()
        if not made:
            return text, []
        made[-1].tail = text[cursor:]
        return before or "", made


class _RemoteImages(Treeprocessor):
    """An image from elsewhere becomes a link to it named by its alt text.

    The sanitiser refuses images not served from this site (a remote image is a tracking pixel
    waiting to happen); left to it, the reader would see a broken image. Inside a link, where a
    link cannot go, the image becomes its alt text.
    """

    def run(self, root: etree.Element) -> None:
        stack = [(root, False)]  # (element, inside a link); iterative: trees can be deep
        while stack:
            element, in_link = stack.pop()
            for index, child in enumerate(list(element)):
                if child.tag == "img" and not _is_own_media(child.get("src", "")):
                    element[index] = self._replacement(child, in_link=in_link)
                else:
                    stack.append((child, in_link or child.tag == "a"))

    @staticmethod
    def _replacement(image: etree.Element, *, in_link: bool) -> etree.Element:
        src = image.get("src", "")
        # Inside a link a link cannot go: a span, which nh3 drops while keeping its text.
        replacement = etree.Element("span") if in_link else etree.Element("a", {"href": src})
        replacement.text = image.get("alt") or image.get("title") or src
        replacement.tail = image.tail
        return replacement


_local = threading.local()


def _markdown(*, measuring: str = "") -> markdown.Markdown:
    """The thread's parser. ``measuring`` ("breaks" or "soft") gives one for the spec run only:
    without the site's policy on remote images, and for "soft" with CommonMark's soft breaks."""
    key = f"md_{measuring}"
    md = getattr(_local, key, None)
    if md is None:
        md = markdown.Markdown(
            extensions=[GitHubLikeExtension(max_depth=MAX_NESTING), *EXTENSIONS],
            extension_configs=EXTENSION_CONFIGS,
            output_format="html",
        )
        # Authors may not write HTML: without these processors it is escaped as text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # After the inline patterns (priority 20), before prettify (10).
        md.treeprocessors.register(_MentionProcessor(md), "mention", 15)
        if not measuring:
            md.treeprocessors.register(_RemoteImages(md), "remote_images", 14)
        if measuring == "soft":
            md.treeprocessors.deregister("line_breaks")
        setattr(_local, key, md)
    md.reset()
    return md


def find_mentions(source: str, *, outside_quotes: bool = False) -> set[str]:
    """Lower-cased handles that look mentioned, outside code: candidates to look up.

    A superset is fine: only handles that exist and that the renderer links are notified.
    ``outside_quotes`` leaves out quoted lines (``>``): what the writer typed, not what they
    quoted, for the new-member mention limit.
    """
    if outside_quotes:
        source = _QUOTED_LINE.sub("", source)
    text = _INLINE_CODE.sub(" ", _FENCE.sub(" ", source))
    return {match.group(1).lower() for match in _MENTION.finditer(text)}


# Images members add in the composer, served by forums:post_image after a permission check
# (forums.uploads writes the Markdown), and images in private messages, served by
# forums:consult_image to the conversation's participants (forums.consults.images): nothing
# else under those paths is an image of ours. Its key is random: ``cases.scanning`` reads no
# identifier in it.
OWN_UPLOAD = re.compile(r"/(?:uploads|messages/images)/[0-9a-f]{32}\.(?:jpg|png|webp)")


def _is_own_media(url: str) -> bool:
    media = settings.MEDIA_URL
    if url.startswith(media) and not url.startswith("//"):
        return True
    if url.startswith(f"{settings.SITE_URL}{media}"):
        return True
    path = url.removeprefix(settings.SITE_URL) if settings.SITE_URL else url
    return bool(OWN_UPLOAD.fullmatch(path))


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if _is_own_media(value) else None
    if tag == "a" and attribute == "class":
        # Only the renderer's own mention links carry a class; authors cannot set attributes.
        return value if value == "mention" else None
    if tag in {"td", "th"} and attribute == "class":
        # Column alignment from a table's delimiter row (markdown_extensions._TableAlignment).
        return value if value in TABLE_ALIGNMENTS else None
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
    if source.count("*") > MAX_ASTERISKS:
        raise RenderError(
            _("This text has more than %(limit)s asterisks (*).") % {"limit": f"{MAX_ASTERISKS:,}"}
        )
    if (
        _bracket_scan(source, _SQUARE, "]") > MAX_BRACKET_SCAN
        or _bracket_scan(source, _ROUND, ")") > MAX_BRACKET_SCAN
    ):
        raise RenderError(
            _(
                "This text has too many unclosed brackets to show safely; "
                "close or remove some [ or ( characters."
            )
        )


def _bracket_scan(source: str, brackets: re.Pattern, close: str) -> int:
    """How far the parser will scan: from each opening bracket to the next close or block end."""
    total = 0
    for block in _BLOCK_SPLIT.split(source):
        next_close = len(block)
        for match in reversed(list(brackets.finditer(block))):
            if match.group() == close:
                next_close = match.start()
            else:
                total += next_close - match.start()
    return total


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


def _convert(
    source: str, handles: Mapping[str, str] | None, *, measuring: str = ""
) -> tuple[str, frozenset[str]]:
    """Markdown and linkify, before the sanitiser: the HTML and the handles that became links."""
    # NUL and the three private-use characters that _linkify uses as markers are never text.
    source = source.translate({0: None, 0xE000: None, 0xE001: None, 0xE002: None})
    source = source.replace("\r\n", "\n")
    check_source(source)
    md = _markdown(measuring=measuring)
    mention = md.treeprocessors["mention"]
    mention.handles, mention.found = handles or {}, set()
    try:
        html = md.convert(source)
    except RecursionError as exc:
        raise RenderError(_("This text is nested too deeply to show.")) from exc
    finally:
        mention.handles = {}
    return _linkify(html), frozenset(mention.found)


def render(source: str, *, handles: Mapping[str, str] | None = None) -> Rendered:
    """Render member-written Markdown to sanitised HTML, linking resolved @mentions.

    ``handles`` maps lower-cased handle -> handle as stored, for members that exist (the caller
    looks up ``find_mentions(source)``). Raises RenderError (with a message for the author) when
    the source is oversize or pathological; never returns unsanitised HTML.
    """
    html, mentions = _convert(source, handles)
    return Rendered(html=sanitise_html(html), mentions=mentions)


def render_before_sanitiser(source: str, *, breaks: bool = True) -> str:
    """The HTML before nh3: NOT safe to show. Only for measuring the parser against the specs.

    ``breaks=False`` keeps single newlines soft, as CommonMark does (the site breaks lines).
    Remote images stay images here: turning them into links is the site's policy, not parsing.
    """
    return _convert(source, None, measuring="breaks" if breaks else "soft")[0]


_ANY_TAG = re.compile(r"<[^>]*>")


def plain_text(html: str) -> str:
    """The text a reader sees in stored (sanitised) HTML, on one line, entities decoded.

    For search snippets, excerpts and summaries: no ``**``, no table pipes, no ``&gt;``. The
    result is text, not HTML: templates escape it (once) when they show it.
    """
    return " ".join(unescape(_ANY_TAG.sub(" ", html)).split())


def render_markdown(source: str, *, handles: Mapping[str, str] | None = None) -> str:
    """Render member-written Markdown to sanitised HTML: the one pipeline for all user text.

    Without ``handles`` no @mention becomes a link. See ``render`` for the details.
    """
    return render(source, handles=handles).html


_CODE = re.compile(r"<pre>.*?</pre>|<code[^>]*>.*?</code>", re.DOTALL)
_TOKEN = re.compile("\ue000(\\d+)\ue001")
_TAG = re.compile(r"(<[^>]*>)")
_RUN_BREAK = "\ue002"  # private use, like the code placeholders; ``render`` strips it from input
# Every match of bleach's URL pattern holds a word character or "-", a dot and a letter (the
# first of a top-level domain: "x.org"), so a run without one needs no URL search. The pattern
# opens on optional brackets and a word boundary, so the engine tries its whole domain part at
# every position of a run: 0.55 ms of a typical 2 KB post's 2.2 ms render. This test skips
# along the runs to their dots (a literal) and answers in microseconds. A letter in the widest
# sense: under IGNORECASE "\u017f" and "\u212a" match "s" and "k", and both are letters.
URL_GATE = re.compile(r"\.(?<=[\w-]\.)[^\W\d_]")


def _linker() -> Linker:
    linker = getattr(_local, "linker", None)
    if linker is None:
        linker = _local.linker = Linker(callbacks=[], parse_email=False)
    return linker


def _linkify(html: str) -> str:
    """Link bare URLs in text outside code and outside existing links.

    The HTML here is Python-Markdown's own, well formed, so it can be split into tags and text.
    Only the text runs in which bleach's own URL pattern finds something go through bleach's
    (slow, html5lib-based) linkifier: most posts have none, and those that do have a few short
    runs. Code is swapped for private-use placeholders first, because bleach's ``skip_tags``
    escapes skipped text a second time (``&lt;`` becomes ``&amp;lt;``).
    """
    blocks: list[str] = []

    def stash(match: re.Match) -> str:
        blocks.append(match.group(0))
        return f"\ue000{len(blocks) - 1}\ue001"

    parts = _TAG.split(_CODE.sub(stash, html))
    in_link = 0
    runs: list[int] = []
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            lowered = part.lower()
            if lowered.startswith("<a ") or lowered == "<a>":
                in_link += 1
            elif lowered == "</a>":
                in_link = max(in_link - 1, 0)
        elif part and not in_link and URL_GATE.search(part) and URL_RE.search(part):
            runs.append(index)
    if runs:
        # One linkifier pass for all the runs, joined by a character no URL can contain (each
        # pass re-parses its input with html5lib: sixteen runs cost sixteen parses before).
        linked = _linker().linkify(_RUN_BREAK.join(parts[index] for index in runs))
        pieces = linked.split(_RUN_BREAK)
        if len(pieces) != len(runs):  # cannot happen with bleach's URL pattern; stay correct
            pieces = [_linker().linkify(parts[index]) for index in runs]
        for index, piece in zip(runs, pieces, strict=True):
            parts[index] = piece
    return _TOKEN.sub(lambda match: blocks[int(match.group(1))], "".join(parts))
