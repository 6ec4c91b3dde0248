"""The composer through the test client: preview, errors that keep the text, drafts, quotes."""

from __future__ import annotations

import pytest

from forums.models import Draft, Post, Thread
from tests.factories import CategoryFactory, make_thread

pytestmark = pytest.mark.django_db


def test_starting_a_thread_with_tags_lands_on_it(auth_client, user):
    forum = CategoryFactory(slug="cardio")
    response = auth_client.post(
        "/forums/cardio/new/",
        {"title": "Wide complex tachycardia", "tags": "ecg, VT", "body": "What is it?"},
    )
    thread = Thread.objects.get(title="Wide complex tachycardia")
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert sorted(t.name for t in thread.tags.all()) == ["ecg", "vt"]
    assert thread.category == forum
    assert not Draft.objects.exists()


def test_a_failed_submit_gives_the_text_back_with_the_error_on_the_field(auth_client, user):
    CategoryFactory(slug="cardio")
    body = "My long careful **case** write-up"
    response = auth_client.post("/forums/cardio/new/", {"title": "x", "tags": "", "body": body})
    assert response.status_code == 400
    assert response.context["form"].errors["title"]
    assert "My long careful **case** write-up" in response.content.decode()
    # ...and the server kept it as a draft: reopening the composer fills it in.
    assert Draft.objects.get(user=user).body == body
    assert body in auth_client.get("/forums/cardio/new/").content.decode()


def test_an_oversize_body_is_a_form_error_never_a_500(auth_client):
    thread = make_thread()
    response = auth_client.post(f"{thread.get_absolute_url()}reply/", {"body": "y" * 50_000})
    assert response.status_code == 400
    assert "limit" in str(response.context["form"].errors["body"])
    assert Post.objects.filter(thread=thread).count() == 1


def test_preview_renders_through_the_pipeline_and_publishes_nothing(auth_client):
    thread = make_thread()
    response = auth_client.post(
        f"{thread.get_absolute_url()}reply/",
        {"body": "**bold** <script>x</script>", "preview": "1"},
    )
    assert response.status_code == 200
    assert "<strong>bold</strong>" in response.context["preview_html"]
    assert "<script>" not in response.context["preview_html"]
    assert Post.objects.filter(thread=thread).count() == 1


def test_a_rate_limited_reply_keeps_the_text(auth_client, user, settings):
    from django.core.cache import cache

    settings.ROUNDS_RATE_LIMITS = {"post": "1/m/member"}  # off in the test settings
    cache.clear()
    thread = make_thread()
    url = f"{thread.get_absolute_url()}reply/"
    assert auth_client.post(url, {"body": "first thought"}).status_code == 302
    response = auth_client.post(url, {"body": "one more thought"})
    cache.clear()
    assert response.status_code == 429
    assert "one more thought" in response.content.decode()
    assert Draft.objects.get(user=user, thread=thread).body == "one more thought"


def test_a_reply_goes_to_its_post_and_the_quote_link_prefills_an_attributed_quote(auth_client):
    thread = make_thread(body="Quoted words")
    page = auth_client.get(f"{thread.get_absolute_url()}reply/?quote=1").content.decode()
    assert "&gt; Quoted words" in page
    assert f"]({thread.get_absolute_url()}1)" in page
    response = auth_client.post(f"{thread.get_absolute_url()}reply/", {"body": "Agreed."})
    assert response["Location"] == f"{thread.get_absolute_url()}#post-2"


def test_autosave_keeps_a_draft_for_the_thread(auth_client, user):
    thread = make_thread()
    response = auth_client.post(
        "/drafts/save/", {"kind": "reply", "target": thread.pk, "body": "typing..."}
    )
    assert response.json() == {"saved": True}
    assert Draft.objects.get(user=user, thread=thread).body == "typing..."


def test_visitors_are_sent_to_sign_in_before_composing(client):
    thread = make_thread()
    response = client.get(f"{thread.get_absolute_url()}reply/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_edit_form_saves_a_revision_and_history_is_for_author_and_moderators(
    auth_client, user, client, other_user, moderator
):
    thread = make_thread(author=user, body="before")
    url = f"{thread.get_absolute_url()}1"
    edited = {"title": "A question", "tags": "", "body": "after"}
    assert auth_client.post(f"{url}/edit/", edited).status_code == 302
    page = auth_client.get(thread.get_absolute_url()).content.decode()
    assert "after" in page
    assert "edited" in page
    history = auth_client.get(f"{url}/history/")
    assert history.status_code == 200
    assert "before" in history.content.decode()
    client.force_login(other_user)
    assert client.get(f"{url}/history/").status_code == 403
    client.force_login(moderator)
    assert client.get(f"{url}/history/").status_code == 200


def test_a_reply_sent_after_the_session_expired_comes_back_with_its_text(client):
    thread = make_thread()
    response = client.post(f"{thread.get_absolute_url()}reply/", {"body": "Hours of careful work"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Hours of careful work" in page
    assert "/accounts/login/?next=" in page
    assert Post.objects.filter(thread=thread).count() == 1


def test_a_stale_csrf_token_gives_the_text_back(user):
    from django.test import Client

    thread = make_thread()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    response = strict.post(f"{thread.get_absolute_url()}reply/", {"body": "Kept despite CSRF"})
    assert response.status_code == 403
    assert "Kept despite CSRF" in response.content.decode()


def test_editing_the_first_post_also_edits_title_and_tags_and_old_links_redirect(auth_client, user):
    thread = make_thread(author=user, title="Old title", tags=["ecg"])
    old_url = thread.get_absolute_url()
    form = auth_client.get(f"{old_url}1/edit/").context["form"]
    assert form.initial["title"] == "Old title"
    assert form.initial["tags"] == "ecg"
    response = auth_client.post(
        f"{old_url}1/edit/", {"title": "New clearer title", "tags": "ecg, syncope", "body": "b"}
    )
    thread.refresh_from_db()
    assert thread.title == "New clearer title"
    assert sorted(t.name for t in thread.tags.all()) == ["ecg", "syncope"]
    assert response["Location"] == f"{thread.get_absolute_url()}#post-1"
    assert auth_client.get(old_url)["Location"] == thread.get_absolute_url()


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "Odd tags here", "tags": "!!!, ???, 心臓, " + "x" * 60, "body": "b"},
        {"title": "Odd tags here", "tags": "a, b, c, d, e, f", "body": "b"},
        {"title": "Odd tags here", "tags": '"unbalanced, quote', "body": "\x00"},
        {"title": "     ", "tags": "", "body": "   "},
        {"title": "T" * 500, "tags": "", "body": "[" * 39_000},
    ],
)
def test_odd_composer_input_is_a_form_error_or_a_thread_never_a_500(auth_client, fields):
    CategoryFactory(slug="cardio")
    response = auth_client.post("/forums/cardio/new/", fields)
    assert response.status_code in {302, 400}
    if response.status_code == 400:
        assert response.context["form"].errors
