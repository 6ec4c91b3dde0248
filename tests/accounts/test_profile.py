"""Profiles: the public page, the settings form, avatars and bad input."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts import profiles
from accounts.models import Profile, Specialty
from tests.accounts.helpers import image_bytes
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_pages")]


def _profile_post(**extra):
    data = {
        "display_name": "Dr Ada",
        "profession": "physician",
        "specialty": Specialty.objects.get(slug="cardiology").pk,
        "career_stage": "established",
        "country": "Ireland",
        "institution": "St Elsewhere",
        "bio": "Arrhythmias.\nECGs <b>all day</b>.",
        "conflicts_of_interest": "Speaker fees from ACME Pharma.",
    }
    data.update(extra)
    return data


def test_a_member_fills_in_the_profile_and_peers_see_it(client, user, other_user):
    client.force_login(user)
    response = client.post("/settings/profile/", _profile_post())
    assert response.status_code == 302
    profile = Profile.objects.select_related("specialty").get(user=user)
    assert (profile.profession, profile.specialty.name) == ("physician", "Cardiology")

    client.force_login(other_user)
    html = client.get("/u/ada/").content.decode()
    assert "Dr Ada" in html
    assert "Physician" in html
    assert "Cardiology" in html
    assert "Established" in html
    assert "Speaker fees from ACME Pharma." in html
    # Plain text, escaped, with line breaks kept; never HTML.
    assert "Arrhythmias.<br>ECGs &lt;b&gt;all day&lt;/b&gt;." in html
    # The institution is private unless the member shows it.
    assert "St Elsewhere" not in html


def test_the_institution_shows_when_the_member_chooses(client, user, other_user):
    client.force_login(user)
    client.post("/settings/profile/", _profile_post(show_institution="on"))
    client.force_login(other_user)
    assert "St Elsewhere" in client.get("/u/ada/").content.decode()
    client.logout()
    assert "St Elsewhere" in client.get("/u/ada/").content.decode()


def test_the_owner_sees_their_private_institution_marked_as_private(client, user):
    client.force_login(user)
    client.post("/settings/profile/", _profile_post())
    html = client.get("/u/ADA/").content.decode()
    assert "St Elsewhere" in html
    assert "only you and moderators see this" in html


def test_too_long_bio_is_refused_and_the_rest_comes_back(client, user):
    client.force_login(user)
    response = client.post("/settings/profile/", _profile_post(bio="x" * 501))
    assert response.status_code == 200
    assert response.context["form"].errors["bio"]
    html = response.content.decode()
    assert "Speaker fees from ACME Pharma." in html
    assert 'value="St Elsewhere"' in html
    assert not Profile.objects.filter(user=user, country="Ireland").exists()


def test_an_avatar_is_re_encoded_resized_stripped_and_served(
    client, user, django_capture_on_commit_callbacks
):
    client.force_login(user)
    raw = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    Image.new("RGB", (1200, 800), (1, 2, 3)).save(raw, "JPEG", exif=exif)
    upload = SimpleUploadedFile("me.png", raw.getvalue(), "image/png")  # name and type lie
    assert client.post("/settings/profile/", _profile_post(avatar_upload=upload)).status_code == 302
    profile = Profile.objects.get(user=user)
    assert profile.avatar.name.endswith(".jpg")
    response = client.get(profile.avatar_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    served = b"".join(response.streaming_content)
    assert b"CameraMaker" not in served
    assert Image.open(io.BytesIO(served)).size == (512, 341)
    assert profile.avatar_url in client.get("/u/ada/").content.decode()

    # A new avatar replaces the old file; removing deletes it.
    old = profile.avatar.name
    upload = SimpleUploadedFile("me.png", image_bytes("PNG"), "image/png")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/settings/profile/", _profile_post(avatar_upload=upload))
    profile.refresh_from_db()
    assert profile.avatar.name.endswith(".png")
    assert not default_storage.exists(old)
    second = profile.avatar.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/settings/profile/", _profile_post(remove_avatar="on"))
    profile.refresh_from_db()
    assert not profile.avatar
    assert not default_storage.exists(second)
    assert client.get(f"/avatars/{user.pk}/{old.rsplit('/', 1)[-1]}").status_code == 404


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4 not an image", "not an image"),
        (b"GIF89a" + b"\0" * 50, "not an image"),
        (b"", "empty"),
    ],
)
def test_a_non_image_avatar_is_refused_on_the_form(client, user, content, message):
    client.force_login(user)
    upload = SimpleUploadedFile("me.jpg", content, "image/jpeg")
    response = client.post("/settings/profile/", _profile_post(avatar_upload=upload))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["avatar_upload"])
    assert 'value="St Elsewhere"' in response.content.decode()


def test_an_oversize_avatar_is_refused_before_it_is_read(client, user):
    client.force_login(user)
    upload = SimpleUploadedFile("me.jpg", b"\xff" * (profiles.AVATAR_MAX_BYTES + 1), "image/jpeg")
    response = client.post("/settings/profile/", _profile_post(avatar_upload=upload))
    assert response.status_code == 200
    assert "limit is 5 MB" in response.context["form"].errors["avatar_upload"][0]


def test_unknown_and_inactive_members_have_no_profile_page(client, user):
    assert client.get("/u/nobody/").status_code == 404
    gone = UserFactory(handle="gone", is_active=False)
    assert client.get(f"/u/{gone.handle}/").status_code == 404


def test_a_member_who_never_saved_a_profile_still_has_a_page(client):
    UserFactory(handle="fresh", display_name="Fresh Face")
    html = client.get("/u/fresh/").content.decode()
    assert "Fresh Face" in html
    assert "None declared." in html


@pytest.mark.whole_page
def test_profile_page_in_a_fixed_number_of_queries(client, user, django_assert_num_queries):
    client.force_login(user)
    client.post("/settings/profile/", _profile_post(show_institution="on"))
    client.logout()
    # member with profile and specialty; their contributions (accounts.activity); forums'
    # recent threads, recent replies
    with django_assert_num_queries(4):
        response = client.get("/u/ada/")
    assert response.status_code == 200
    client.force_login(user)
    # viewer, unread count, member with profile and specialty, contributions, recent threads,
    # recent replies (the session comes from the cache)
    with django_assert_num_queries(6):
        client.get("/u/ada/")


def test_settings_pages_in_a_fixed_number_of_queries(client, user, django_assert_num_queries):
    client.force_login(user)
    client.post("/settings/profile/", _profile_post())
    client.post(
        "/settings/preferences/",
        {"digest_frequency": "daily", "digest_hour": "7", "time_zone": "UTC"},
    )
    # profile with specialty, the specialty choices, the header's unread notification count
    # (the session and the member come from the cache: accounts.sessions; the count too on the
    # next pages)
    with django_assert_num_queries(3):
        assert client.get("/settings/profile/").status_code == 200
    # preferences, followed specialties, the specialty choices, whether mail to the member's
    # address was stopped after hard bounces
    with django_assert_num_queries(4):
        assert client.get("/settings/preferences/").status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/settings/data/").status_code == 200


def test_settings_need_a_signed_in_member(client):
    for path in ["/settings/profile/", "/settings/preferences/", "/settings/verification/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_the_header_links_to_settings_and_the_profile(auth_client):
    html = auth_client.get("/").content.decode()
    assert 'href="/settings/profile/"' in html
    assert 'href="/u/ada/"' in html


def test_the_settings_navigation_links_to_the_following_page(auth_client):
    html = auth_client.get("/settings/preferences/").content.decode()
    assert 'href="/settings/following/"' in html


def test_member_name_tag_shows_the_badge_only_while_verified(rf):
    from datetime import timedelta

    from django.template import Context, Template
    from django.utils import timezone

    template = Template("{% load members %}{% member_name member %}")
    verified = UserFactory(professional=True, handle="doc")
    lapsed = UserFactory(professional_verified_until=timezone.localdate() - timedelta(days=1))
    assert "badge-verified" in template.render(Context({"member": verified}))
    assert "badge-verified" not in template.render(Context({"member": lapsed}))
    assert "Former member" in template.render(Context({"member": None}))


def test_account_pages_carry_no_inline_script_or_style(client, user):
    client.force_login(user)
    for url in [
        "/u/ada/",
        "/settings/profile/",
        "/settings/preferences/",
        "/settings/verification/",
        "/settings/data/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        # Scripts are files (the time-zone finder on preferences): none written in the page.
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert " style=" not in html, url
        assert "<style" not in html, url


@pytest.mark.whole_page  # a template changes with a deploy, which starts with a new cache
def test_forums_can_fill_the_profile_with_recent_activity_through_an_optional_template(
    client, user, settings, tmp_path
):
    assert "profile-activity" not in client.get("/u/ada/").content.decode()
    folder = tmp_path / "forums" / "includes"
    folder.mkdir(parents=True)
    (folder / "profile_activity.html").write_text(
        '<section class="profile-activity">Recent by @{{ member.handle }}</section>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    assert "Recent by @ada" in client.get("/u/ada/").content.decode()
