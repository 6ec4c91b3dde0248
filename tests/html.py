"""Parse HTML as a browser would, for assertions about what markup reaches a page."""

from __future__ import annotations

from html.parser import HTMLParser


def elements(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every start tag, with its attributes, in document order."""
    found: list[tuple[str, list[tuple[str, str]]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, [(name, value or "") for name, value in attrs]))

        def handle_startendtag(self, tag, attrs):
            self.handle_starttag(tag, attrs)

    Collector(convert_charrefs=True).feed(html)
    return found
