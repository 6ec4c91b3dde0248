"""Members who may see a case report it from the case page for any reason; a patient-privacy
report still goes through flag_case and hides the case at once; the reporter hears the outcome
on the site, and no email carries the case."""

from __future__ import annotations

import pytest

from cases.models import Case, PrivacyFlag
from forums.models import Notification, NotificationKind, Report
from forums.posting import reports
from tests.cases.conftest import make_case, publish
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_images(settings, tmp_path):
    settings.CASES_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def author(db):
    return UserFactory(professional=True, handle="author", email="author@example.org")


@pytest.fixture
def reader(db):
    return UserFactory(professional=True, handle="reader", email="reader@example.org")


@pytest.fixture
def published(author, moderator):
    return publish(make_case(author), author, moderator)


def test_the_case_page_links_to_the_report_form_for_readers_not_the_author(
    client, published, reader, author
):
    url = f"/cases/{published.pk}/report/"
    client.force_login(reader)
    assert f'href="{url}"' in client.get(published.get_absolute_url()).content.decode()
    client.force_login(author)
    assert f'href="{url}"' not in client.get(published.get_absolute_url()).content.decode()


def test_a_reader_reports_a_case_as_spam_and_it_queues_without_hiding(client, published, reader):
    client.force_login(reader)
    url = f"/cases/{published.pk}/report/"
    form = client.get(url)
    assert form.status_code == 200
    assert "Off-topic" in form.content.decode()
    response = client.post(url, {"reason": "spam", "text": "Advert for a course"})
    assert response.status_code == 302
    assert response["Location"] == published.get_absolute_url()
    report = Report.objects.get()
    assert (report.target, report.reporter, report.member) == (published, reader, published.author)
    assert not Case.objects.get(pk=published.pk).is_hidden
    assert not PrivacyFlag.objects.exists()


def test_other_without_details_comes_back_with_the_field_named(client, published, reader):
    client.force_login(reader)
    response = client.post(f"/cases/{published.pk}/report/", {"reason": "other", "text": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["text"] == ["Tell the moderators what is wrong."]
    assert not Report.objects.exists()


def test_a_privacy_report_from_the_report_form_flags_and_hides_the_case(client, published, reader):
    client.force_login(reader)
    client.post(f"/cases/{published.pk}/report/", {"reason": "privacy", "text": "Names the ward"})
    assert Case.objects.get(pk=published.pk).is_hidden
    flag = PrivacyFlag.objects.get()
    assert (flag.case, flag.flagged_by, flag.reason) == (published, reader, "Names the ward")


def test_members_who_may_not_see_the_case_cannot_report_it(client, published):
    client.force_login(UserFactory())  # a member, not a verified professional
    assert client.get(f"/cases/{published.pk}/report/").status_code == 404
    assert client.post(f"/cases/{published.pk}/report/", {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_the_reporter_of_a_case_hears_the_outcome_on_the_site_only(
    client, published, reader, moderator, mailoutbox
):
    client.force_login(reader)
    client.post(f"/cases/{published.pk}/report/", {"reason": "abusive", "text": ""})
    mailoutbox.clear()
    reports.dismiss_report(Report.objects.get(), by=moderator)
    note = Notification.objects.get(recipient=reader)
    assert (note.kind, note.thread_id) == (NotificationKind.REPORT_DISMISSED, published.thread_id)
    assert mailoutbox == []


def test_a_moderator_sees_the_reported_case_rendered_and_resolves_it_in_admin(
    client, published, reader, moderator_client, mfa_moderator
):
    reports.report_content(published, by=reader, reason="off_topic")
    report = Report.objects.get()
    page = moderator_client.get(f"/admin/forums/report/{report.pk}/change/").content.decode()
    assert "Collapse while running, <strong>no</strong> prodrome." in page  # stored HTML
    assert "**no**" not in page  # never the raw source
    response = moderator_client.post(
        "/admin/forums/report/",
        {"action": "resolve", "_selected_action": [report.pk], "apply": "1", "note": "moved"},
    )
    assert response.status_code == 302
    assert Notification.objects.get(recipient=reader).kind == NotificationKind.REPORT_RESOLVED
