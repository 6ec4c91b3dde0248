"""Bounces (issue 23, "Headers"): ``python manage.py process_bounces MAILDIR`` reads delivery
status notifications (RFC 3464, built here with the standard library as mail servers send
them), counts hard bounces per address, and after 3 the site stops mailing that address; the
member sees why in their preferences and resumes it with one button."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.mail.models import EmailBounce, EmailDelivery, EmailStatus
from forums.mail.notification_emails import send_notification_emails
from forums.models import Notification
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


def dsn(address: str, *, status: str = "5.1.1", action: str = "failed") -> bytes:
    """A delivery status notification as Postfix writes one."""
    report = MIMEMultipart("report", report_type="delivery-status")
    report["From"] = "MAILER-DAEMON@mx.example.org"
    report["To"] = "bounces@rounds.example.org"
    report["Subject"] = "Undelivered Mail Returned to Sender"
    report.attach(MIMEText("This is the mail system at host mx.example.org.\n"))
    status_part = EmailMessage()
    status_part.set_type("message/delivery-status")
    per_message = EmailMessage()
    per_message["Reporting-MTA"] = "dns; mx.example.org"
    per_recipient = EmailMessage()
    per_recipient["Final-Recipient"] = f"rfc822; {address}"
    per_recipient["Action"] = action
    per_recipient["Status"] = status
    per_recipient["Diagnostic-Code"] = f"smtp; 550 {status} <{address}>: Recipient address rejected"
    status_part.set_payload([per_message, per_recipient])
    report.attach(status_part)
    return report.as_bytes()


def _deliver(tmp_path, *messages: bytes):
    box = mailbox.Maildir(tmp_path / "bounces", create=True)
    for raw in messages:
        box.add(raw)
    return str(tmp_path / "bounces")


def test_three_hard_bounces_stop_mail_to_the_address_and_preferences_say_why(
    tmp_path, client, django_capture_on_commit_callbacks
):
    reader = UserFactory(handle="reader", email="Reader@Example.org", display_name="Reader")
    soft = dsn("reader@example.org", status="4.2.2", action="delayed")
    call_command("process_bounces", _deliver(tmp_path, dsn("reader@example.org"), soft))
    row = EmailBounce.objects.get(address="reader@example.org")
    assert (row.hard_bounces, row.stopped_at) == (1, None)  # the delayed one does not count
    call_command("process_bounces", _deliver(tmp_path, dsn("reader@example.org")))
    assert EmailBounce.objects.get().stopped_at is None
    assert list(mailbox.Maildir(tmp_path / "bounces").keys()) == []  # handled: removed
    call_command("process_bounces", _deliver(tmp_path, dsn("reader@example.org")))
    row.refresh_from_db()
    assert row.hard_bounces == 3
    assert row.stopped_at is not None
    assert "Recipient address rejected" in row.last_reason

    with django_capture_on_commit_callbacks(execute=True):
        make_thread(category=CategoryFactory(), body="Hi @reader")
    assert mail.outbox == []
    delivery = EmailDelivery.objects.get(kind="forums.notification")
    assert delivery.status == EmailStatus.FAILED
    assert "hard bounces" in delivery.last_error

    client.force_login(reader)
    page = client.get("/settings/preferences/").content.decode()
    assert "We stopped emailing you" in page
    assert "refused as undeliverable 3 times" in page
    assert "Recipient address rejected" in page
    response = client.post("/settings/preferences/", {"resume_email": "1"})
    assert response.status_code == 302
    assert "We stopped emailing you" not in client.get("/settings/preferences/").content.decode()

    ids = list(Notification.objects.values_list("pk", flat=True))
    assert send_notification_emails(ids) == 1  # mailed again
    assert mail.outbox[0].to == ["Reader@Example.org"]


def test_a_message_that_is_not_a_bounce_counts_nothing(tmp_path):
    plain = MIMEText("Out of office until Monday.")
    plain["Subject"] = "Auto: away"
    call_command("process_bounces", _deliver(tmp_path, plain.as_bytes()))
    assert not EmailBounce.objects.exists()
