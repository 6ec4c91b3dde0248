"""Members report posts and threads; privacy reports hide at once; moderators decide."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import AuditEntry
from forums.models import Post, Report, ReportReason, ReportStatus, Thread
from forums.posting import reports
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


def test_a_privacy_report_on_a_post_hides_it_at_once_and_is_logged(user, other_user):
    thread = make_thread(author=other_user, replies=1)
    post = thread.posts.get(number=2)
    report = reports.report_content(post, by=user, reason=ReportReason.PRIVACY)
    assert Post.objects.get(pk=post.pk).is_hidden
    assert report.status == ReportStatus.OPEN
    assert report.member == other_user
    assert AuditEntry.objects.filter(
        action="report.privacy_hide", actor=user, member=other_user, target_id=str(post.pk)
    ).exists()


def test_a_privacy_report_on_a_thread_hides_the_thread(user, other_user):
    thread = make_thread(author=other_user)
    reports.report_content(thread, by=user, reason=ReportReason.PRIVACY)
    assert Thread.objects.get(pk=thread.pk).is_hidden


def test_a_spam_report_queues_without_hiding(user, other_user):
    thread = make_thread(author=other_user)
    post = thread.posts.get(number=1)
    reports.report_content(post, by=user, reason=ReportReason.SPAM)
    assert not Post.objects.get(pk=post.pk).is_hidden
    assert Report.objects.open().count() == 1


def test_other_needs_details_and_members_without_a_verified_email_cannot_report(user):
    post = make_thread().posts.get(number=1)
    with pytest.raises(ValidationError):
        reports.report_content(post, by=user, reason=ReportReason.OTHER, text="  ")
    with pytest.raises(PermissionDenied):
        reports.report_content(post, by=UserFactory(email_verified=False), reason=ReportReason.SPAM)
    assert not Report.objects.exists()


def test_resolving_and_dismissing_are_logged_and_happen_once(user, moderator):
    post = make_thread().posts.get(number=1)
    first = reports.report_content(post, by=user, reason=ReportReason.SPAM)
    second = reports.report_content(post, by=UserFactory(), reason=ReportReason.ABUSIVE)
    reports.resolve_report(first, by=moderator, note="hid it")
    reports.dismiss_report(second, by=moderator)
    assert Report.objects.get(pk=first.pk).status == ReportStatus.RESOLVED
    assert Report.objects.get(pk=second.pk).decided_by == moderator
    assert list(
        AuditEntry.objects.filter(actor=moderator).order_by("pk").values_list("action", "reason")
    ) == [("report.resolve", "hid it"), ("report.dismiss", "")]
    with pytest.raises(ValidationError):
        reports.dismiss_report(first, by=moderator)
    with pytest.raises(PermissionDenied):
        reports.resolve_report(second, by=user)


def test_a_member_reports_a_post_from_the_thread_page(auth_client, other_user):
    thread = make_thread(author=other_user, replies=1)
    page = auth_client.get(thread.get_absolute_url())
    assert f'{thread.get_absolute_url()}2/report/"' in page.content.decode()
    url = f"{thread.get_absolute_url()}2/report/"
    form = auth_client.get(url)
    assert form.status_code == 200
    assert "Patient privacy" in form.content.decode()
    response = auth_client.post(url, {"reason": "privacy", "text": "Names the ward and bed."})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.target == thread.posts.get(number=2)
    assert report.text == "Names the ward and bed."
    assert thread.posts.get(number=2).is_hidden


def test_reporting_other_without_details_names_the_field_and_keeps_nothing_lost(
    auth_client,
):
    thread = make_thread()
    url = f"{thread.get_absolute_url()}report/"
    response = auth_client.post(url, {"reason": "other", "text": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["text"] == ["Tell the moderators what is wrong."]
    assert not Report.objects.exists()
    kept = auth_client.post(url, {"reason": "", "text": "Something I wrote"})
    assert "reason" in kept.context["form"].errors
    assert "Something I wrote" in kept.content.decode()


# --- The reporter hears the outcome, on the site only -------------------------------------------


def test_the_reporter_is_notified_on_the_site_when_a_report_is_resolved_or_dismissed(
    auth_client, user, moderator, mailoutbox
):
    from forums.models import Notification, NotificationKind

    thread = make_thread(title="Troponin question", replies=1)
    post = thread.posts.get(number=2)
    acted = reports.report_content(post, by=user, reason=ReportReason.SPAM)
    ignored = reports.report_content(thread, by=user, reason=ReportReason.OFF_TOPIC)
    reports.resolve_report(acted, by=moderator, note="internal note")
    reports.dismiss_report(ignored, by=moderator)
    rows = Notification.objects.filter(recipient=user).order_by("pk")
    assert [(n.kind, n.thread_id, n.post_id, n.actor_id) for n in rows] == [
        (NotificationKind.REPORT_RESOLVED, thread.pk, post.pk, None),
        (NotificationKind.REPORT_DISMISSED, thread.pk, None, None),
    ]
    assert mailoutbox == []
    page = auth_client.get("/notifications/").content.decode()
    assert "Moderators acted on your report about “Troponin question”" in page
    assert "Moderators reviewed your report about “Troponin question”" in page
    assert "internal note" not in page


def test_opening_the_outcome_of_a_report_on_hidden_content_stays_on_the_list(
    auth_client, user, moderator
):
    from forums.models import Notification
    from forums.posting.moderation import hide_thread

    thread = make_thread()
    report = reports.report_content(thread, by=user, reason=ReportReason.ABUSIVE)
    hide_thread(thread, by=moderator)
    reports.resolve_report(report, by=moderator)
    item = Notification.objects.get(recipient=user)
    response = auth_client.post(f"/notifications/{item.pk}/open/")
    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
    assert Notification.objects.get(pk=item.pk).is_read
