"""A suspended member sees why and until when, and keeps the text they wrote."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.moderation import lift_suspension, suspend_member
from forums.models import Post
from tests.factories import make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def suspended(user, moderator):
    return suspend_member(
        user, by=moderator, until=timezone.now() + timedelta(days=2), reason="Advertising"
    )


def test_a_suspended_member_opening_the_composer_sees_why_and_until_when(auth_client, suspended):
    thread = make_thread()
    response = auth_client.get(f"{thread.get_absolute_url()}reply/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Your account is suspended until" in page
    assert str(timezone.localtime(suspended.suspended_until).year) in page
    assert "Reason: Advertising" in page


def test_a_suspended_member_sending_a_reply_gets_their_text_back_and_nothing_is_posted(
    auth_client, suspended
):
    thread = make_thread()
    response = auth_client.post(
        f"{thread.get_absolute_url()}reply/", {"body": "My careful answer about troponin"}
    )
    assert response.status_code == 403
    assert "My careful answer about troponin" in response.content.decode()
    assert not Post.objects.filter(author=suspended).exists()


def test_after_the_suspension_is_lifted_the_member_posts_again(auth_client, suspended, moderator):
    lift_suspension(suspended, by=moderator)
    thread = make_thread()
    response = auth_client.post(f"{thread.get_absolute_url()}reply/", {"body": "Back again"})
    assert response.status_code == 302
    assert Post.objects.filter(author=suspended, source="Back again").exists()


def test_a_suspension_must_end_in_the_future_and_say_why(user, moderator):
    with pytest.raises(ValidationError):
        suspend_member(user, by=moderator, until=timezone.now() - timedelta(hours=1), reason="x")
    with pytest.raises(ValidationError):
        suspend_member(user, by=moderator, until=timezone.now() + timedelta(hours=1), reason=" ")
    user.refresh_from_db()
    assert user.suspended_until is None


# --- Case pages too (a case reply, a new case): the same page, with the case text back --------


@pytest.fixture
def private_images(settings, tmp_path):
    settings.CASES_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_suspended_professional_replying_to_a_case_keeps_the_reply(
    client, moderator, private_images
):
    from tests.cases.conftest import make_case, publish
    from tests.factories import UserFactory

    author, reader = UserFactory(professional=True), UserFactory(professional=True)
    case = publish(make_case(author), author, moderator)
    suspend_member(
        reader, by=moderator, until=timezone.now() + timedelta(days=1), reason="Cooling off"
    )
    client.force_login(reader)
    response = client.post(f"/cases/{case.pk}/reply/", {"body": "Consider an echo first"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Your account is suspended until" in page
    assert "Reason: Cooling off" in page
    assert "Consider an echo first" in page
    assert not Post.objects.filter(author=reader).exists()


def test_a_suspended_professional_writing_a_new_case_keeps_every_text_field(
    client, moderator, private_images
):
    from cases.models import Case
    from tests.cases.conftest import CASE_VALUES
    from tests.factories import UserFactory

    author = UserFactory(professional=True)
    suspend_member(author, by=moderator, until=timezone.now() + timedelta(days=1), reason="x")
    client.force_login(author)
    response = client.post("/cases/new/", {**CASE_VALUES, "tags": "ecg"})
    assert response.status_code == 403
    page = response.content.decode()
    assert CASE_VALUES["title"] in page
    assert "Ejection systolic murmur louder on standing." in page
    assert not Case.objects.filter(author=author).exists()
