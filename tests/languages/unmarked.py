"""Words a reader sees in a template that no translation tag covers (test_unmarked_templates).

A template is cut into Django's tokens. What ``{% translate %}`` / ``{% blocktranslate %}``
render, comments and ``{% verbatim %}`` are left out; variables and other tags become a
placeholder. What remains is read as HTML: the text between tags and the attributes a reader
meets (``aria-label``, ``title``, ``placeholder``, ``alt``, a button's ``value``, ``content``
of a description). Addresses are skipped. Words of two letters or more there are unmarked,
unless allowed below (brand names, symbols, code a member types).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

HOLE = "\ue000"  # where a variable or a tag was
READ_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "aria-description"}
SKIPPED_ELEMENTS = {"script", "style", "code", "pre", "kbd"}
# Names and notation that are the same in every language.
ALLOWED = {
    "Rounds",
    "Markdown",
    "TOTP",
    "UTC",
    "JSON",
    "PDF",
    "DOI",
    "PMID",
    "URL",
    "RSS",
    "Atom",
    "OK",
    "ID",
    # keys, as keyboards print them
    "Ctrl",
    "Shift",
    "Alt",
}
# Addresses in email text ({{ site_url }}/settings/verification/) are not words to translate.
PATH = re.compile(r"\S*/\S*")
WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_ELEMENTS:
            self.skipping += 1
        attributes = dict(attrs)
        for name, value in attrs:
            # A <button>'s value is sent, not shown; an <input type="submit">'s is its label.
            reads = name in READ_ATTRIBUTES or (
                tag == "input"
                and name == "value"
                and attributes.get("type") in ("submit", "button", "reset")
            )
            reads = reads or (name == "content" and attributes.get("name") == "description")
            if reads and value:
                self.found.append(value)

    def handle_endtag(self, tag):
        if tag in SKIPPED_ELEMENTS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.found.append(data)


def readable_text(source: str) -> str:
    """The template with translated parts, comments and template syntax taken out."""
    out: list[str] = []
    skip_until: str | None = None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.COMMENT:
            continue
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if skip_until:
                if name == skip_until:
                    skip_until = None
                continue
            ends = {
                "blocktranslate": "endblocktranslate",
                "blocktrans": "endblocktrans",
                "comment": "endcomment",
                "verbatim": "endverbatim",
            }
            if token.contents.split()[:2] == ["block", "bodyclass"]:
                # Django admin's: the <body> element's class names, not text.
                ends[name] = "endblock"
            if name in ends:
                skip_until = ends[name]
                out.append(HOLE)
                continue
            out.append(HOLE)
        elif token.token_type == TokenType.VAR:
            if not skip_until:
                out.append(HOLE)
        elif not skip_until:
            out.append(token.contents)
    return "".join(out)


def unmarked_words(source: str) -> list[str]:
    reader = _Reader()
    reader.feed(readable_text(source))
    reader.close()
    words = []
    for text in reader.found:
        for piece in PATH.sub(" ", text.replace(HOLE, " " + HOLE + " ")).split(HOLE):
            words += [w for w in WORD.findall(piece) if w not in ALLOWED]
    return words


def templates_with_unmarked_text(root: Path) -> dict[str, list[str]]:
    found = {}
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".html", ".txt") or not path.is_file():
            continue
        words = unmarked_words(path.read_text())
        if words:
            found[str(path.relative_to(root))] = words
    return found
