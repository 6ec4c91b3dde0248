"""Images in forum posts (issue 22): upload, attach on save, serving with the thread's
permissions, limits, the daily clean-up, and thread pages that cost no more with images."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from PIL import Image

from forums import uploads
from forums.models import Post, PostImage, Visibility
from forums.posting import create_reply
from forums.posting.moderation import hide_post, hide_thread
from forums.selectors import common
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

UPLOAD = "/compose/images/"


def png(size=(40, 30), colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def image_file(data: bytes, name: str = "patient-john-smith.png") -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def upload(client, *, data: bytes | None = None, alt: str = "Lead II strip", **place):
    fields = {"alt_text": alt, **place}
    if data is not None:
        fields["image"] = image_file(data)
    return client.post(UPLOAD, fields)


def test_an_image_is_cleaned_stored_under_a_random_name_and_given_as_markdown(auth_client, user):
    thread = make_thread()
    response = upload(auth_client, data=png(), alt="Lead [II] strip", thread=thread.pk)
    assert response.status_code == 201, response.content
    image = PostImage.objects.get()
    assert re.fullmatch(r"[0-9a-f]{32}", image.key)
    assert "john" not in image.file.name
    assert image.file.name.endswith(f"{image.key}.png")
    assert image.file.storage.exists(image.file.name)
    assert image.file.storage is storages["private"]  # outside MEDIA_ROOT
    assert (image.width, image.height, image.uploader, image.thread) == (40, 30, user, thread)
    assert image.post is None
    assert response.json() == {
        "markdown": f"![Lead (II) strip](/uploads/{image.key}.png)",
        "url": f"/uploads/{image.key}.png",
        "alt": "Lead [II] strip",
    }


def test_an_image_without_alt_text_is_refused_naming_the_field(auth_client):
    thread = make_thread()
    response = upload(auth_client, data=png(), alt="   ", thread=thread.pk)
    assert response.status_code == 400
    assert response.json()["field"] == "alt_text"
    assert "Image description (alt text)" in response.json()["error"]
    assert not PostImage.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 not an image", "not an image we can read"),
        (None, "Choose an image file"),
        (b"GIF89a" + b"\x00" * 40, "not an image we can read"),
    ],
)
def test_what_is_not_an_accepted_image_is_refused_with_a_message(auth_client, data, message):
    thread = make_thread()
    response = upload(auth_client, data=data, thread=thread.pk)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert response.json()["field"] == "image"


def test_a_gif_is_refused_by_its_format(auth_client):
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "GIF")
    response = upload(auth_client, data=out.getvalue(), thread=make_thread().pk)
    assert response.status_code == 400
    assert "Only JPEG, PNG and WebP" in response.json()["error"]


def test_an_image_over_the_size_limit_is_refused_before_it_is_read(auth_client, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 1000)
    big = png(size=(400, 400), colour=(1, 2, 3)) + b"\x00" * 2000
    response = upload(auth_client, data=big, thread=make_thread().pk)
    assert response.status_code == 400
    assert "the limit is 0 MB" in response.json()["error"]  # 1000 bytes, rounded
    assert not PostImage.objects.exists()


def test_uploads_are_rate_limited(auth_client, settings, local_cache):
    settings.ROUNDS_RATE_LIMITS = {"upload": "1/h/member"}
    thread = make_thread()
    assert upload(auth_client, data=png(), thread=thread.pk).status_code == 201
    refused = upload(auth_client, data=png(), thread=thread.pk)
    assert refused.status_code == 429
    assert "1 image per hour" in refused.json()["error"]


def test_who_may_not_write_there_may_not_upload(client, user):
    verified = make_thread(category=CategoryFactory(visibility=Visibility.VERIFIED))
    locked = make_thread()
    locked.is_locked = True
    locked.save()
    assert upload(client, data=png(), thread=locked.pk).status_code == 302  # sign in
    client.force_login(user)
    assert upload(client, data=png(), thread=verified.pk).status_code == 404
    assert upload(client, data=png(), thread=locked.pk).status_code == 403
    assert upload(client, data=png()).status_code == 404  # no thread or forum named
    suspended = UserFactory(suspended_until=timezone.now() + timedelta(days=1))
    client.force_login(suspended)
    assert upload(client, data=png(), thread=make_thread().pk).status_code == 403
    assert not PostImage.objects.exists()


def _posted_image(client, thread, *, body_before: str = "See:") -> tuple[PostImage, Post]:
    markdown = upload(client, data=png(), thread=thread.pk).json()["markdown"]
    client.post(f"{thread.get_absolute_url()}reply/", {"body": f"{body_before}\n\n{markdown}"})
    post = Post.objects.filter(thread=thread).latest("number")
    return PostImage.objects.get(post=post), post


def test_posting_attaches_the_image_and_renders_it(auth_client):
    thread = make_thread()
    image, post = _posted_image(auth_client, thread)
    assert image.thread == thread
    assert f'<img alt="Lead II strip" src="/uploads/{image.key}.png">' in post.html


def test_a_new_thread_attaches_images_uploaded_for_its_forum(auth_client):
    forum = CategoryFactory(slug="cardio")
    markdown = upload(auth_client, data=png(), forum=forum.pk).json()["markdown"]
    auth_client.post(
        "/forums/cardio/new/", {"title": "An odd rhythm", "tags": "", "body": markdown}
    )
    image = PostImage.objects.get()
    assert image.post.number == 1
    assert image.thread == image.post.thread
    assert image.post.thread.category == forum


def test_an_edit_attaches_what_it_adds(auth_client, user):
    thread = make_thread(author=user)
    markdown = upload(auth_client, data=png(), thread=thread.pk).json()["markdown"]
    auth_client.post(
        f"{thread.get_absolute_url()}1/edit/",
        {"title": thread.title, "tags": "", "body": f"Now with a strip:\n\n{markdown}"},
    )
    assert PostImage.objects.get().post == Post.objects.get(thread=thread, number=1)


def test_an_image_uploaded_for_another_thread_or_by_someone_else_is_not_attached(
    auth_client, user, other_user
):
    first, second = make_thread(), make_thread()
    markdown = upload(auth_client, data=png(), thread=first.pk).json()["markdown"]
    auth_client.post(f"{second.get_absolute_url()}reply/", {"body": markdown})
    create_reply(thread=first, author=other_user, body=markdown)
    image = PostImage.objects.get()
    assert image.post is None
    # Only its uploader sees it, whatever post shows its URL.
    auth_client.logout()
    assert auth_client.get(image.get_absolute_url()).status_code == 404


def test_an_unposted_image_is_its_uploaders_alone(auth_client, other_user):
    thread = make_thread()
    key = upload(auth_client, data=png(), thread=thread.pk).json()["url"]
    mine = auth_client.get(key)
    assert mine.status_code == 200
    assert mine["Cache-Control"] == "private, no-store"
    assert Client().get(key).status_code == 404
    client = Client()
    client.force_login(other_user)
    assert client.get(key).status_code == 404


def test_a_public_threads_image_is_served_to_visitors_typed_and_cacheable(auth_client):
    image, _post = _posted_image(auth_client, make_thread())
    client = Client()
    response = client.get(image.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=300"
    assert "sandbox" in response["Content-Security-Policy"]
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == (40, 30)
    assert client.get(f"/uploads/{image.key}.jpg").status_code == 404  # its own extension only


def test_a_members_only_threads_image_is_a_404_for_visitors_and_never_cached(
    auth_client, other_user
):
    thread = make_thread(category=CategoryFactory(visibility=Visibility.MEMBERS))
    image, _post = _posted_image(auth_client, thread)
    client = Client()
    assert client.get(image.get_absolute_url()).status_code == 404
    client.force_login(other_user)
    response = client.get(image.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_hidden_threads_and_posts_take_their_images_with_them(auth_client, other_user, moderator):
    thread = make_thread()
    image, post = _posted_image(auth_client, thread)
    client = Client()
    client.force_login(other_user)
    assert client.get(image.get_absolute_url()).status_code == 200
    hide_post(post, by=moderator, reason="Rude")
    assert client.get(image.get_absolute_url()).status_code == 404
    other_image, _other = _posted_image(auth_client, thread)
    hide_thread(thread, by=moderator, reason="Spam")
    assert client.get(other_image.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(other_image.get_absolute_url()).status_code == 404
    client.force_login(moderator)
    response = client.get(other_image.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_remote_images_are_still_refused_and_only_upload_urls_pass(auth_client):
    thread = make_thread()
    auth_client.post(
        f"{thread.get_absolute_url()}reply/",
        {
            "body": "![a](https://evil.example/t.png) ![b](/uploads/../../etc/passwd.png) "
            "![c](/uploads/0123456789abcdef0123456789abcdef.svg) "
            "![d](//evil.example/uploads/0123456789abcdef0123456789abcdef.png)"
        },
    )
    html = Post.objects.get(thread=thread, number=2).html
    assert "<img" not in html
    assert '<a href="https://evil.example/t.png" rel="nofollow ugc noopener">a</a>' in html


def test_unattached_uploads_are_deleted_after_a_day_with_their_files(
    auth_client, django_capture_on_commit_callbacks
):
    thread = make_thread()
    old = PostImage.objects.get(
        key=upload(auth_client, data=png(), thread=thread.pk).json()["url"][9:41]
    )
    posted, _post = _posted_image(auth_client, thread)
    fresh = PostImage.objects.get(
        key=upload(auth_client, data=png(), thread=thread.pk).json()["url"][9:41]
    )
    two_days_ago = timezone.now() - timedelta(days=2)
    PostImage.objects.filter(pk__in=[old.pk, posted.pk]).update(created_at=two_days_ago)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("delete_unattached_images", stdout=out)
    assert "Deleted 1 unattached images." in out.getvalue()
    assert set(PostImage.objects.values_list("pk", flat=True)) == {posted.pk, fresh.pk}
    assert not old.file.storage.exists(old.file.name)
    assert posted.file.storage.exists(posted.file.name)


def test_a_thread_page_with_images_costs_the_same_queries(
    auth_client, user, django_assert_num_queries
):
    plain = make_thread(replies=common.POSTS_PER_PAGE + 3)
    pictured = make_thread(author=user, replies=common.POSTS_PER_PAGE + 3)
    for _ in range(3):
        _posted_image(auth_client, pictured)
    pictured.refresh_from_db()
    assert PostImage.objects.filter(post__thread=pictured).count() == 3
    client = Client()  # a visitor, as in tests/forums/test_pages.py
    with django_assert_num_queries(3):  # thread, its tags, posts with authors
        client.get(plain.get_absolute_url())
    with django_assert_num_queries(3):
        response = client.get(f"{pictured.get_absolute_url()}?page=2")
    assert response.content.decode().count('src="/uploads/') == 3
