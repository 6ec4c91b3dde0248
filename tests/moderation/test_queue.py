"""One queue for every report (issue 21 part 3): one row per reported item with the content
inline, sortable by age and kind, one-click decisions, the reporter told the outcome."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import AuditEntry
from cases.models import Case
from forums.models import Notification, Post, Report, ReportReason, ReportStatus
from forums.posting.reports import report_content
from tests.cases.conftest import make_case, publish
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

URL = "/admin/queue/"


@pytest.fixture(autouse=True)
def private_images(settings, tmp_path):
    settings.CASES_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def reporters(db):
    return UserFactory.create_batch(2)


def test_one_row_per_item_with_every_reporter_and_the_content_inline(moderator_client, reporters):
    sam = UserFactory(handle="sam_rivera")
    post = make_thread(title="Chest pain at 3 am", author=sam, body="Buy watches").posts.get()
    for reporter in reporters:
        report_content(post, by=reporter, reason=ReportReason.SPAM, text="an advert")
    html = moderator_client.get(URL).content.decode()
    assert html.count('class="queue-item"') == 1
    assert "2 reports, the first" in html
    assert "Buy watches" in html  # the stored HTML, inline
    assert "Suspend @sam_rivera" in html


def test_hide_resolves_every_report_and_tells_each_reporter(
    moderator_client, mfa_moderator, reporters
):
    post = make_thread(body="Buy watches").posts.get()
    for reporter in reporters:
        report_content(post, by=reporter, reason=ReportReason.SPAM)
    response = moderator_client.post(
        URL, {"kind": "post", "target_id": post.pk, "do": "hide", "note": "spam"}
    )
    assert response.status_code == 302
    assert Post.objects.get(pk=post.pk).is_hidden
    assert set(Report.objects.values_list("status", flat=True)) == {ReportStatus.RESOLVED}
    assert Notification.objects.filter(recipient__in=reporters).count() == 2
    assert AuditEntry.objects.filter(action="post.hide", actor=mfa_moderator).exists()
    assert "Nothing waiting" in moderator_client.get(URL).content.decode()


def test_dismiss_and_suspend_the_author(moderator_client, reporters):
    sam = UserFactory(handle="sam_rivera")
    thread = make_thread(author=sam)
    report_content(thread, by=reporters[0], reason=ReportReason.ABUSIVE)
    moderator_client.post(
        URL, {"kind": "thread", "target_id": thread.pk, "do": "suspend", "length": "3d"}
    )
    sam.refresh_from_db()
    assert sam.suspended_until > timezone.now() + timedelta(days=2, hours=23)
    assert Report.objects.get().status == ReportStatus.RESOLVED
    other = make_thread()
    report_content(other, by=reporters[1], reason=ReportReason.OFF_TOPIC)
    moderator_client.post(URL, {"kind": "thread", "target_id": other.pk, "do": "dismiss"})
    assert Report.objects.get(target_id=other.pk).status == ReportStatus.DISMISSED


def test_a_reported_case_is_hidden_for_privacy_review(moderator_client, reporters, moderator):
    author = UserFactory(professional=True)
    case = publish(make_case(author), author, moderator)
    report_content(case, by=reporters[0], reason=ReportReason.OTHER, text="odd")
    html = moderator_client.get(URL + "?kind=case").content.decode()
    assert case.title in html
    assert f"/admin/cases/case/{case.pk}/review/" in html
    moderator_client.post(URL, {"kind": "case", "target_id": case.pk, "do": "hide"})
    assert Case.objects.get(pk=case.pk).is_hidden


def test_bad_or_stale_decisions_change_nothing_and_say_why(moderator_client, reporters):
    response = moderator_client.post(URL, {"kind": "post", "target_id": "x", "do": "hide"})
    assert response.status_code == 302
    page = moderator_client.post(
        URL, {"kind": "post", "target_id": 999999, "do": "hide"}, follow=True
    )
    assert "That content no longer exists." in page.content.decode()


def test_sorting_by_kind_and_age(moderator_client, reporters):
    old = make_thread(title="Old thread")
    new_post = make_thread(title="New thread").posts.get()
    first = report_content(old, by=reporters[0], reason=ReportReason.SPAM)
    Report.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=2))
    report_content(new_post, by=reporters[0], reason=ReportReason.SPAM)
    oldest = moderator_client.get(URL).content.decode()
    assert oldest.index("Old thread") < oldest.index("New thread")
    newest = moderator_client.get(URL + "?o=newest").content.decode()
    assert newest.index("New thread") < newest.index("Old thread")
    threads_only = moderator_client.get(URL + "?kind=thread").content.decode()
    assert "Old thread" in threads_only
    assert "New thread" not in threads_only


def test_the_queue_has_a_fixed_query_budget_with_more_items_than_a_page(
    moderator_client, reporters, moderator, django_assert_num_queries
):
    forum = CategoryFactory()
    for i in range(30):
        thread = make_thread(category=forum, title=f"Thread {i}")
        report_content(thread, by=reporters[0], reason=ReportReason.SPAM)
        report_content(thread.posts.get(), by=reporters[1], reason=ReportReason.ABUSIVE)
    author = UserFactory(professional=True)
    for i in range(3):
        case = publish(make_case(author, title=f"Case {i}"), author, moderator)
        old = report_content(case, by=reporters[0], reason=ReportReason.OTHER, text="odd")
        # The oldest, so the first page holds every kind with reports: posts, threads, cases.
        Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=1))
    moderator_client.get(URL)  # warms the content-type cache, as any earlier admin page does
    # the user, the items' COUNT and page, posts, threads, the threads' first posts, cases, and
    # the page's open reports with their reporters (the moderator's permissions and two-factor
    # state come from the cache: accounts.access).
    with django_assert_num_queries(8):
        response = moderator_client.get(URL)
    assert len(response.context["items"]) == 50
    assert response.context["page"].paginator.count == 63
