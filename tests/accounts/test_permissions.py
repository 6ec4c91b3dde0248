from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts import audit, permissions
from accounts.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_roles_are_answered_without_a_query(django_assert_num_queries):
    member = UserFactory(professional=True)
    with django_assert_num_queries(0):
        assert permissions.is_member(member)
        assert permissions.is_verified_professional(member)
        assert not permissions.is_moderator(member)
        assert permissions.visible_forum_levels(member) == ["public", "members", "verified"]


@pytest.mark.parametrize(
    ("kind", "levels", "may_post"),
    [
        ("visitor", ["public"], False),
        ("unverified", ["public"], False),
        ("member", ["public", "members"], True),
        ("professional", ["public", "members", "verified"], True),
        ("expired", ["public", "members"], True),
        ("suspended", ["public", "members"], False),
        ("moderator", ["public", "members", "verified"], True),
    ],
)
def test_forum_levels_and_posting_by_role(kind, levels, may_post):
    today = timezone.localdate()
    user = {
        "visitor": lambda: AnonymousUser(),
        "unverified": lambda: UserFactory(email_verified=False),
        "member": lambda: UserFactory(),
        "professional": lambda: UserFactory(professional=True),
        "expired": lambda: UserFactory(professional_verified_until=today - timedelta(days=1)),
        "suspended": lambda: UserFactory(suspended_until=timezone.now() + timedelta(days=3)),
        "moderator": lambda: UserFactory(is_staff=True),
    }[kind]()
    assert permissions.visible_forum_levels(user) == levels
    assert permissions.can_post(user) is may_post


def test_audit_record_names_actor_action_target_and_reason(moderator, user):
    entry = audit.record(
        actor=moderator, action="member.suspend", target=user, member=user, reason="spam", days=3
    )
    assert AuditEntry.objects.get() == entry
    assert entry.target_repr == "@ada"
    assert entry.details == {"days": 3}
