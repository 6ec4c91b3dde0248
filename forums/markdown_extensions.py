"""Python-Markdown extensions that make it read Markdown as GitHub comments and Discourse do.

Python-Markdown follows the original Markdown.pl: a list or table needs a blank line before it,
nested lists need four spaces, fences sit at the left margin only, ``#5`` is a heading and tabs
are expanded everywhere. Clinicians type what GitHub and Discourse accept, so this module adds,
as one extension (``GitHubLikeExtension``):

- ``_BlockLayout``: a preprocessor (in place of Python-Markdown's ``normalize_whitespace``) that
  reads the CommonMark container rules once, line by line, and rewrites the layout into the shape
  Python-Markdown understands: list items nested by their content column (two or three spaces)
  are re-indented by four per level, a list, table or fence that interrupts a paragraph gets the
  blank line Python-Markdown needs, and fenced code (at any depth, info string, tabs kept) is
  rendered here and stashed, the way Python-Markdown's own fenced_code does.
- ``_Heading``: ``#`` needs a space after it to make a heading (CommonMark).
- ``1)`` ordered lists, ``\\`` + newline as a hard break, ``- [ ]`` / ``- [x]`` task items shown
  as ☐ / ☑ (text, so no form control without a label reaches the page and the sanitiser needs
  no ``<input>``), and quotes whose content gets the same layout rules.

Everything here is linear in the input: each line is looked at once, with a stack of open list
items bounded by ``max_depth``.
"""

from __future__ import annotations

import html
import re
import string
import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
from markdown import util
from markdown.blockprocessors import BlockQuoteProcessor, HashHeaderProcessor
from markdown.extensions import Extension
from markdown.extensions.sane_lists import SaneOListProcessor, SaneUListProcessor
from markdown.inlinepatterns import SubstituteTagInlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

TAB = 4
_MARKER = re.compile(r"(?P<marker>[-+*]|(?P<number>\d{1,9})[.)])(?P<space>[ \t]+|$)")
_THEMATIC = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_FENCE = re.compile(r"(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_TABLE_DELIMITER = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_BLOCK_START = re.compile(r"(?:#{1,6}(?:[ \t]|$)|>|`{3,}|~{3,})")


@dataclass
class _Item:
    source_column: int  # where the item's content starts in the author's text
    column: int  # where it starts in the rewritten text (a multiple of four)


@dataclass
class _Fence:
    char: str
    length: int
    language: str
    source_column: int  # the container's content column: stripped from each code line
    column: int
    lines: list[str]


def _indentation(line: str) -> tuple[int, str]:
    """Columns of leading whitespace (tabs to the next stop of four) and the rest of the line."""
    lead = line[: len(line) - len(line.lstrip(" \t"))]
    return len(lead.expandtabs(TAB)), line[len(lead) :]


def _strip_columns(line: str, columns: int) -> str:
    """Remove up to ``columns`` leading spaces, keeping any tab (code keeps its tabs)."""
    index = 0
    while index < columns and index < len(line) and line[index] == " ":
        index += 1
    return line[index:]


class _BlockLayout(Preprocessor):
    """Rewrite the author's block layout into Python-Markdown's (see the module docstring)."""

    def __init__(self, md: markdown.Markdown, max_depth: int) -> None:
        super().__init__(md)
        self.max_depth = max_depth

    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines).replace("\x02", "").replace("\x03", "")
        source = source.replace("\r\n", "\n").replace("\r", "\n")
        return [*self.layout(source.split("\n")), "", ""]

    def layout(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        stack: list[_Item] = []
        fence: _Fence | None = None
        previous = "blank"  # what the last line was: blank, paragraph, item or other
        paragraph_depth = 0  # how many list items enclose the open paragraph
        blank_before_next = False
        block_opened_by_item = False  # did the lines since the last blank start with an item?
        kinds: dict[int, str] = {}  # the kind of list ("ul" or "ol") last seen at each depth
        for number, line in enumerate(lines):
            if fence is not None:
                indent, rest = _indentation(line)
                if rest and stack and indent < fence.source_column:
                    out.append(self._stash(fence))  # the container ended: so does the fence
                    fence, blank_before_next = None, True
                elif self._closes(fence, line):
                    out.append(self._stash(fence))
                    fence, previous = None, "other"
                    # Text right after would share a paragraph with the code; a list item not.
                    following = lines[number + 1] if number + 1 < len(lines) else ""
                    blank_before_next = not _MARKER.match(following.lstrip(" \t"))
                    continue
                else:
                    fence.lines.append(_strip_columns(line, fence.source_column))
                    continue
            indent, rest = _indentation(line)
            if not rest:
                out.append("")
                previous, blank_before_next = "blank", False
                continue
            if blank_before_next:
                out.append("")
                blank_before_next = False
            marker = _MARKER.match(rest)
            if previous == "blank":
                block_opened_by_item = bool(marker)
            if marker and _THEMATIC.match(rest):
                marker = None
            starts_block = bool(marker or _BLOCK_START.match(rest) or _THEMATIC.match(rest))
            lazy = previous in {"paragraph", "item"} and not starts_block
            while stack and indent < stack[-1].source_column and not lazy:
                stack.pop()
            container = stack[-1] if stack else _Item(0, 0)
            relative = max(indent - container.source_column, 0)
            if lazy and indent < container.source_column:
                out.append(" " * container.column + rest)
                previous = "paragraph"
                continue
            if previous == "table":
                if not starts_block:  # GFM: a table goes on to a blank line or a block
                    out.append(" " * (container.column + relative) + rest)
                    continue
                out.append("")
                previous = "blank"
            if relative < TAB and (_SETEXT.match(rest) or _THEMATIC.match(rest)):
                underline = previous == "paragraph" and paragraph_depth == len(stack)
                if underline and _SETEXT.match(rest):  # the paragraph above is a heading
                    out.append(" " * container.column + rest.strip())
                    previous = "other"
                    continue
                if _THEMATIC.match(rest):
                    # In the one spelling Python-Markdown knows, and never read as an underline
                    # (or a heading) of what is above: "- item" then "---" is a list, then a rule.
                    if previous != "blank":
                        out.append("")
                    out.append(" " * container.column + rest.strip()[0] * 3)
                    previous = "other"
                    continue
            if marker and relative < TAB:
                interrupts = previous == "paragraph" and paragraph_depth == len(stack)
                content = rest[marker.end() :]
                number_text = marker.group("number")
                if interrupts and (not content.strip() or (number_text and int(number_text) != 1)):
                    marker = None  # CommonMark: only a non-empty item, numbered 1, interrupts
                else:
                    # A paragraph of an item that began after a blank line is a block of its
                    # own for Python-Markdown: the next item needs a blank line to be one.
                    closes = previous == "paragraph" and not block_opened_by_item
                    # A numbered item after a bullet (or the reverse) starts another list.
                    kind = "ol" if number_text else "ul"
                    other_list = kinds.get(len(stack), kind) != kind and previous != "blank"
                    kinds[len(stack)] = kind
                    if interrupts or closes or other_list:
                        out.append("")
                    if len(stack) >= self.max_depth:  # deeper still: siblings, not children
                        container = stack.pop()
                        container = stack[-1] if stack else _Item(0, 0)
                    space = len(marker.group("space").expandtabs(TAB))
                    width = len(marker.group("marker"))
                    if space > TAB or not content:  # content is indented code, or empty
                        content = " " * max(space - 1, 0) + content
                        space = 1
                    stack.append(_Item(indent + width + space, container.column + TAB))
                    if not content.strip():
                        # An empty item: a stashed nothing, so "- a" then "-" is not read as
                        # a heading underlined by "-" (Python-Markdown's setext rule).
                        content = self.md.htmlStash.store("")
                    out.append(f"{' ' * container.column}{marker.group('marker')} {content}")
                    previous, paragraph_depth = "item", len(stack)
                    continue
            opening = _FENCE.match(rest) if relative < TAB else None
            if opening and not (opening.group("fence")[0] == "`" and "`" in opening.group("info")):
                if previous == "paragraph":
                    out.append("")
                info = opening.group("info").strip()
                fence = _Fence(
                    char=opening.group("fence")[0],
                    length=len(opening.group("fence")),
                    language=info.split()[0] if info else "",
                    source_column=container.source_column + relative,
                    column=container.column,
                    lines=[],
                )
                continue
            if (
                "|" in rest
                and number + 1 < len(lines)
                and "|" in lines[number + 1]
                and _TABLE_DELIMITER.match(lines[number + 1].strip())
            ):
                if previous == "paragraph":
                    out.append("")
                out.append(" " * (container.column + relative) + rest)
                previous = "table"
                continue
            out.append(" " * (container.column + relative) + rest)
            if relative >= TAB and previous != "paragraph":
                previous = "other"  # indented code
            elif _BLOCK_START.match(rest) or _THEMATIC.match(rest):
                previous = "other"
            else:
                previous, paragraph_depth = "paragraph", len(stack)
        if fence is not None:  # an unclosed fence runs to the end (CommonMark)
            out.append(self._stash(fence))
        return out

    @staticmethod
    def _closes(fence: _Fence, line: str) -> bool:
        indent, rest = _indentation(_strip_columns(line, fence.source_column))
        stripped = rest.rstrip(" \t")
        return (
            indent < TAB
            and len(stripped) >= fence.length
            and stripped == fence.char * len(stripped)
        )

    def _stash(self, fence: _Fence) -> str:
        language = html.unescape(fence.language.replace("\\", ""))
        attribute = f' class="language-{html.escape(language)}"' if language else ""
        code = "".join(f"{html.escape(line, quote=False)}\n" for line in fence.lines)
        placeholder = self.md.htmlStash.store(f"<pre><code{attribute}>{code}</code></pre>")
        return " " * fence.column + placeholder


class _Heading(HashHeaderProcessor):
    """ATX headings need a space (or nothing) after the hashes: ``#5 chest drain`` is text."""

    RE = re.compile(r"(?:^|\n)[ ]{0,3}(?P<level>#{1,6})(?P<header>[ \t][^\n]*)?(?=\n|$)\n?")

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        block = blocks.pop(0)
        match = self.RE.search(block)
        assert match is not None  # test() found it in this block
        before, after = block[: match.start()], block[match.end() :]
        if before:
            self.parser.parseBlocks(parent, [before])
        heading = etree.SubElement(parent, f"h{len(match.group('level'))}")
        text = (match.group("header") or "").strip()
        unclosed = text.rstrip("#")
        # A closing run of # counts only after a space: "# C#" keeps its "#".
        if not unclosed or unclosed[-1] in " \t":
            text = unclosed.rstrip()
        heading.text = text
        if after:
            blocks.insert(0, after)


class _OrderedList(SaneOListProcessor):
    """``1)`` starts an ordered list as ``1.`` does."""

    def __init__(self, parser) -> None:
        super().__init__(parser)
        tab = self.tab_length
        self.RE = re.compile(rf"^[ ]{{0,{tab - 1}}}\d+[.)][ ]+(.*)")
        self.CHILD_RE = re.compile(rf"^[ ]{{0,{tab - 1}}}((\d+[.)]))[ ]+(.*)")
        self.INDENT_RE = re.compile(rf"^[ ]{{{tab},{tab * 2 - 1}}}((\d+[.)])|[*+-])[ ]+.*")


class _Quote(BlockQuoteProcessor):
    """A quote's content follows the same layout rules as the text around it."""

    def __init__(self, parser, layout: _BlockLayout) -> None:
        super().__init__(parser)
        self.layout = layout

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        block = blocks[0]
        match = self.RE.search(block)
        if match:
            quoted = "\n".join(self.clean(line) for line in block[match.start() :].split("\n"))
            # Re-quote the rewritten layout so the parent class strips it again as before.
            laid_out = "\n".join(f"> {line}" for line in self.layout.layout(quoted.split("\n")))
            blocks[0] = block[: match.start()] + ("\n" if match.start() else "") + laid_out
        super().run(parent, blocks)


# Each inline pattern with the pieces of text one of which every match of it holds. The inline
# processor tries every pattern on every text of the tree, each try a call of Python-Markdown's
# own (about 3 microseconds): 0.4 ms of a typical 2 KB post's 1.3 ms, whose text holds no "[",
# "`", "\\", "<", "&" or "~". A pattern not named here (another extension's) is always tried.
INLINE_TRIGGERS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "backslash_br": ("\\",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
    "em_strong2": ("_",),
    "delimiter": ("~",),
}


class _InlineGate(Treeprocessor):
    """Before the inline patterns: hands the inline processor only the patterns whose trigger
    is in some text it will read (the texts and tails of the tree that are no code). What a
    pattern makes from a match is part of that text, so no later text holds a trigger the
    tree did not."""

    # The gated patterns by identity, read from the registry at the first run (every
    # extension has registered its patterns by then): the registry does not change after.
    _gated: dict[int, str] | None = None

    def run(self, root: etree.Element) -> None:
        inline = self.md.treeprocessors["inline"]
        patterns = self.md.inlinePatterns
        if self._gated is None:
            self._gated = {id(patterns[n]): n for n in INLINE_TRIGGERS if n in patterns}
        gated = self._gated
        texts = "\n".join(
            piece
            for element in root.iter()
            for piece in (element.text, element.tail)
            if piece and not isinstance(piece, util.AtomicString)
        )
        inline.inlinePatterns = [
            pattern
            for pattern in patterns
            if (name := gated.get(id(pattern))) is None
            or any(trigger in texts for trigger in INLINE_TRIGGERS[name])
        ]


class _TaskItems(Treeprocessor):
    """``[ ]`` / ``[x]`` opening a list item become ☐ / ☑ (before inline parsing)."""

    BOXES = {"[ ]": "\u2610", "[x]": "\u2611", "[X]": "\u2611"}

    def run(self, root: etree.Element) -> None:
        for item in root.iter("li"):
            target = item
            if not (item.text or "").strip() and len(item) and item[0].tag == "p":
                target = item[0]
            text = (target.text or "").lstrip()
            box = self.BOXES.get(text[:3])
            if box and (len(text) == 3 or text[3] in " \t"):
                target.text = box + text[3:]


class _TableAlignment(Treeprocessor):
    """Column alignment as a class (``align-center``): the tables extension writes a ``style``,
    which the sanitiser drops and the site's CSP would refuse, and ``align`` is obsolete HTML."""

    STYLE = re.compile(r"text-align:\s*(left|center|right)")

    def run(self, root: etree.Element) -> None:
        for tag in ("th", "td"):
            for cell in root.iter(tag):
                match = self.STYLE.search(cell.attrib.pop("style", ""))
                if match:
                    cell.set("class", f"align-{match.group(1)}")


class _LineBreaks(Treeprocessor):
    """Every newline in a paragraph is a line break, as in GitHub comments and Discourse.

    One pass over the tree after inline parsing (Python-Markdown's nl2br is an inline pattern,
    which costs a regex search per text node and a re-scan per match). Code keeps its
    newlines; none is added next to a block (a nested list, a stashed fenced block).
    """

    # Elements whose own text is layout, not prose (or code, which keeps its newlines).
    NO_PROSE = frozenset(
        "blockquote br code div dl hr ol pre table tbody thead tfoot tr ul".split()
    )
    BLOCKS = frozenset("blockquote div dl h1 h2 h3 h4 h5 h6 hr ol p pre table ul".split())

    def run(self, root: etree.Element) -> None:
        # Iterative (the tree can be as deep as the nesting limit allows).
        for element in list(root.iter()):
            if element.tag not in self.NO_PROSE and element is not root:
                self._break(element)

    def _break(self, element: etree.Element) -> None:
        children = list(element)
        # From the last child back, so inserting breaks never moves a child still to visit.
        for index in range(len(children) - 1, -1, -1):
            child = children[index]
            if not child.tail or "\n" not in child.tail:
                continue
            if child.tag in self.BLOCKS:
                child.tail = child.tail.lstrip("\n")
                continue
            following = children[index + 1] if index + 1 < len(children) else None
            child.tail, made = self._split(child.tail, following)
            for offset, node in enumerate(made):
                element.insert(index + 1 + offset, node)
        if element.text and "\n" in element.text:
            element.text, made = self._split(element.text, children[0] if children else None)
            for index, node in enumerate(made):
                element.insert(index, node)

    def _split(self, text: str, following: etree.Element | None) -> tuple[str, list[etree.Element]]:
        if following is None or following.tag in self.BLOCKS:
            text = text.rstrip("\n ")
        lines = text.split("\n")
        first, made = lines[0], list[etree.Element]()
        for line in lines[1:]:
            previous = (made[-1].tail or "") if made else first
            if previous.endswith(util.ETX) or line.lstrip().startswith(util.STX):
                # A stashed fenced block sits on its own line: no break beside it.
                if made:
                    made[-1].tail = f"{previous}\n{line}"
                else:
                    first += "\n" + line
                continue
            br = etree.Element("br")
            br.tail = line  # prettify puts the newline back after each <br>
            made.append(br)
        return first, made


class GitHubLikeExtension(Extension):
    def __init__(self, *, max_depth: int) -> None:
        super().__init__()
        self.max_depth = max_depth

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # CommonMark: any ASCII punctuation can be escaped (Python-Markdown knows a few).
        md.ESCAPED_CHARS = list(string.punctuation)
        layout = _BlockLayout(md, self.max_depth)
        md.preprocessors.register(layout, "normalize_whitespace", 30)
        parser = md.parser
        parser.blockprocessors.register(_Heading(parser), "hashheader", 70)
        parser.blockprocessors.register(_OrderedList(parser), "olist", 40)
        parser.blockprocessors.register(SaneUListProcessor(parser), "ulist", 30)
        parser.blockprocessors.register(_Quote(parser, layout), "quote", 20)
        # After the inline patterns (20) and mentions (15), before prettify (10).
        md.treeprocessors.register(_LineBreaks(md), "line_breaks", 12)
        md.treeprocessors.register(_TableAlignment(md), "table_alignment", 11)
        # Before "escape" (180), which would otherwise leave the backslash as text.
        md.inlinePatterns.register(SubstituteTagInlineProcessor(r"\\\n", "br"), "backslash_br", 185)
        # Before the inline patterns (20) so "[ ]" is still the text the author typed.
        md.treeprocessors.register(_TaskItems(md), "task_items", 25)
        # After the task items, right before the inline patterns (20).
        md.treeprocessors.register(_InlineGate(md), "inline_gate", 21)
