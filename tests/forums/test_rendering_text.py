"""Plain text where text is meant (issue 22, part 5): snippets, excerpts, remote images."""

from __future__ import annotations

import pytest

from forums.posting import create_reply
from forums.rendering import find_mentions, plain_text, render_markdown
from tests.factories import CategoryFactory, UserFactory, make_thread

MARKDOWN = "**Troponin** rose\n\n| test | value |\n|---|---|\n| K > 5 | 5.9 |\n\n`x < y` & more"


def test_plain_text_is_what_the_reader_sees_without_markup_or_entities():
    text = plain_text(render_markdown(MARKDOWN))
    assert text == "Troponin rose test value K > 5 5.9 x < y & more"


def test_plain_text_of_line_breaks_and_list_items_keeps_words_apart():
    assert plain_text(render_markdown("BP 128/82\nHR 96\n\n- a\n- b")) == "BP 128/82 HR 96 a b"


def test_a_remote_image_becomes_a_link_named_by_its_alt_text():
    html = render_markdown("![chest film](https://example.org/film.png)")
    assert html == (
        '<p><a href="https://example.org/film.png" rel="nofollow ugc noopener">chest film</a></p>'
    )


def test_a_remote_image_without_alt_text_is_a_link_named_by_its_address():
    html = render_markdown("![](https://example.org/p.gif)")
    assert ">https://example.org/p.gif</a>" in html
    assert "<img" not in html


def test_a_remote_image_inside_a_link_becomes_its_alt_text():
    html = render_markdown("[![logo](https://example.org/l.png)](https://example.org/)")
    assert html == '<p><a href="https://example.org/" rel="nofollow ugc noopener">logo</a></p>'


def test_own_media_images_stay_images():
    assert '<img alt="scan" src="/media/cases/a.png">' in render_markdown(
        "![scan](/media/cases/a.png)"
    )


def test_a_remote_image_with_a_bad_scheme_loses_its_address():
    html = render_markdown("![x](javascript:alert(1))")
    assert "javascript" not in html
    assert "<img" not in html


@pytest.mark.django_db
def test_search_snippets_show_rendered_text_not_markdown(client):
    make_thread(title="Hyperkalaemia", body=f"Hyperkalaemia again. {MARKDOWN}")
    page = client.get("/search/", {"q": "hyperkalaemia"}).content.decode()
    snippet = page[page.index('<p class="snippet">') :]
    snippet = snippet[: snippet.index("</p>")]
    assert "<mark>Hyperkalaemia</mark>" in snippet
    assert "**" not in snippet
    assert "|" not in snippet
    assert "K &gt; 5" in snippet  # escaped once: the reader sees "K > 5"
    assert "&amp;gt;" not in snippet


@pytest.mark.django_db
def test_profile_excerpts_are_escaped_once(auth_client):
    author = UserFactory()
    thread = make_thread(category=CategoryFactory())
    create_reply(thread=thread, author=author, body="K > 5 & **rising**")
    page = auth_client.get(f"/u/{author.handle}/").content.decode()
    assert "K &gt; 5 &amp; rising" in page
    assert "&amp;gt;" not in page
    assert "**" not in page


@pytest.mark.django_db
def test_feed_summaries_hold_the_rendered_post_not_its_source(client):
    make_thread(category=CategoryFactory(slug="open"), body="**bold** | pipe")
    feed = client.get("/feeds/latest/rss/").content.decode()
    assert "&lt;strong&gt;bold&lt;/strong&gt;" in feed
    assert "**bold**" not in feed


def test_mentions_inside_a_quote_do_not_count_toward_the_new_member_limit(settings):
    from forums.posting.limits import TextLimitError, check_new_member_text

    settings.ROUNDS_NEW_MEMBER_MAX_MENTIONS = 1
    quote_reply = "> [Amy wrote in #2](/t/1-x/2):\n>\n> Asking @bob, @cat and @dan\n\nThanks @amy"
    assert find_mentions(quote_reply, outside_quotes=True) == {"amy"}
    assert find_mentions(quote_reply) == {"amy", "bob", "cat", "dan"}  # still linked and notified
    check_new_member_text(quote_reply)  # one mention of their own: allowed
    with pytest.raises(TextLimitError):
        check_new_member_text(quote_reply + " and @eve")
