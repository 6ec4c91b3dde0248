"""accounts.sessions: the signed-in member from a snapshot loaded with the session, and every
change to a member's row acting on their next request as it did without one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.moderation import suspend_member
from accounts.permissions import is_suspended
from accounts.sessions import GENERATION_KEY, SNAPSHOT_PREFIX

pytestmark = pytest.mark.django_db


def _user_queries(client) -> tuple[object, int]:
    """The member of a request to /hello, and how many queries read the users table for it."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/hello")
    assert response.status_code == 200
    reads = [q for q in captured if 'FROM "accounts_user"' in q["sql"]]
    return response.wsgi_request.user, len(reads)


def test_the_second_request_reads_the_member_from_the_snapshot(auth_client, user):
    first, reads = _user_queries(auth_client)
    assert (first.pk, reads) == (user.pk, 1)

    seen, reads = _user_queries(auth_client)
    assert reads == 0
    assert type(seen) is User
    assert (seen.pk, seen.handle, seen.display_name) == (user.pk, "ada", "Ada")
    assert seen.is_authenticated


def test_the_snapshot_holds_no_password_hash_and_no_email(auth_client, user):
    _user_queries(auth_client)
    entry = cache.get(SNAPSHOT_PREFIX + auth_client.session.session_key)
    assert entry is not None
    stored = repr(entry)
    assert user.password not in stored
    assert "ada@example.org" not in stored
    assert "ada" in stored  # the handle is there: it is the snapshot of this member


def test_what_the_snapshot_leaves_out_loads_when_a_page_asks(auth_client, user):
    _user_queries(auth_client)
    seen, _ = _user_queries(auth_client)
    with CaptureQueriesContext(connection) as captured:
        assert seen.email == "ada@example.org"
    assert len(captured) == 1


def test_a_suspension_acts_on_the_members_next_request(auth_client, user, moderator):
    _user_queries(auth_client)
    suspend_member(
        user, by=moderator, until=timezone.now() + timedelta(days=3), reason="Shared a scan"
    )
    seen, reads = _user_queries(auth_client)
    assert reads == 1
    assert is_suspended(seen)
    assert seen.suspension_reason == "Shared a scan"


def test_a_new_password_signs_out_the_members_other_sessions(auth_client, user):
    _user_queries(auth_client)
    user.set_password("a-new-long-passphrase-9")
    user.save()
    seen, _ = _user_queries(auth_client)
    assert isinstance(seen, AnonymousUser)


def test_a_deactivated_member_is_signed_out(auth_client, user):
    _user_queries(auth_client)
    User.objects.filter(pk=user.pk).update(is_active=False)
    seen, _ = _user_queries(auth_client)
    assert isinstance(seen, AnonymousUser)


def test_a_deleted_member_is_signed_out(auth_client, user):
    _user_queries(auth_client)
    user.delete()
    seen, _ = _user_queries(auth_client)
    assert isinstance(seen, AnonymousUser)


def test_signing_out_deletes_the_snapshot(auth_client):
    _user_queries(auth_client)
    key = SNAPSHOT_PREFIX + auth_client.session.session_key
    assert cache.get(key) is not None
    auth_client.post("/accounts/logout/")
    assert cache.get(key) is None
    seen, _ = _user_queries(auth_client)
    assert isinstance(seen, AnonymousUser)


def test_a_lost_generation_trusts_no_earlier_snapshot(auth_client, user):
    """Evicted from the cache, the generation starts again from a value no snapshot carries:
    a change the signals never saw (SQL) still shows on the next request."""
    _user_queries(auth_client)
    cache.delete(GENERATION_KEY)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_user SET handle = 'ada_renamed' WHERE id = %s", [user.pk])
    seen, reads = _user_queries(auth_client)
    assert (seen.handle, reads) == ("ada_renamed", 1)


def test_a_snapshot_is_used_only_by_its_own_session(client, user, other_user):
    client.force_login(user)
    _user_queries(client)
    snapshot = cache.get(SNAPSHOT_PREFIX + client.session.session_key)
    client.force_login(other_user)  # a new session key: its own snapshot, never ada's
    cache.set(SNAPSHOT_PREFIX + client.session.session_key, snapshot)
    seen, reads = _user_queries(client)
    assert (seen.pk, reads) == (other_user.pk, 1)


def test_another_member_signing_in_keeps_this_members_snapshot(auth_client, user, other_user):
    """Django saves ``last_login`` at every sign-in; that must not retire every member's
    snapshot (a busy morning of sign-ins would make every member's page read their row)."""
    _user_queries(auth_client)
    from django.contrib.auth.models import update_last_login

    update_last_login(None, other_user)
    _, reads = _user_queries(auth_client)
    assert reads == 0


def test_the_last_sign_in_time_is_read_from_the_row_not_the_snapshot(auth_client, user):
    _user_queries(auth_client)
    from django.contrib.auth.models import update_last_login

    update_last_login(None, user)  # the member signs in elsewhere
    seen, _ = _user_queries(auth_client)
    assert seen.last_login is not None
    assert seen.last_login == User.objects.get(pk=user.pk).last_login
