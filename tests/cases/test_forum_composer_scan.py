"""Replies to a case discussion through the forums composer are scanned like those on the case
page: a possible patient identifier refuses the submit, the text comes back."""

from __future__ import annotations

import pytest

from cases.authoring import finding_key
from cases.scanning import scan_text
from forums.models import Post
from forums.posting import SITE, PostingError, create_reply, edit_post
from tests.factories import make_thread

IDENTIFIER = "Saw a similar patient, Mr John Smith, on 12/03/2024 at our clinic."

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


# The posting services run the scan themselves, for every caller (not only the composer).


def test_a_reply_in_a_case_discussion_is_scanned_by_the_service(reader, published):
    thread = published.thread
    with pytest.raises(PostingError, match="may identify a patient"):
        create_reply(thread=thread, author=reader, body=IDENTIFIER)
    post = create_reply(thread=thread, author=reader, body="A clean reply.")
    with pytest.raises(PostingError, match="may identify a patient"):
        edit_post(post, by=reader, body=IDENTIFIER)
    # The site's own writing is scanned as well: only the author's reasons let a finding pass.
    with pytest.raises(PostingError):
        create_reply(thread=thread, author=reader, body=IDENTIFIER, origin=SITE)
    assert Post.objects.filter(thread=thread).count() == 2


def test_findings_the_author_kept_with_a_reason_pass_the_scan(reader, published):
    findings = scan_text(IDENTIFIER)
    assert findings
    kept = {
        finding_key("reply", finding): "Public figure, named in the press" for finding in findings
    }
    post = create_reply(thread=published.thread, author=reader, body=IDENTIFIER, kept=kept)
    assert post.source == IDENTIFIER
    one_kept = dict([next(iter(kept.items()))])
    if len(kept) > 1:  # the others still refuse
        with pytest.raises(PostingError):
            create_reply(thread=published.thread, author=reader, body=IDENTIFIER, kept=one_kept)


def test_ordinary_threads_are_not_scanned_by_the_service(reader):
    thread = make_thread(title="Names in history")
    post = create_reply(thread=thread, author=reader, body=IDENTIFIER)
    assert post.source == IDENTIFIER
