"""Redacting an ordinary forum post: the text leaves the post, its revisions, quotes of it in
other posts (nested quotes too), unsent drafts and search; the audit log keeps the reason only.
A moderator who is not a superuser does it from the admin list and from the post's page."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import AuditEntry
from forums import posting
from forums.models import Draft, Post, PostRevision
from forums.posting import moderation
from forums.search.query import search_posts
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db

SECRET = "zebrafinch"


@pytest.fixture
def quoted(user, other_user):
    """Post #2 holds the word (also in an earlier version); #3 quotes it; #4 quotes #3."""
    thread = make_thread(author=other_user, body="Opening question")
    target = posting.create_reply(thread=thread, author=user, body=f"First {SECRET} draft")
    posting.edit_post(target, by=user, body=f"Patient at the {SECRET} clinic, bed four")
    target.refresh_from_db()
    target.thread = thread
    quoting = posting.create_reply(
        thread=thread,
        author=other_user,
        body=f"{posting.quote_markdown(target)}My own answer: watch the potassium.",
    )
    quoting.thread = thread
    nested = posting.create_reply(
        thread=thread,
        author=user,
        body=f"{posting.quote_markdown(quoting)}Agreed with both.",
    )
    posting.save_draft(
        user=other_user, thread=thread, body=f"{posting.quote_markdown(target)}Half written"
    )
    return thread, target, quoting, nested


def _everywhere(word: str) -> list[str]:
    places = [f"post {p.pk}" for p in Post.objects.filter(source__contains=word)]
    places += [f"post html {p.pk}" for p in Post.objects.filter(html__contains=word)]
    places += [f"revision {r.pk}" for r in PostRevision.objects.filter(source__contains=word)]
    places += [f"revision html {r.pk}" for r in PostRevision.objects.filter(html__contains=word)]
    places += [f"draft {d.pk}" for d in Draft.objects.filter(body__contains=word)]
    return places


def test_redaction_removes_the_text_from_post_revisions_quotes_drafts_and_search(
    quoted, moderator, user
):
    thread, target, quoting, nested = quoted
    found = {post.pk for post in search_posts(user=user, query=SECRET)}
    assert {target.pk, quoting.pk, nested.pk} <= found
    assert _everywhere(SECRET)

    moderation.redact_post(target, by=moderator, reason="Names the clinic")

    assert _everywhere(SECRET) == []
    assert search_posts(user=user, query=SECRET) == []
    target.refresh_from_db()
    assert target.source == "[This post was redacted by a moderator.]"
    quoting.refresh_from_db()
    # The quoting post keeps its attribution and its own words; only the quote is gone.
    assert f"]({thread.get_absolute_url()}2)" in quoting.source
    assert "The quoted post was redacted" in quoting.html
    assert "watch the potassium" in quoting.html
    nested.refresh_from_db()
    assert "watch the potassium" in nested.source
    assert "Agreed with both." in nested.source
    assert {p.pk for p in search_posts(user=user, query="potassium")} == {quoting.pk, nested.pk}
    assert "Half written" in Draft.objects.get(thread=thread).body
    entry = AuditEntry.objects.get(action="post.redact")
    assert (entry.actor, entry.member, entry.reason) == (moderator, user, "Names the clinic")
    assert entry.details == {"revisions": 1, "quoting_posts": 2, "drafts": 1}
    assert SECRET not in str(entry.details) + entry.target_repr


def test_redaction_needs_a_moderator_and_a_reason(quoted, moderator, user):
    _thread, target, _quoting, _nested = quoted
    with pytest.raises(PermissionDenied):
        moderation.redact_post(target, by=user, reason="mine")
    with pytest.raises(ValidationError):
        moderation.redact_post(target, by=moderator, reason="  ")
    assert SECRET in Post.objects.get(pk=target.pk).source
    assert not AuditEntry.objects.filter(action="post.redact").exists()


def test_quotes_of_other_posts_are_left_alone(moderator, user):
    thread = make_thread(author=user, body="Keep these words", replies=1)
    first = thread.posts.get(number=1)
    first.thread = thread
    second = thread.posts.get(number=2)
    reply = posting.create_reply(
        thread=thread, author=UserFactory(), body=posting.quote_markdown(first) + "Yes."
    )
    moderation.redact_post(second, by=moderator, reason="test")
    reply.refresh_from_db()
    assert "Keep these words" in reply.source


def test_a_moderator_redacts_from_the_admin_list_after_giving_a_reason(
    moderator_client, mfa_moderator, quoted
):
    _thread, target, _quoting, _nested = quoted
    url = "/admin/forums/post/"
    form = moderator_client.post(url, {"action": "redact", "_selected_action": [target.pk]})
    assert form.status_code == 200
    assert "Reason for the redaction" in form.content.decode()
    assert SECRET in Post.objects.get(pk=target.pk).source
    response = moderator_client.post(
        url,
        {"action": "redact", "_selected_action": [target.pk], "apply": "1", "reason": "Privacy"},
    )
    assert response.status_code == 302
    assert _everywhere(SECRET) == []
    assert AuditEntry.objects.get(action="post.redact").actor == mfa_moderator


def test_a_moderator_redacts_from_the_post_page_button(moderator_client, mfa_moderator, quoted):
    _thread, target, _quoting, _nested = quoted
    page = moderator_client.get(f"/admin/forums/post/{target.pk}/change/").content.decode()
    button = f"/admin/forums/post/{target.pk}/moderate/redact/"
    assert f'href="{button}"' in page
    form = moderator_client.get(button)
    assert form.status_code == 200
    assert "Reason for the redaction" in form.content.decode()
    missing = moderator_client.post(button, {"apply": "1", "reason": ""})
    assert missing.status_code == 200  # the form again, with the field's error
    assert "This field is required." in missing.content.decode()
    response = moderator_client.post(button, {"apply": "1", "reason": "Identifies a patient"})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/forums/post/{target.pk}/change/"
    assert _everywhere(SECRET) == []
    assert AuditEntry.objects.get(action="post.redact").reason == "Identifies a patient"


def test_a_member_cannot_open_the_redaction_form(auth_client, quoted):
    _thread, target, _quoting, _nested = quoted
    response = auth_client.get(f"/admin/forums/post/{target.pk}/moderate/redact/")
    assert response.status_code == 302  # to the admin sign-in
    assert "/admin/login/" in response["Location"]
    assert SECRET in Post.objects.get(pk=target.pk).source
