"""Property tests: whatever members type, the pipeline returns only allowlisted markup."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forums.rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, RenderError, render_markdown
from tests.html import elements
from tests.security.corpus import XSS_VECTORS

# Fragments that tend to matter to Markdown, HTML parsers and URL handling, mixed with noise.
FRAGMENTS = [
    "<",
    ">",
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:",
    "JaVaScRiPt:",
    "data:text/html,",
    "vbscript:",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "`",
    "```",
    "*",
    "_",
    "#",
    "> ",
    "- ",
    "1. ",
    "|",
    "---",
    "\n",
    "\n\n",
    "    ",
    "&",
    "&#x6a;",
    "&lt;",
    '"',
    "'",
    "=",
    "onload=",
    "style=",
    "http://",
    "https://example.org",
    "mailto:",
    "/media/x.png",
    "//evil",
    "\\",
    "\t",
    "\u202e",
    "\ufeff",
    "<!--",
    "-->",
    "<svg>",
    "<a href=",
    "www.example.org",
]


markdownish = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(XSS_VECTORS), st.text(max_size=8)),
    max_size=60,
).map("".join)


def _assert_safe(html: str) -> None:
    for tag, attributes in elements(html):
        assert tag in ALLOWED_TAGS, tag
        for name, value in attributes:
            assert not name.startswith("on"), name
            assert name != "style"
            assert name in ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}, (tag, name)
            if name in {"href", "src"}:
                assert urlsplit(value.strip()).scheme.lower() in {"", "http", "https", "mailto"}


def test_the_corpus_is_loaded_and_growing():
    assert len(XSS_VECTORS) >= 60
    assert any("\n" in vector for vector in XSS_VECTORS)


@pytest.mark.parametrize("source", XSS_VECTORS)
def test_every_vector_in_the_corpus_renders_safely(source):
    try:
        html = render_markdown(source)
    except RenderError:
        return
    _assert_safe(html)


@settings(max_examples=400, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_render_markdown_never_raises_and_emits_only_allowlisted_markup(source):
    try:
        html = render_markdown(source)
    except RenderError:
        return
    _assert_safe(html)


@settings(max_examples=200, deadline=2000)
@given(st.text(max_size=400))
def test_arbitrary_unicode_renders_safely(source):
    try:
        html = render_markdown(source)
    except RenderError:
        return
    _assert_safe(html)
