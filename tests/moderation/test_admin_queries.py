"""Exact query budgets for the moderation console's list pages, with more rows than a page
(50) holds so an N+1 shows as a failure. Measured with a moderator (not a superuser).

Every page pays 6 for the session user, the staff TOTP check, permissions (2), the header's
notification count and the paginator's COUNT; the rest is the page's own rows and filters.
The index pays one aggregate per dashboard queue (5) and one median per queue with decisions
(4)."""

from __future__ import annotations

import pytest

from accounts.audit import record
from accounts.models import AuditEntry
from forums.models import Report, ReportReason
from forums.posting.reports import report_content
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

ROWS = 55  # list_per_page is 50


@pytest.fixture
def many_threads(db):
    forum = CategoryFactory()
    authors = UserFactory.create_batch(3)
    return [make_thread(category=forum, author=authors[i % 3]) for i in range(ROWS)]


# Admin pages read no unread counts: the site header's counts are read only by pages that
# show them (forums.context_processors is lazy).
def _get(client, url, django_assert_num_queries, n):
    with django_assert_num_queries(n):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_thread_list_has_a_fixed_query_budget(
    moderator_client, many_threads, django_assert_num_queries
):
    response = _get(moderator_client, "/admin/forums/thread/", django_assert_num_queries, 9)
    assert len(response.context["cl"].result_list) == 50


def test_post_list_has_a_fixed_query_budget(
    moderator_client, many_threads, django_assert_num_queries
):
    response = _get(moderator_client, "/admin/forums/post/", django_assert_num_queries, 9)
    assert len(response.context["cl"].result_list) == 50


def test_report_list_has_a_fixed_query_budget(
    moderator_client, many_threads, user, django_assert_num_queries
):
    for thread in many_threads:
        report_content(thread, by=user, reason=ReportReason.SPAM)
    assert Report.objects.count() == ROWS
    response = _get(moderator_client, "/admin/forums/report/", django_assert_num_queries, 7)
    assert len(response.context["cl"].result_list) == 50


def test_audit_log_has_a_fixed_query_budget(
    moderator_client, mfa_moderator, django_assert_num_queries
):
    members = UserFactory.create_batch(ROWS)
    for member in members:
        record(actor=mfa_moderator, action="member.suspend", target=member, member=member)
    assert AuditEntry.objects.count() >= ROWS
    response = _get(moderator_client, "/admin/accounts/auditentry/", django_assert_num_queries, 10)
    assert len(response.context["cl"].result_list) == 50


def test_member_list_has_a_fixed_query_budget(moderator_client, django_assert_num_queries):
    UserFactory.create_batch(ROWS)
    response = _get(moderator_client, "/admin/accounts/user/", django_assert_num_queries, 7)
    assert len(response.context["cl"].result_list) == 50


def test_admin_index_with_the_dashboard_has_a_fixed_query_budget(
    moderator_client, many_threads, user, django_assert_num_queries
):
    for thread in many_threads:
        report_content(thread, by=user, reason=ReportReason.PRIVACY)
    # 16: one count per dashboard queue, the held case images' queue among them.
    _get(moderator_client, "/admin/", django_assert_num_queries, 15)


def test_profile_list_has_a_fixed_query_budget(moderator_client, django_assert_num_queries):
    from accounts.models import Profile

    for member in UserFactory.create_batch(ROWS):
        Profile.objects.get_or_create(user=member)
    response = _get(moderator_client, "/admin/accounts/profile/", django_assert_num_queries, 7)
    assert len(response.context["cl"].result_list) == 50
