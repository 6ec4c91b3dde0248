"""Reply by email (issue 23): a forum thread's notification carries a signed Reply-To;
``python manage.py process_reply_mail MAILDIR`` posts what comes back as that member through
the same checks and service as the site, without the quoted history and signature, and answers
a refusal by email. Case discussions never get a Reply-To."""

from __future__ import annotations

import mailbox
import time
from email.message import EmailMessage

import pytest
from django.core import mail
from django.core.management import call_command

from cases.discussion import post_case_reply
from forums.mail.replies import make_token, read_token
from forums.models import Post, Thread
from tests.cases.conftest import make_case, publish
from tests.digests.email_kinds import without_badges
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db

ANSWER = "Refer now: the EP study settles it.\n\nBest,\nSam"


@pytest.fixture(autouse=True)
def reply_address(settings):
    settings.REPLY_EMAIL = "reply@rounds.example.org"


def _answer(notification, *, sender: str, text: str) -> bytes:
    reply = EmailMessage()
    reply["From"] = sender
    reply["To"] = notification.reply_to[0]
    reply["Subject"] = f"Re: {notification.subject}"
    reply["Message-ID"] = "<answer-1@mail.example.org>"
    quoted = "\n".join(f"> {line}" for line in notification.body.splitlines())
    reply.set_content(f"{text}\n\n-- \nDr Sam Rivera\n\nOn Mon, Rounds wrote:\n{quoted}\n")
    return reply.as_bytes()


def _process(tmp_path, raw: bytes):
    box = mailbox.Maildir(tmp_path / "replies", create=True)
    box.add(raw)
    call_command("process_reply_mail", str(tmp_path / "replies"))
    assert list(box.keys()) == []


def test_a_reply_by_email_is_posted_as_the_member_without_quote_or_signature(
    tmp_path, subscriber, poster, forum, django_capture_on_commit_callbacks
):
    thread = make_thread(category=forum, author=subscriber, title="Short PR after SVT")
    with django_capture_on_commit_callbacks(execute=True):
        from forums.posting import create_reply

        create_reply(thread=thread, author=poster, body="What would you do?")
    (notification,) = mail.outbox
    assert notification.reply_to[0].startswith("reply+")
    assert notification.reply_to[0].endswith("@rounds.example.org")
    assert "Reply to this email to post your answer" in notification.body
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        _process(tmp_path, _answer(notification, sender="reader@example.org", text=ANSWER))

    post = Post.objects.filter(thread=thread).latest("number")
    assert post.author == subscriber
    assert post.source == ANSWER
    assert "Dr Sam Rivera" not in post.source
    assert "What would you do?" not in post.source
    assert Thread.objects.get(pk=thread.pk).post_count == 3


def test_a_refused_reply_is_answered_by_email_with_the_text_kept(
    tmp_path, subscriber, poster, forum, django_capture_on_commit_callbacks
):
    thread = make_thread(category=forum, author=subscriber, title="Locked soon")
    with django_capture_on_commit_callbacks(execute=True):
        from forums.posting import create_reply

        create_reply(thread=thread, author=poster, body="Closing this.")
    (notification,) = mail.outbox
    mail.outbox.clear()
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)

    _process(tmp_path, _answer(notification, sender="reader@example.org", text=ANSWER))

    assert Post.objects.filter(thread=thread).count() == 2
    (refusal,) = mail.outbox
    assert refusal.to == ["reader@example.org"]
    assert "was not posted" in refusal.subject
    assert "no longer takes replies" in refusal.body
    assert refusal.extra_headers["In-Reply-To"] == "<answer-1@mail.example.org>"


def test_a_forged_sender_or_an_altered_token_posts_nothing(
    tmp_path, subscriber, poster, forum, django_capture_on_commit_callbacks
):
    thread = make_thread(category=forum, author=subscriber)
    token = make_token(subscriber, thread)
    assert read_token(token).thread_id == thread.pk
    assert read_token(token[:-1] + ("0" if token[-1] != "0" else "1")) is None
    assert read_token(token, now=time.time() + 400 * 24 * 3600) is None

    with django_capture_on_commit_callbacks(execute=True):
        from forums.posting import create_reply

        create_reply(thread=thread, author=poster, body="A question for you.")
    (notification,) = mail.outbox
    mail.outbox.clear()
    _process(tmp_path, _answer(notification, sender="mallory@example.org", text="Spam"))
    assert Post.objects.filter(thread=thread).count() == 2
    assert mail.outbox == []


def test_case_discussion_emails_carry_no_reply_to(moderator, django_capture_on_commit_callbacks):
    author = UserFactory(professional=True, handle="author", email="author@example.org")
    with django_capture_on_commit_callbacks(execute=True):  # its emails go now, as on the site
        case = publish(make_case(author), author, moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_case_reply(case, by=UserFactory(professional=True), body="A thought on the ECG.")
    (message,) = without_badges(mail.outbox)  # the replier's "First responder" apart
    assert message.reply_to == []
    assert "Reply to this email" not in message.body
