"""Emails worth opening (issue 23, "Useful"): reply and mention emails quote the post where the
forum is open to everyone or to every member, never a case's discussion nor a verified-only
forum; the digest groups new threads by forum with excerpts by the same rule, and lists what is
unanswered in the member's specialty. The suite's email scan (tests/email_scan.py) checks
after each test that no case text went out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from accounts.models import Profile, Specialty, User
from cases.discussion import post_case_reply
from forums.mail import digests
from forums.mail.excerpts import EXCERPT_CHARS, plain_text
from forums.models import Thread, Visibility
from forums.posting import create_reply
from forums.posting.following import follow_category
from tests.cases.conftest import make_case, publish
from tests.digests.email_kinds import without_badges
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

LONG = (
    "**Start** with the ECG: look for [delta waves](https://example.org/ecg) and a short PR. "
    + "Then think about the accessory pathway and what the QRS width tells you. " * 8
)


def _only_message():
    (message,) = mail.outbox
    return message, message.body, message.alternatives[0][0]


def test_a_reply_email_quotes_the_post_as_plain_text_cut_near_300_characters(
    subscriber, poster, forum, django_capture_on_commit_callbacks
):
    thread = make_thread(category=forum, author=subscriber, title="Pre-excitation")
    with django_capture_on_commit_callbacks(execute=True):
        create_reply(thread=thread, author=poster, body=LONG)

    _message, text, html = _only_message()
    assert "> Start with the ECG: look for delta waves and a short PR." in text
    assert "**" not in text
    assert "https://example.org/ecg" not in text  # the words, not the markup
    quoted = " ".join(
        line.removeprefix("> ") for line in text.splitlines() if line.startswith("> ")
    )
    assert quoted.endswith("…")
    assert EXCERPT_CHARS - 40 <= len(quoted) <= EXCERPT_CHARS
    assert '<blockquote class="excerpt"' in html
    assert "Start with the ECG: look for delta waves" in html


def test_the_excerpt_leaves_out_quoted_posts_and_code():
    html = (
        "<blockquote><p>What the other member said</p></blockquote>"
        "<p>My answer &amp; more</p><pre><code>x = 1</code></pre><p>End</p>"
    )
    assert plain_text(html) == "My answer & more End"


def test_a_verified_only_forum_is_named_and_linked_but_never_quoted(
    subscriber, poster, django_capture_on_commit_callbacks
):
    closed = CategoryFactory(name="Verified corner", visibility=Visibility.VERIFIED)
    reader = UserFactory(handle="vreader", email="vreader@example.org", professional=True)
    thread = make_thread(category=closed, author=reader, title="Closed question")
    with django_capture_on_commit_callbacks(execute=True):
        create_reply(thread=thread, author=poster, body="A verified-only answer that stays.")

    (message,) = [m for m in mail.outbox if m.to == ["vreader@example.org"]]
    assert "replied to your thread “Closed question”" in message.body
    assert "verified-only answer" not in message.body
    assert "verified-only answer" not in message.alternatives[0][0]


def test_a_case_discussion_reply_email_says_who_and_where_and_quotes_nothing(
    moderator, django_capture_on_commit_callbacks
):
    author = UserFactory(professional=True, handle="author", email="author@example.org")
    replier = UserFactory(professional=True, handle="replier", display_name="Replier")
    with django_capture_on_commit_callbacks(execute=True):  # its emails go now, as on the site
        case = publish(make_case(author), author, moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_case_reply(case, by=replier, body="Quillfeather settled after the third bolus.")
    # The replier's "First responder" badge is an email of its own (tests/digests/email_kinds)
    mail.outbox[:] = without_badges(mail.outbox)

    message, text, html = _only_message()
    assert message.subject == "[Rounds] Replier replied in the discussion of your case"
    assert "Quillfeather" not in text + html
    assert "> " not in text
    assert "excerpt" not in html.split("</style>", 1)[1]
    assert f"/t/{case.thread_id}-case/" in text


def test_the_digest_groups_new_threads_by_forum_with_excerpts_by_the_same_rule(
    subscriber, poster, now
):
    User.objects.filter(pk=subscriber.pk).update(professional_verified_until=now + timedelta(30))
    subscriber.refresh_from_db()
    first = CategoryFactory(name="Arrhythmia", slug="arrhythmia")
    second = CategoryFactory(name="Valves", slug="valves")
    closed = CategoryFactory(name="Verified corner", visibility=Visibility.VERIFIED)
    for forum in (first, second, closed):
        follow_category(forum, user=subscriber)
    make_thread(category=second, author=poster, title="TAVI or SAVR", body="Frail, 84, **AS**.")
    make_thread(category=first, author=poster, title="Wide QRS", body="Regular at 180 bpm.")
    make_thread(category=first, author=poster, title="AF and WPW", body="Procainamide first?")
    make_thread(category=closed, author=poster, title="Closed one", body="Stays on the site.")

    digests.send_digests("daily", now=now)

    _message, text, html = _only_message()
    arrhythmia, valves = text.index("\nArrhythmia\n"), text.index("\nValves\n")
    assert arrhythmia < text.index("AF and WPW") < text.index("Wide QRS") < valves
    assert valves < text.index("TAVI or SAVR")
    assert "  Frail, 84, AS." in text
    assert "Procainamide first?" in html
    assert ">Arrhythmia</h3>" in html
    assert "Closed one" in text  # named and linked, not quoted
    assert "Stays on the site." not in text + html


def test_the_digest_lists_unanswered_threads_in_the_members_specialty(
    subscriber, poster, forum, now
):
    cardiology = Specialty.objects.create(name="Electrophysiology", slug="electrophysiology")
    Profile.objects.update_or_create(user=subscriber, defaults={"specialty": cardiology})
    # Unanswered: no reply UNANSWERED_AFTER_HOURS (24) after it opened, crossed in the window.
    waiting = now - timedelta(hours=25)
    unanswered = make_thread(
        category=forum, author=poster, title="Unanswered ablation", tags=["electrophysiology"]
    )
    answered = make_thread(
        category=forum, author=poster, title="Answered ablation", tags=["electrophysiology"]
    )
    create_reply(thread=answered, author=UserFactory(), body="Here is an answer.")
    other = make_thread(category=forum, author=poster, title="Other field", tags=["dermatology"])
    fresh = make_thread(
        category=forum, author=poster, title="Asked an hour ago", tags=["electrophysiology"]
    )
    old = make_thread(category=forum, author=poster, title="Old one", tags=["electrophysiology"])
    Thread.objects.filter(pk__in=[unanswered.pk, answered.pk, other.pk]).update(created_at=waiting)
    Thread.objects.filter(pk=fresh.pk).update(created_at=now - timedelta(hours=1))
    Thread.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=3))

    digests.send_digests("daily", now=now)

    _message, text, html = _only_message()
    section = text.split("Unanswered in your specialty", 1)[1].split("Most active threads")[0]
    assert "Unanswered ablation" in section
    assert "Some text" in section  # the opening post's excerpt
    for absent in ("Answered ablation", "Other field", "Old one", "Asked an hour ago"):
        assert absent not in section
    assert "Unanswered in your specialty" in html
