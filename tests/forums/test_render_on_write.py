"""Markdown is rendered when text is saved, never when a page is read."""

from __future__ import annotations

import markdown
import pytest

from tests.factories import make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def render_calls(monkeypatch):
    """Count Python-Markdown conversions (the real method still runs)."""
    calls = []
    real = markdown.Markdown.convert

    def counting(self, source):
        calls.append(source)
        return real(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    return calls


def test_writing_a_post_renders_it_once(render_calls):
    make_thread(body="Some **bold** text")
    assert render_calls == ["Some **bold** text"]


def test_reading_pages_never_renders_markdown(client, user, render_calls):
    thread = make_thread(author=user, replies=25, tags=["ecg"])
    render_calls.clear()
    urls = [
        "/",
        "/forums/",
        thread.category.get_absolute_url(),
        thread.get_absolute_url(),
        f"{thread.get_absolute_url()}?page=2",
        "/search/?q=reply",
        f"/u/{user.handle}/",
        "/feeds/latest/rss/",
    ]
    for signed_in in (False, True):
        if signed_in:
            client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
    assert render_calls == []
