"""Moderation services: lock, pin, hide; each writes the audit log; members cannot."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import AuditEntry
from forums.models import Thread
from forums.posting import moderation
from tests.factories import make_thread

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("service", "field", "value", "action"),
    [
        (moderation.lock_thread, "is_locked", True, "thread.lock"),
        (moderation.pin_thread, "is_pinned", True, "thread.pin"),
        (moderation.hide_thread, "is_hidden", True, "thread.hide"),
    ],
)
def test_moderator_actions_change_the_thread_and_are_audited(
    moderator, service, field, value, action
):
    thread = make_thread()
    service(thread, by=moderator, reason="because")
    assert getattr(Thread.objects.get(pk=thread.pk), field) is value
    entry = AuditEntry.objects.get(action=action)
    assert entry.actor == moderator
    assert entry.reason == "because"


def test_members_cannot_moderate(user):
    thread = make_thread()
    with pytest.raises(PermissionDenied):
        moderation.lock_thread(thread, by=user)
    assert not AuditEntry.objects.exists()


def test_a_locked_thread_takes_no_replies_from_members_but_does_from_moderators(
    auth_client, client, moderator
):
    thread = make_thread()
    moderation.lock_thread(thread, by=moderator)
    url = f"{thread.get_absolute_url()}reply/"
    assert auth_client.post(url, {"body": "late"}).status_code == 403
    client.force_login(moderator)
    assert client.post(url, {"body": "moderator note"}).status_code == 302


def test_hidden_posts_show_as_removed(client, moderator):
    thread = make_thread(replies=1)
    post = thread.posts.get(number=2)
    moderation.hide_post(post, by=moderator)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Reply 1" not in html
    assert "This post was removed." in html
