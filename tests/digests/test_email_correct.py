"""Emails say what they mean, read back as written, and name the site (issue 23, "Wrong"):
subjects and display names as written in a real mail reader (no escaping, no leading space),
no empty "()", links and Message-IDs in the site's domain, and allauth's emails in the site's
name and design. Read through a real SMTP server and the standard library's mail parser."""

from __future__ import annotations

import email
import email.policy
import subprocess
from pathlib import Path

import pytest
from django.core import mail

from cases import moderation
from tests.cases.conftest import make_case, submit
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
NAME = 'O\'Brien & "Co" <Cardio>'
TITLE = 'Q&A: QT "friends" <sotalol>'


def _parsed(message):
    """A message as a mail reader sees it (the modern policy decodes headers)."""
    return email.message_from_bytes(message.as_bytes(), policy=email.policy.default)


def _parts(message) -> list[str]:
    return [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]


def test_subject_and_display_name_arrive_as_written_with_no_leading_space(
    smtp_settings, django_capture_on_commit_callbacks
):
    UserFactory(handle="reader", email="reader@example.org", display_name="Reader")
    poster = UserFactory(handle="poster", display_name=NAME, professional=True)
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(category=CategoryFactory(), author=poster, title=TITLE, body="Hi @reader")

    (received,) = smtp_settings.messages
    parsed = _parsed(received)
    assert parsed["Subject"] == f"[Rounds] {NAME} mentioned you in “{TITLE}”"
    text, html = _parts(parsed)
    assert f"{NAME} mentioned you in “{TITLE}”." in text
    assert "&amp;" not in text
    assert "&quot;" not in text
    assert "O'Brien &amp; " in html  # HTML escapes
    assert "&lt;Cardio&gt;" in html


def test_an_ascii_subject_is_not_folded_or_spaced_either(
    smtp_settings, moderator, django_capture_on_commit_callbacks
):
    author = UserFactory(professional=True, handle="author", email="author@example.org")
    case = make_case(author)
    submit(case, author)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve_case(case, by=moderator)

    # The case's email, and the "Case author" badge's (tests/digests/email_kinds.py)
    subjects = sorted(_parsed(received)["Subject"] for received in smtp_settings.messages)
    assert subjects == [
        "[Rounds] You earned the badge “Case author”",
        "[Rounds] Your case is published",
    ]


@pytest.mark.parametrize("decision", ["approve", "return"])
def test_case_decision_emails_have_no_empty_parentheses(
    decision, moderator, smtp_settings, django_capture_on_commit_callbacks
):
    author = UserFactory(professional=True, handle="author", email="author@example.org")
    case = make_case(author)
    submit(case, author)
    with django_capture_on_commit_callbacks(execute=True):
        if decision == "approve":
            moderation.approve_case(case, by=moderator)
        else:
            moderation.return_case(case, by=moderator, reason="Crop the image.")

    assert smtp_settings.messages  # approved: the badge "Case author" too, checked alike
    for received in smtp_settings.messages:
        parsed = _parsed(received)
        for text in [parsed["Subject"], parsed["From"], *_parts(parsed)]:
            assert "()" not in text
            assert "( )" not in text


def test_links_and_message_ids_use_the_site_url_and_its_domain(
    settings, smtp_settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://rounds.example.org"
    UserFactory(handle="reader", email="reader@example.org", display_name="Reader")
    poster = UserFactory(handle="poster", professional=True)
    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(category=CategoryFactory(), author=poster, body="Hi @reader")

    (received,) = smtp_settings.messages
    parsed = _parsed(received)
    assert parsed["Message-ID"].endswith("@rounds.example.org>")
    assert f"https://rounds.example.org{thread.get_absolute_url()}" in _parts(parsed)[0]
    assert "127.0.0.1" not in received.as_string()


def test_make_run_points_links_at_the_address_it_serves():
    dry_run = subprocess.run(
        ["make", "-n", "run", "HOST=127.0.0.1", "PORT=8101"],  # noqa: S607 - make on the PATH
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    served = [line for line in dry_run.stdout.splitlines() if "runserver" in line]
    assert served == [
        "SITE_URL=http://127.0.0.1:8101 .venv/bin/python manage.py runserver 127.0.0.1:8101"
    ]


def test_allauth_emails_name_the_site_and_use_the_site_design(
    client, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://rounds.example.org"
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "handle": "newbie",
            "display_name": "New Person",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
        HTTP_HOST="127.0.0.1:8101",
        SERVER_PORT="8101",
    )
    assert response.status_code == 302

    (message,) = mail.outbox
    parsed = _parsed(message.message())
    assert parsed["Subject"].startswith("[Rounds] ")
    text, html = _parts(parsed)
    assert "Hello from Rounds!" in text
    assert "rounds.example.org" in text
    assert "Hello from 127.0.0.1" not in text
    assert "Thank you for using 127.0.0.1" not in text
    assert parsed["Message-ID"].endswith("@rounds.example.org>")
    assert parsed["Auto-Submitted"] == "auto-generated"
    # The HTML part is the site's base template around allauth's text, links clickable.
    assert 'name="color-scheme"' in html
    assert ">Rounds</a>" in html
    assert "Hello from Rounds!" in html
    # The confirmation link goes where the request came from (allauth builds it).
    link = next(word for word in text.split() if "/accounts/confirm-email/" in word)
    assert f'href="{link}"' in html
