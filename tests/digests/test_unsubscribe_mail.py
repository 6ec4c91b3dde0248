"""The mailto half of List-Unsubscribe: mail clients send "unsubscribe <token>" to
UNSUBSCRIBE_EMAIL; the mail server files it in a Maildir or mbox and a command applies it."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from io import StringIO
from urllib.parse import unquote

import pytest
from django.core.management import call_command

from accounts.models import DigestFrequency, Preferences
from accounts.unsubscribe import unsubscribe_headers

pytestmark = pytest.mark.django_db


def _reply_to_mailto(user, scope: str, *, prefix: str = "") -> EmailMessage:
    """What a mail client sends for the mailto in our List-Unsubscribe header."""
    header = unsubscribe_headers(user, scope=scope)["List-Unsubscribe"]
    mailto = header.split(", ")[1].strip("<>")
    address, query = mailto.removeprefix("mailto:").split("?subject=")
    message = EmailMessage()
    message["From"] = user.email
    message["To"] = address
    message["Subject"] = prefix + unquote(query)
    return message


def _forged(subject: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    return message


def test_unsubscribe_mails_in_a_maildir_are_applied_once_and_removed(tmp_path, subscriber):
    box = mailbox.Maildir(tmp_path / "unsubscribe")
    box.add(_reply_to_mailto(subscriber, "digest"))
    box.add(_reply_to_mailto(subscriber, "notifications", prefix="Re: "))
    box.add(_forged("unsubscribe eyJ1IjoxfQ:forged:signature"))
    box.add(_forged("Hello, please call me"))
    out = StringIO()

    call_command("process_unsubscribe_mail", str(tmp_path / "unsubscribe"), stdout=out)

    prefs = Preferences.objects.get(user=subscriber)
    assert prefs.digest_frequency == DigestFrequency.OFF
    assert (prefs.email_on_mention, prefs.email_on_reply) == (False, False)
    assert prefs.email_on_review  # no mail asked for that
    assert "Done: applied 2, ignored 2" in out.getvalue()
    assert len(mailbox.Maildir(tmp_path / "unsubscribe")) == 0


def test_an_mbox_is_read_and_a_second_run_changes_nothing(tmp_path, subscriber):
    path = tmp_path / "unsubscribe.mbox"
    box = mailbox.mbox(path)
    box.add(_reply_to_mailto(subscriber, "review"))
    box.flush()
    out = StringIO()

    call_command("process_unsubscribe_mail", str(path), stdout=out)
    call_command("process_unsubscribe_mail", str(path), stdout=out)

    prefs = Preferences.objects.get(user=subscriber)
    assert not prefs.email_on_review
    assert prefs.digest_frequency == DigestFrequency.DAILY
    assert out.getvalue().count("Done: applied 1, ignored 0") == 2


def test_the_mailto_goes_to_the_unsubscribe_address_when_one_is_set(settings, subscriber):
    settings.UNSUBSCRIBE_EMAIL = "unsubscribe@rounds.example"

    header = unsubscribe_headers(subscriber)["List-Unsubscribe"]

    assert "<mailto:unsubscribe@rounds.example?subject=unsubscribe%20" in header
