"""Reports: one open report per member and item (a constraint and a message), issue 20 part 8.
The rate limit on reporting is tested in tests/moderation/test_limits.py."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from forums.models import Report, ReportStatus
from forums.posting import reports
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


def test_eight_identical_reports_of_one_post_file_one(auth_client, other_user):
    thread = make_thread(author=other_user, replies=1)
    url = f"{thread.get_absolute_url()}2/report/"
    first = auth_client.post(url, {"reason": "spam", "text": ""})
    assert first.status_code == 302
    for _ in range(7):
        again = auth_client.post(url, {"reason": "spam", "text": "Still spam"})
        assert again.status_code == 400
        html = again.content.decode()
        assert "You have already reported this" in html
        assert "Still spam" in html  # what they typed is shown back, not lost
    assert Report.objects.count() == 1


def test_another_member_may_report_the_same_post_and_a_decided_one_may_be_reported_again(
    user, moderator
):
    thread = make_thread(replies=1)
    post = thread.posts.get(number=2)
    first = reports.report_content(post, by=user, reason="spam")
    reports.report_content(post, by=UserFactory(), reason="spam")
    with pytest.raises(ValidationError, match="already reported"):
        reports.report_content(post, by=user, reason="abusive")
    reports.dismiss_report(first, by=moderator)
    reports.report_content(post, by=user, reason="abusive", text="It changed")
    assert Report.objects.filter(reporter=user).count() == 2


def test_the_database_refuses_a_second_open_report_whatever_the_caller(user):
    post = make_thread().posts.get(number=1)
    fields = {
        "target_type": ContentType.objects.get_for_model(post),
        "target_id": post.pk,
        "reporter": user,
        "reason": "spam",
    }
    Report.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(**fields)
    Report.objects.create(**fields, status=ReportStatus.DISMISSED)  # decided ones may repeat
