"""Every email the site sends arrives exactly once, even when the SMTP server refuses: each is
claimed in a ledger (recipient, kind, object, event) before it is sent and marked sent after,
so a task that runs twice sends once, and a task retried while the server is down or answers
451 sends it once when the server takes it again.

The real parts: an SMTP server (aiosmtpd on 127.0.0.1) the test stops and starts again, or makes
refuse; a Celery worker on Redis for the retries with backoff.
"""

from __future__ import annotations

import email.header
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts import verification
from accounts.mail.ledger import STALE_CLAIM, OnceEmail, send_once
from accounts.mail.models import EmailDelivery, EmailStatus
from accounts.mail.send import MailNotSent
from accounts.models import Preferences
from cases import moderation
from forums.mail.notification_emails import send_notification_emails
from forums.models import Notification, NotificationKind
from tests.cases.conftest import make_case, submit
from tests.factories import CategoryFactory, UserFactory, make_thread

REQUEST = {
    "registration_number": "GMC 7012345",
    "registering_body": "General Medical Council",
    "country": "United Kingdom",
}


@pytest.fixture
def reader(db):
    return UserFactory(handle="reader", email="reader@example.org", display_name="Reader")


@pytest.fixture
def poster(db):
    return UserFactory(handle="poster", email="poster@example.org", professional=True)


def _subject(message) -> str:
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


def _wait(condition, *, seconds: float, log=None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(log() if log else "timed out")


# --- A task run twice sends once ------------------------------------------------------------


@pytest.mark.django_db
def test_each_mail_task_run_twice_sends_one_email(
    reader, poster, moderator, django_capture_on_commit_callbacks
):
    from accounts.tasks import send_verification_decision
    from cases.tasks import send_case_email
    from forums.tasks import send_notification_emails as notification_task

    make_thread(category=CategoryFactory(), author=poster, body="Ask @reader here")
    ids = list(Notification.objects.values_list("pk", flat=True))
    author = UserFactory(professional=True, handle="author", email="author@example.org")
    case = make_case(author)
    submit(case, author)
    with django_capture_on_commit_callbacks(execute=False):  # the test runs the tasks itself
        moderation.approve_case(case, by=moderator)
    case.refresh_from_db()
    req = verification.request_verification(reader, **REQUEST)
    with django_capture_on_commit_callbacks(execute=False):
        verification.reject_verification(req, by=moderator, reason="Blurry scan.")

    event = case.reviewed_at.isoformat()
    runs = [
        lambda: notification_task.delay(ids).get(),
        lambda: send_case_email.delay("approved", case.pk, author.pk, event).get(),
        lambda: send_verification_decision.delay(req.pk).get(),
    ]
    assert [run() for run in runs] == [1, 1, 1]
    assert [run() for run in runs] == [0, 0, 0]

    assert sorted(m.to[0] for m in mail.outbox) == [
        "author@example.org",
        "reader@example.org",
        "reader@example.org",
    ]
    rows = EmailDelivery.objects.order_by("kind")
    assert [(row.kind, row.status, row.attempts) for row in rows] == [
        ("accounts.verification_decision", EmailStatus.SENT, 1),
        ("cases.approved", EmailStatus.SENT, 1),
        ("forums.notification", EmailStatus.SENT, 1),
    ]


@pytest.mark.django_db
def test_a_case_returned_twice_gets_two_emails_but_each_return_only_one(
    moderator, django_capture_on_commit_callbacks
):
    from cases.tasks import send_case_email

    author = UserFactory(professional=True, handle="author", email="author@example.org")
    case = make_case(author)
    events = []
    for _n in range(2):
        submit(case, author)
        with django_capture_on_commit_callbacks(execute=True):
            moderation.return_case(case, by=moderator, reason="Crop the image.")
        case.refresh_from_db()
        events.append(case.reviewed_at.isoformat())
        send_case_email.delay("returned", case.pk, author.pk, events[-1]).get()  # again

    assert len(mail.outbox) == 2
    assert events[0] != events[1]
    assert EmailDelivery.objects.filter(kind="cases.returned", status=EmailStatus.SENT).count() == 2


# --- The SMTP server refuses, then takes it -------------------------------------------------


@pytest.mark.django_db
def test_a_refused_email_is_recorded_and_the_retry_sends_it_once(reader, poster, smtp_settings):
    make_thread(category=CategoryFactory(), author=poster, body="Ask @reader here")
    ids = list(Notification.objects.values_list("pk", flat=True))
    smtp_settings.refuse_next(1)

    with pytest.raises(MailNotSent):
        send_notification_emails(ids)
    row = EmailDelivery.objects.get()
    assert (row.status, row.attempts) == (EmailStatus.FAILED, 1)
    assert "451" in row.last_error
    assert smtp_settings.messages == []

    assert send_notification_emails(ids) == 1  # the retry
    assert send_notification_emails(ids) == 0  # and any later run
    assert len(smtp_settings.messages) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (EmailStatus.SENT, 2, "")


@pytest.mark.django_db
def test_an_email_in_another_workers_hands_is_left_alone_until_its_claim_goes_stale(reader):
    def once():
        return OnceEmail(
            recipient_id=reader.pk,
            kind="test.kind",
            object_id=1,
            build=lambda: mail.EmailMessage("Hi", "Body", to=[reader.email]),
        )

    row = EmailDelivery.objects.create(
        recipient=reader, kind="test.kind", object_id=1, status=EmailStatus.SENDING
    )
    with pytest.raises(MailNotSent):  # the task retries later
        send_once([once()])
    assert mail.outbox == []

    EmailDelivery.objects.filter(pk=row.pk).update(
        claimed_at=timezone.now() - STALE_CLAIM - timedelta(seconds=1)
    )
    assert send_once([once()]) == 1  # that worker died: taken over
    assert len(mail.outbox) == 1


# --- Through a real worker, with the SMTP server stopped and started again -----------------


@pytest.fixture
def extra_worker_env(smtp_server):
    return {"EMAIL_URL": f"smtp://{smtp_server.host}:{smtp_server.port}"}


@pytest.mark.django_db(transaction=True)
@pytest.mark.redis
def test_a_mention_email_arrives_once_after_the_smtp_server_was_down(
    reader, poster, smtp_server, celery_worker
):
    smtp_server.stop()
    thread = make_thread(
        category=CategoryFactory(), author=poster, title='Q&A: QT "friends"', body="Hi @reader"
    )
    log = celery_worker.log.read_text

    # The worker tried, found the server down, recorded it and waits to retry.
    _wait(
        lambda: EmailDelivery.objects.filter(status=EmailStatus.FAILED).exists(),
        seconds=30,
        log=log,
    )
    smtp_server.start()
    _wait(lambda: smtp_server.messages, seconds=120, log=log)
    time.sleep(2)  # give a wrong second delivery the chance to show

    assert len(smtp_server.messages) == 1, log()
    message = smtp_server.messages[0]
    assert message["To"] == "reader@example.org"
    assert _subject(message) == f'[Rounds] {poster.name} mentioned you in “Q&A: QT "friends"”'
    text = message.get_payload(0).get_payload(decode=True).decode()
    assert thread.get_absolute_url() in text
    row = EmailDelivery.objects.get()
    assert row.status == EmailStatus.SENT, log()
    assert row.attempts >= 2, log()
    assert row.object_id == Notification.objects.get(kind=NotificationKind.MENTION).pk


@pytest.mark.django_db(transaction=True)
@pytest.mark.redis
def test_a_case_email_refused_with_451_arrives_once_through_the_worker(
    moderator, smtp_server, celery_worker
):
    author = UserFactory(professional=True, handle="author", email="author@example.org")
    # The first case also earns "Case author", emailed apart: this test is about the case's own
    # email, so the badge's is off (tests/recognition tests the badge's).
    Preferences.objects.create(user=author, email_on_badge=False)
    case = make_case(author)
    submit(case, author)
    smtp_server.refuse_next(2)

    moderation.approve_case(case, by=moderator)
    _wait(lambda: smtp_server.messages, seconds=120, log=celery_worker.log.read_text)
    time.sleep(2)

    assert smtp_server.refused == 2
    assert len(smtp_server.messages) == 1
    assert _subject(smtp_server.messages[0]) == "[Rounds] Your case is published"
    row = EmailDelivery.objects.get(kind="cases.approved")
    assert (row.status, row.attempts) == (EmailStatus.SENT, 3)
