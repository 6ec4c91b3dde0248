"""Similar-thread suggestions for the new-thread composer (pg_trgm, with a fallback)."""

from __future__ import annotations

import pytest

from forums.models import Visibility
from forums.posting import moderation
from forums.search import query as search
from tests.factories import CategoryFactory, make_thread

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    assert response.status_code == 200
    return [thread["title"] for thread in response.json()["threads"]]


def test_typing_a_title_suggests_visible_threads_with_similar_titles(auth_client, moderator):
    if not search.trigram_available():  # the embedded pgserver; CI's PostgreSQL 15 has it
        pytest.skip("pg_trgm is not installed on this PostgreSQL")
    make_thread(title="Warfarin reversal before surgery")
    make_thread(title="Asthma in pregnancy")
    hidden = make_thread(title="Warfarin reversal before dental surgery")
    moderation.hide_thread(hidden, by=moderator)
    make_thread(
        category=CategoryFactory(visibility=Visibility.VERIFIED),
        title="Warfarin reversal before surgery, verified only",
    )
    # A typo still finds it: trigrams, not whole words.
    found = titles(auth_client.get("/search/similar/", {"title": "warfarin reversl surgery"}))
    assert found == ["Warfarin reversal before surgery"]


def test_short_or_odd_titles_suggest_nothing_and_never_fail(auth_client):
    make_thread(title="Warfarin reversal before surgery")
    for title in ["", "war", "!!!!!", "w" * 5000]:
        assert titles(auth_client.get("/search/similar/", {"title": title})) == []
    # A NUL byte is dropped, never an error; what "warfarin" alone suggests depends on pg_trgm
    # (a whole-word match without it), so only the answer's health is asserted here.
    assert auth_client.get("/search/similar/", {"title": "\x00warfarin"}).status_code == 200


def test_without_pg_trgm_suggestions_fall_back_to_title_words(auth_client, monkeypatch):
    # The embedded pgserver has no pg_trgm: the same endpoint then matches title words.
    monkeypatch.setattr(search, "_trigram_available", False)
    make_thread(title="Warfarin reversal before surgery")
    make_thread(title="Asthma in pregnancy", body="warfarin mentioned only in the body")
    found = titles(auth_client.get("/search/similar/", {"title": "reversing warfarin"}))
    assert found == ["Warfarin reversal before surgery"]


def test_the_new_thread_composer_loads_the_suggestions_script_without_inline_code(auth_client):
    forum = CategoryFactory(slug="general")
    html = auth_client.get(f"/forums/{forum.slug}/new/").content.decode()
    assert 'src="/static/js/similar.js" defer' in html
    assert 'data-similar-url="/search/similar/"' in html
    assert "<script>" not in html
