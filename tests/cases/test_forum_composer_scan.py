"""Replies to a case discussion through the forums composer are scanned like those on the case
page: a possible patient identifier refuses the submit, the text comes back."""

from __future__ import annotations

import pytest

from forums.models import Post

pytestmark = pytest.mark.django_db


def test_a_reply_with_an_identifier_is_refused_with_the_text_back(client, reader, published):
    client.force_login(reader)
    thread = published.thread
    body = "Saw a similar patient, Mr John Smith, on 12/03/2024 at our clinic."
    response = client.post(f"{thread.get_absolute_url()}reply/", {"body": body})
    assert response.status_code == 400
    html = response.content.decode()
    assert "may identify a patient" in html
    assert "John Smith" in html
    assert Post.objects.filter(thread=thread).count() == 1
    assert body.split(",")[0] in html, "the author's text comes back"


def test_a_clean_reply_posts_normally(client, reader, published):
    client.force_login(reader)
    thread = published.thread
    response = client.post(
        f"{thread.get_absolute_url()}reply/",
        {"body": "We would restrict competitive sport until reviewed."},
    )
    assert response.status_code == 302
    assert Post.objects.filter(thread=thread).count() == 2


def test_editing_in_a_case_discussion_is_scanned_too(client, reader, published):
    from forums.posting import create_reply

    post = create_reply(thread=published.thread, author=reader, body="A clean reply.")
    client.force_login(reader)
    url = f"{published.thread.get_absolute_url()}{post.number}/edit/"
    response = client.post(url, {"body": "Call me on 0207 946 0958 about Mr John Smith."})
    assert response.status_code == 400
    post.refresh_from_db()
    assert post.source == "A clean reply."


def test_ordinary_threads_are_not_scanned(client, reader):
    from tests.factories import make_thread

    thread = make_thread(title="Names in history", body="Osler and Addison.")
    client.force_login(reader)
    response = client.post(
        f"{thread.get_absolute_url()}reply/", {"body": "Dr John Smith described it on 12/03/1850."}
    )
    assert response.status_code == 302
