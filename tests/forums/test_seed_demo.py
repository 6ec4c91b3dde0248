from __future__ import annotations

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.models import User
from forums.models import Category, Post, Thread

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int, int]:
    from forums.models import Message

    return (
        User.objects.count(),
        Category.objects.count(),
        Thread.objects.count(),
        Post.objects.count(),
        Message.objects.count(),  # the demo's private consult, once
    )


def test_seed_demo_loads_forums_threads_replies_tags_and_members():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    users, forums, threads, posts, messages = _counts()
    assert messages == 2, "a private consult between the clinician and the member"
    assert users == 4
    assert forums >= 3
    assert threads >= 3
    assert posts > threads, "threads have replies"
    assert Thread.objects.filter(tags__isnull=False).exists()
    assert EmailAddress.objects.filter(verified=True).count() == 4
    assert User.objects.get(handle="admin").is_superuser
    assert User.objects.get(handle="mod_lee").groups.filter(name="Moderators").exists()
    text = out.getvalue()
    for email in [
        "member@rounds.test",
        "clinician@rounds.test",
        "moderator@rounds.test",
        "admin@rounds.test",
    ]:
        assert email in text


def test_seed_demo_run_twice_adds_nothing_the_second_time():
    call_command("seed_demo", stdout=StringIO())
    before = _counts()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert _counts() == before
    assert "0 created" in out.getvalue()


def test_seeded_members_can_sign_in_with_the_printed_password(client):
    from forums.management.commands.seed_demo import DEMO_PASSWORD

    call_command("seed_demo", stdout=StringIO())
    response = client.post(
        "/accounts/login/", {"login": "member@rounds.test", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"].handle == "sam_rivera"


def test_the_home_page_shows_the_demo_content(client):
    call_command("seed_demo", stdout=StringIO())
    response = client.get("/")
    assert response.status_code == 200
    assert "Wide-complex tachycardia" in response.content.decode()


def test_seeded_members_may_post_and_the_clinician_reads_the_verified_forum():
    from accounts.permissions import can_post, is_verified_professional

    call_command("seed_demo", stdout=StringIO())
    assert all(can_post(user) for user in User.objects.all())
    assert is_verified_professional(User.objects.get(handle="dr_okafor"))
    assert not is_verified_professional(User.objects.get(handle="sam_rivera"))


def test_seeded_members_are_established_and_the_demo_holds_published_cases(settings):
    from cases.models import Case, CaseStatus
    from forums.posting.limits import is_new_member

    settings.ROUNDS_NEW_MEMBER_DAYS, settings.ROUNDS_NEW_MEMBER_POSTS = 3, 5
    call_command("seed_demo", stdout=StringIO())
    for handle in ("sam_rivera", "dr_okafor", "mod_lee", "admin"):
        assert not is_new_member(User.objects.get(handle=handle)), handle
    published = Case.objects.filter(status=CaseStatus.PUBLISHED)
    assert published.count() >= 2
    assert all(case.thread_id for case in published), "each has its discussion"
    call_command("seed_demo", stdout=StringIO())
    assert Case.objects.count() == published.count(), "run again, no second copy"
