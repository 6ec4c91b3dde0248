"""My data: the JSON export, and account deletion that leaves no personal data behind."""

from __future__ import annotations

import json

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session
from django.core import serializers
from django.test import Client

from accounts import audit, deletion, export, extensions, profiles, verification
from accounts.models import Profile, Specialty, User
from forums.models import Post, Thread
from tests.accounts.helpers import image_bytes
from tests.factories import PASSWORD, make_thread

pytestmark = pytest.mark.django_db

PERSONAL = [
    "ada@example.org",
    "ada.work@example.org",
    "Ada Quincy-Lovelace",
    "St Elsewhere Hospital",
    "Quiet arrhythmia nerd",
    "Consultancy for ACME",
    "GMC 7012345",
]


@pytest.fixture
def rich_member(user, mfa_moderator):
    """Ada with everything an account can hold."""
    user.display_name = "Ada Quincy-Lovelace"
    user.save()
    profiles.update_profile(
        user,
        display_name="Ada Quincy-Lovelace",
        profession="physician",
        specialty=Specialty.objects.get(slug="cardiology"),
        career_stage="senior",
        country="Ireland",
        institution="St Elsewhere Hospital",
        show_institution=False,
        bio="Quiet arrhythmia nerd",
        conflicts_of_interest="Consultancy for ACME",
    )
    profiles.set_avatar(user, data=profiles.clean_avatar(image_bytes("PNG")))
    prefs = profiles.update_preferences(
        user,
        digest_frequency="daily",
        digest_hour=6,
        time_zone="Europe/Dublin",
        email_on_mention=False,
        email_on_reply=True,
        followed_specialties=Specialty.objects.filter(slug="cardiology"),
    )
    assert prefs.pk
    req = verification.request_verification(
        user,
        registration_number="GMC 7012345",
        registering_body="General Medical Council",
        country="United Kingdom",
        evidence=(b"%PDF-1.4 licence", "pdf"),
    )
    verification.reject_verification(req, by=mfa_moderator, reason="Blurry scan.")
    verification.request_verification(
        user,
        registration_number="GMC 7012345",
        registering_body="General Medical Council",
        country="United Kingdom",
        evidence=(b"%PDF-1.4 licence again", "pdf"),
    )
    user.emailaddress_set.create(email="ada.work@example.org", verified=False)
    TOTP.activate(user, generate_totp_secret())
    audit.record(actor=mfa_moderator, action="member.warn", target=user, member=user)
    return user


def test_the_export_holds_account_profile_preferences_and_verification(client, rich_member):
    client.force_login(rich_member)
    response = client.post("/settings/data/export.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="rounds-ada-')
    data = json.loads(response.content)
    assert data["account"]["email"] == "ada@example.org"
    assert data["account"]["handle"] == "ada"
    assert {a["email"] for a in data["account"]["email_addresses"]} == {
        "ada@example.org",
        "ada.work@example.org",
    }
    assert data["profile"]["institution"] == "St Elsewhere Hospital"
    assert data["profile"]["specialty"] == "Cardiology"
    assert data["profile"]["conflicts_of_interest"] == "Consultancy for ACME"
    assert data["preferences"] == {
        "language": "",
        "digest_frequency": "daily",
        "digest_hour": 6,
        "time_zone": "Europe/Dublin",
        "email_on_mention": False,
        "email_on_reply": True,
        "email_on_review": True,
        "email_on_message": True,
        "messages_from_followed_only": False,
        "followed_specialties": ["Cardiology"],
    }
    assert [(r["status"], r["reason"]) for r in data["verification_requests"]] == [
        ("rejected", "Blurry scan."),
        ("pending", ""),
    ]
    assert "password" not in json.dumps(data).lower()


def test_the_export_is_post_only(auth_client):
    assert auth_client.get("/settings/data/export.json").status_code == 405


def test_other_apps_add_sections_to_the_export(user):
    def posts(member):
        return [p.source for p in Post.objects.filter(author=member)]

    make_thread(author=user, body="My first post")
    section = extensions.ExportSection("test_posts", posts)
    extensions.plug_in(extensions.Extension(name="test", export_sections=(section,)))
    try:
        assert export.export_user_data(user)["test_posts"] == ["My first post"]
    finally:
        extensions.unplug("test")
    assert "test_posts" not in export.export_user_data(user)


def _sessions_of(user_pk: int) -> int:
    return sum(
        1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user_pk)
    )


def _everything_in_the_database() -> str:
    """Every row of every table, serialised: what a database dump would hold."""
    chunks = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        chunks.append(serializers.serialize("json", model._base_manager.all()))
    return "\n".join(chunks)


def test_deletion_with_posts_kept_leaves_no_personal_data_and_a_former_member(
    client, rich_member, mfa_moderator, django_capture_on_commit_callbacks
):
    thread = make_thread(author=rich_member, title="ECG puzzle", body="What is this rhythm?")
    files = [Profile.objects.get(user=rich_member).avatar] + [
        r.evidence for r in rich_member.verification_requests.all() if r.evidence
    ]
    assert files
    assert all(f.storage.exists(f.name) for f in files)
    assert "St Elsewhere Hospital" in _everything_in_the_database()

    # A moderator decides in admin (Django records it in the admin history) ...
    moderator_client = Client()
    moderator_client.force_login(mfa_moderator)
    pending = rich_member.verification_requests.get(status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(
            f"/admin/accounts/verificationrequest/{pending.pk}/change/",
            {"decision": "reject", "decision_reason": "Still blurry."},
        )
    assert LogEntry.objects.filter(object_repr__contains="@ada").exists()
    # ... and the member is signed in on another device too.
    other_device = Client()
    other_device.force_login(rich_member)
    assert _sessions_of(rich_member.pk) == 1

    client.force_login(rich_member)
    page = client.get("/settings/data/").content.decode()
    assert "Former member" in page
    assert "Remove my posts" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/settings/data/", {"posts": "keep", "password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=rich_member.pk).exists()
    assert client.get("/settings/profile/").status_code == 302  # signed out

    dump = _everything_in_the_database()
    for value in PERSONAL:
        assert value not in dump, value
    assert '"handle": "ada"' not in dump
    assert "@ada" not in dump
    assert _sessions_of(rich_member.pk) == 0
    assert other_device.get("/settings/profile/").status_code == 302
    assert [f.name for f in files if f.storage.exists(f.name)] == []
    # The thread stays, by "Former member".
    thread = Thread.objects.get(pk=thread.pk)
    assert thread.author is None
    assert "Former member" in client.get(thread.get_absolute_url()).content.decode()


def test_deletion_runs_registered_hooks_so_posts_can_be_removed(rich_member):
    calls = []

    def remove_posts(user, *, keep_posts):
        calls.append((user.pk, keep_posts))
        if not keep_posts:
            Thread.objects.filter(author=user).delete()

    thread = make_thread(author=rich_member)
    extensions.plug_in(extensions.Extension(name="test", deletion_hooks=(remove_posts,)))
    try:
        deletion.delete_account(rich_member, keep_posts=False)
    finally:
        extensions.unplug("test")
    assert calls == [(rich_member.pk, False)]
    assert not Thread.objects.filter(pk=thread.pk).exists()


def test_a_failing_hook_deletes_nothing(rich_member):
    def broken(user, *, keep_posts):
        raise RuntimeError("forums is down")

    extensions.plug_in(extensions.Extension(name="test", deletion_hooks=(broken,)))
    try:
        with pytest.raises(RuntimeError):
            deletion.delete_account(rich_member, keep_posts=True)
    finally:
        extensions.unplug("test")
    assert User.objects.filter(pk=rich_member.pk).exists()


def test_deletion_needs_the_password_and_a_choice(client, user):
    client.force_login(user)
    response = client.post("/settings/data/", {"posts": "keep", "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors["password"] == ["That is not your password."]
    response = client.post("/settings/data/", {"password": PASSWORD})
    assert response.context["form"].errors["posts"]
    assert User.objects.filter(pk=user.pk).exists()
