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


# --- The permission matrix over every role ----------------------------------------------------

ROLES = [
    "visitor",
    "unverified",
    "member",
    "suspended",
    "professional",
    "lapsed",
    "moderator",
    "admin",
]


def _make(role: str):
    today = timezone.localdate()
    return {
        "visitor": lambda: AnonymousUser(),
        "unverified": lambda: UserFactory(email_verified=False),
        "member": lambda: UserFactory(),
        "suspended": lambda: UserFactory(suspended_until=timezone.now() + timedelta(days=3)),
        "professional": lambda: UserFactory(professional=True),
        "lapsed": lambda: UserFactory(professional_verified_until=today - timedelta(days=1)),
        "moderator": lambda: UserFactory(is_staff=True),
        "admin": lambda: UserFactory(is_staff=True, is_superuser=True),
    }[role]()


# role: can_post, forum levels, verified professional, badge, may ask verification,
#       reviews verification, MFA required, sees a private institution, sees deactivated profile
MATRIX = {
    "visitor": (False, "p", False, False, False, False, False, False, False),
    "unverified": (False, "p", False, False, False, False, False, False, False),
    "member": (True, "pm", False, False, True, False, False, False, False),
    "suspended": (False, "pm", False, False, False, False, False, False, False),
    "professional": (True, "pmv", True, True, True, False, False, False, False),
    "lapsed": (True, "pm", False, False, True, False, False, False, False),
    "moderator": (True, "pmv", True, False, True, True, True, True, True),
    "admin": (True, "pmv", True, False, True, True, True, True, True),
}
LEVELS = {"p": "public", "m": "members", "v": "verified"}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, django_assert_num_queries):
    from accounts.models import Profile

    user = _make(role)
    other = UserFactory(is_active=False)
    private = Profile(user=other, institution="St Elsewhere", show_institution=False)
    expected = MATRIX[role]
    with django_assert_num_queries(0):
        actual = (
            permissions.can_post(user),
            "".join(level[0] for level in permissions.visible_forum_levels(user)),
            permissions.is_verified_professional(user),
            permissions.has_verified_badge(user),
            permissions.can_request_verification(user),
            permissions.can_review_verification(user),
            permissions.require_mfa_for_staff(user),
            permissions.can_see_institution(user, other, private),
            permissions.can_view_profile(user, other),
        )
    assert actual == expected
    assert set(permissions.visible_forum_levels(user)) <= set(LEVELS.values())


@pytest.mark.parametrize("role", ROLES)
def test_case_studies_are_for_verified_professionals_and_their_author(role):
    from cases.models import Case

    user = _make(role)
    author = UserFactory(professional=True)
    published = Case.objects.create(title="Published", slug="p", author=author, status="published")
    draft = Case.objects.create(title="Draft", slug="d", author=author, status="draft")
    visible = set(Case.objects.visible_to(user))
    if role in {"professional", "moderator", "admin"}:
        assert published in visible
    else:
        assert published not in visible
    assert (draft in visible) is (role in {"moderator", "admin"})
    if permissions.is_member(user):
        own = Case.objects.create(title="Mine", slug="m", author=user, status="draft")
        assert own in Case.objects.visible_to(user)


def test_a_member_always_sees_their_own_institution(user):
    from accounts.models import Profile

    profile = Profile(user=user, institution="St Elsewhere")
    assert permissions.can_see_institution(user, user, profile)
    assert permissions.can_see_institution(AnonymousUser(), user, Profile(show_institution=True))


def test_the_moderators_group_has_only_what_moderation_needs():
    import importlib

    from django.contrib.auth.models import Group

    from accounts.roles import MODERATOR_PERMISSIONS, ensure_moderators_group

    migrations = [
        importlib.import_module(f"accounts.migrations.{name}")
        for name in ["0004_moderators_group_and_specialties", "0008_moderation_workspace"]
    ]
    granted = [p for migration in migrations for p in migration.MODERATOR_PERMISSIONS]
    assert sorted(granted) == sorted(MODERATOR_PERMISSIONS)
    group = ensure_moderators_group()
    assert group == Group.objects.get(name=permissions.MODERATORS_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "change_verificationrequest" in codenames
    # Every change is an action, except the moderators' own list of reason templates.
    assert {c for c in codenames if c.startswith(("delete_", "add_"))} == {
        "add_reasontemplate",
        "delete_reasontemplate",
    }
    assert "change_user" not in codenames  # staff status and groups are for admins


def test_a_moderator_cannot_edit_members_or_specialties_in_admin(client, moderator):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from accounts.roles import ensure_moderators_group

    ensure_moderators_group()
    TOTP.activate(moderator, generate_totp_secret())
    client.force_login(moderator)
    member = UserFactory()
    response = client.post(
        f"/admin/accounts/user/{member.pk}/change/", {"email": member.email, "is_staff": "on"}
    )
    assert response.status_code == 403
    member.refresh_from_db()
    assert not member.is_staff
    assert client.get("/admin/accounts/specialty/add/").status_code == 403
    assert client.get("/admin/accounts/verificationrequest/").status_code == 200


def test_the_moderator_fixture_holds_what_the_migrations_grant_after_a_flush(request):
    """A transactional test's flush drops the Moderators group; a later run that reuses the
    database must still give the moderator fixture the group's permissions."""
    from django.contrib.auth.models import Group

    Group.objects.filter(name="Moderators").delete()
    moderator = request.getfixturevalue("moderator")
    assert moderator.has_perm("accounts.change_verificationrequest")
    assert moderator.has_perm("cases.view_case")
    assert moderator.has_perm("accounts.view_profile")
    assert not moderator.is_superuser
