"""A staff member's permissions and two-factor state come from the cache on admin pages
(accounts.access), and every change that grants or takes them away acts on the next request."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

CASES = "/admin/cases/case/"


def _asked(client, path: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, [q["sql"] for q in queries]


def test_a_second_admin_page_asks_nothing_about_permissions_or_two_factor(moderator_client):
    status, first = _asked(moderator_client, CASES)
    assert status == 200
    assert any("auth_permission" in sql for sql in first)
    assert any("mfa_authenticator" in sql for sql in first)
    status, again = _asked(moderator_client, CASES)
    assert status == 200
    assert not [sql for sql in again if "auth_permission" in sql or "mfa_authenticator" in sql]


def test_leaving_the_moderators_group_takes_admin_away_at_once(moderator_client, mfa_moderator):
    assert moderator_client.get(CASES).status_code == 200
    mfa_moderator.groups.clear()
    assert moderator_client.get(CASES).status_code == 403


def test_a_permission_taken_from_the_group_acts_at_once(moderator_client, mfa_moderator):
    assert moderator_client.get(CASES).status_code == 200
    group = Group.objects.get(name="Moderators")
    view_case = Permission.objects.get(codename="view_case", content_type__app_label="cases")
    group.permissions.remove(view_case)
    assert moderator_client.get(CASES).status_code == 403
    group.permissions.add(view_case)
    assert moderator_client.get(CASES).status_code == 200


def test_a_permission_given_to_the_member_alone_acts_at_once(moderator_client, mfa_moderator):
    mfa_moderator.groups.clear()
    assert moderator_client.get(CASES).status_code == 403
    mfa_moderator.user_permissions.add(
        Permission.objects.get(codename="view_case", content_type__app_label="cases")
    )
    assert moderator_client.get(CASES).status_code == 200


def test_turning_two_factor_off_sends_the_moderator_to_set_it_up_again(
    moderator_client, mfa_moderator
):
    assert moderator_client.get(CASES).status_code == 200
    Authenticator.objects.filter(user=mfa_moderator).delete()
    response = moderator_client.get(CASES)
    assert response.status_code == 302
    assert "/accounts/2fa/totp/activate/" in response["Location"]


def test_a_member_no_longer_staff_is_sent_to_sign_in(moderator_client, mfa_moderator):
    assert moderator_client.get(CASES).status_code == 200
    mfa_moderator.is_staff = False
    mfa_moderator.save()
    response = moderator_client.get(CASES)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
