"""The moderation dashboard at the top of the admin index: counts, oldest first, links."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import VerificationRequest
from forums.models import Report, ReportReason
from forums.posting import moderation
from forums.posting.reports import report_content
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


def _line(response, label):
    return next(line for line in response.context["queues"] if line.label == label)


def test_the_dashboard_counts_each_queue_and_shows_the_oldest(
    moderator_client, mfa_moderator, user
):
    post = make_thread().posts.get()
    old = report_content(post, by=user, reason=ReportReason.SPAM)
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    report_content(post, by=UserFactory(), reason=ReportReason.ABUSIVE)
    moderation.hide_post(post, by=mfa_moderator)
    VerificationRequest.objects.create(
        user=user, registration_number="123", registering_body="GMC", country="GB"
    )
    response = moderator_client.get("/admin/")
    assert response.status_code == 200
    reports = _line(response, "Open reports")
    assert reports.count == 2
    assert reports.oldest == Report.objects.get(pk=old.pk).created_at
    assert reports.url == "/admin/queue/"
    assert _line(response, "Verification requests").count == 1
    assert _line(response, "Content hidden in the last 7 days").count == 1
    assert _line(response, "Cases waiting for review").count == 0
    assert _line(response, "Patient-privacy flags").count == 0
    page = response.content.decode()
    assert page.index("Moderation: waiting for you") < page.index('id="content-main"')


def test_every_dashboard_link_opens_for_a_moderator(moderator_client):
    from accounts.roles import grant_to_moderators
    from cases.admin import Case  # noqa: F401 - the cases queues register with cases.admin

    # cases' own migration grants these in production (cases issue); here the flushed DB lost it.
    grant_to_moderators(app_label="cases", codenames=["view_case", "view_privacyflag"])
    response = moderator_client.get("/admin/")
    for line in response.context["queues"]:
        assert moderator_client.get(line.url).status_code == 200, line.label


def test_the_dashboard_shows_the_median_wait_for_a_first_decision_this_week(
    moderator_client, mfa_moderator, user
):
    from forums.posting.reports import resolve_report

    post = make_thread().posts.get()
    waits = [timedelta(hours=1), timedelta(hours=3), timedelta(hours=5)]
    for number, wait in enumerate(waits):
        report = report_content(post, by=user, reason=ReportReason.SPAM, text=f"r{number}")
        resolve_report(report, by=mfa_moderator)
        Report.objects.filter(pk=report.pk).update(
            created_at=timezone.now() - wait, decided_at=timezone.now()
        )
    old = report_content(post, by=user, reason=ReportReason.ABUSIVE)
    resolve_report(old, by=mfa_moderator)
    Report.objects.filter(pk=old.pk).update(  # decided before this week: not counted
        created_at=timezone.now() - timedelta(days=30),
        decided_at=timezone.now() - timedelta(days=9),
    )
    response = moderator_client.get("/admin/")
    line = _line(response, "Open reports")
    assert abs(line.median_wait - timedelta(hours=3)) < timedelta(minutes=1)
    page = response.content.decode()
    assert "Median wait" in page
    assert "3\xa0hours" in page or "3 hours" in page
    assert "admin_moderation.css" in page  # the stylesheet that keeps headers whole
