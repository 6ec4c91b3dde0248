"""A reply in a case's discussion quoted into another thread (issue 18, "hidden means hidden
everywhere"): the quote keeps its link and loses the text, so the case's rules (verified
members only, hidden with a flag) decide who reads it; through the composer's real pages and
search. Quotes stored before this rule are cut down when the case is hidden."""

from __future__ import annotations

import pytest

from cases import moderation
from cases.discussion import post_case_reply
from forums.models import Post
from forums.posting import quote_markdown, render_post
from forums.search import search
from tests.cases.conftest import make_case, publish
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db

REPLY = "Quillfeather tachycardia settled after the third bolus."


@pytest.fixture
def case(author, moderator):
    return publish(make_case(author), author, moderator)


@pytest.fixture
def reply(case):
    replier = UserFactory(professional=True, handle="replier", display_name="Replier")
    return post_case_reply(case, by=replier, body=REPLY)


@pytest.fixture
def elsewhere(db):
    return make_thread(title="Fluids in sepsis", body="How much is too much?")


def _quote_from_the_composer(client, reply) -> str:
    """The Markdown the composer offers when the member presses "Quote" under the reply."""
    url = f"{reply.thread.get_absolute_url()}reply/?quote={reply.number}"
    return client.get(url).context["form"].initial["body"]


def test_a_case_reply_quoted_into_another_thread_shows_a_link_and_not_the_text(
    client, case, reply, reader, elsewhere
):
    client.force_login(reader)
    quote = _quote_from_the_composer(client, reply)
    assert REPLY in quote  # the composer quotes it in full, for a reply in the discussion
    body = f"{quote}I agree with this."

    preview = client.post(f"{elsewhere.get_absolute_url()}reply/", {"body": body, "preview": "1"})
    # The preview shows what will be saved; the box keeps what the member wrote.
    assert "A post from a case discussion" in preview.context["preview_html"]
    assert REPLY not in preview.context["preview_html"]
    response = client.post(f"{elsewhere.get_absolute_url()}reply/", {"body": body})
    assert response.status_code == 302

    saved = Post.objects.get(thread=elsewhere, number=2)
    assert REPLY not in saved.source
    assert "I agree with this." in saved.source
    assert case.slug not in saved.source, "the link names no case: the stand-in slug"
    page = client.get(elsewhere.get_absolute_url()).content.decode()
    assert REPLY not in page
    assert f'href="/t/{case.thread_id}-case/{reply.number}"' in page
    assert "A post from a case discussion" in page
    # Search finds the reply in its discussion only, never through the other thread.
    assert [p.pk for p in search(user=reader, query="Quillfeather").results] == [reply.pk]
    # The link leads to the reply for those the case allows...
    followed = client.get(f"/t/{case.thread_id}-case/{reply.number}", follow=True)
    assert REPLY in followed.content.decode()

    moderation.flag_case(case, by=reader, reason="Names the ward")
    # ...and to nothing once the case is hidden; the other thread stays as it was.
    assert client.get(f"/t/{case.thread_id}-case/{reply.number}", follow=True).status_code == 404
    assert REPLY not in client.get(elsewhere.get_absolute_url()).content.decode()
    assert not search(user=reader, query="Quillfeather").results


def test_a_quote_inside_the_same_discussion_keeps_its_text(client, case, reply, reader):
    client.force_login(reader)
    body = f"{_quote_from_the_composer(client, reply)}Same here."
    client.post(f"{case.thread.get_absolute_url()}reply/", {"body": body})
    assert REPLY in Post.objects.get(thread=case.thread, number=reply.number + 1).source


def test_editing_a_post_to_paste_a_case_quote_saves_the_link_only(
    client, case, reply, reader, elsewhere
):
    client.force_login(reader)
    mine = make_thread(author=reader, title="My own question", body="First version.")
    url = f"{mine.get_absolute_url()}1/edit/"
    body = f"First version.\n\n{quote_markdown(reply)}"
    client.post(url, {"body": body, "title": mine.title, "tags": ""})
    post = Post.objects.get(thread=mine, number=1)
    assert post.source != "First version.", "the edit was saved"
    assert REPLY not in post.source


def test_quotes_stored_before_the_rule_are_cut_down_when_the_case_is_hidden(
    client, case, reply, reader, elsewhere
):
    # Written the way posts were stored before: the quoted text copied in.
    source = f"{quote_markdown(reply)}Old agreement."
    post = Post.objects.create(
        thread=elsewhere, number=2, author=reader, source=source, html=render_post(source)[0]
    )
    from forums.search import index_posts

    index_posts(post_ids=[post.pk])
    client.force_login(reader)
    assert REPLY in client.get(elsewhere.get_absolute_url()).content.decode()

    moderation.flag_case(case, by=UserFactory(professional=True), reason="Names the ward")

    post.refresh_from_db()
    assert REPLY not in post.source
    assert "Old agreement." in post.source
    other = UserFactory(professional=True)
    client.force_login(other)
    page = client.get(elsewhere.get_absolute_url()).content.decode()
    assert REPLY not in page
    assert "Old agreement." in page
    for who in (reader, other):
        assert not search(user=who, query="Quillfeather").results
