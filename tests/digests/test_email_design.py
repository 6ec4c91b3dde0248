"""One design for every site email (issue 23, "Designed"): the base template's 600-pixel
layout with its CSS inlined, a preheader, the site's name, both colour schemes declared,
``lang`` and ``title``, alt text on any image, and a plain-text part with the same links and
headings. Each kind is made through the real services (tests/digests/email_kinds.py); the
browser renders them in tests/browser/test_email_rendering.py."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.digests.email_kinds import KINDS, every_kind

pytestmark = pytest.mark.django_db


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.preheader = ""
        self.headings: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        self._in.append("preheader" if "preheader" in (attrs.get("class") or "") else tag)

    def handle_endtag(self, tag):
        if self._in:
            self._in.pop()

    def handle_data(self, data):
        if "preheader" in self._in:
            self.preheader += data
        elif self._in and self._in[-1] in {"h2", "h3"}:
            self.headings.append(data.strip())


@pytest.fixture
def kinds(moderator, django_capture_on_commit_callbacks):
    return every_kind(django_capture_on_commit_callbacks, moderator)


def test_every_kind_of_email_has_the_one_designed_base(kinds):
    assert set(kinds) == set(KINDS)
    for kind, message in kinds.items():
        html = message.alternatives[0][0]
        reader = _Reader()
        reader.feed(html)
        tags = dict((tag, attrs) for tag, attrs in reversed(reader.tags))
        assert tags["html"]["lang"] == "en", kind
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert title.strip() == message.subject.removeprefix("[Rounds] "), kind
        metas = {
            attrs.get("name"): attrs.get("content") for tag, attrs in reader.tags if tag == "meta"
        }
        assert metas["color-scheme"] == "light dark", kind
        assert metas["supported-color-schemes"] == "light dark", kind
        assert "prefers-color-scheme: dark" in html, kind
        assert len(reader.preheader.strip()) > 20, kind
        frame = [attrs for tag, attrs in reader.tags if "frame" in (attrs.get("class") or "")]
        assert frame[0]["width"] == "600", kind
        assert "max-width: 600px" in frame[0]["style"], kind  # inlined from the <style> block
        assert ">Rounds</a>" in html, kind
        for tag, attrs in reader.tags:
            if tag == "img":
                assert attrs.get("alt"), (kind, attrs)


def test_the_plain_text_part_has_the_same_links_and_headings(kinds):
    for kind, message in kinds.items():
        html = message.alternatives[0][0]
        text = message.body
        reader = _Reader()
        reader.feed(html)
        links = {
            attrs["href"] for tag, attrs in reader.tags if tag == "a" and attrs.get("href")
        } - {"http://127.0.0.1:8000/"}  # the brand's link to the home page
        for link in links:
            assert link in text, (kind, link)
        for heading in reader.headings:
            assert heading in text, (kind, heading)


def test_every_kind_says_it_is_automatic_and_carries_a_list_id_in_the_site_domain(kinds):
    for kind, message in kinds.items():
        headers = message.message()
        assert headers["Auto-Submitted"] == "auto-generated", kind
        assert re.fullmatch(r'(".*" )?<[a-z0-9.-]+\.127\.0\.0\.1>', headers["List-Id"]), kind
        assert headers["Message-ID"].endswith("@127.0.0.1>"), kind
        assert (headers["Precedence"] == "bulk") == (kind == "digest"), kind
