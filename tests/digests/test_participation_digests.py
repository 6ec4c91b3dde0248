"""The digest sections of issue 24 (parts 4 and 5a) through the real digest builder
(``send_digests``): the monthly "thank you" naming the most helpful colleagues per specialty
(members who opted out of the directory left out, no thread or case named), and unanswered
case studies in the member's specialty, counted, never titled, only those they may read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from accounts.models import Profile, Specialty, User
from cases.models import Case
from forums.mail import digests
from forums.models import Reaction, Thread
from forums.posting import SITE, create_reply
from forums.posting.following import follow_category
from forums.posting.reactions import react_to_post
from tests.cases.conftest import make_case, publish
from tests.digests.conftest import subscribe
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

MONTH_START = datetime(2026, 11, 1, 7, 0, tzinfo=UTC)  # a digest on the 1st of a month


def _colleague(handle: str, specialty: Specialty, *, listed: bool) -> User:
    member = UserFactory(handle=handle, display_name=f"Dr {handle.capitalize()}")
    Profile.objects.create(user=member, specialty=specialty, listed_in_directory=listed)
    return member


def _marks(post, count: int, *, at: datetime) -> None:
    for _ in range(count):
        react_to_post(post, by=UserFactory())
    Reaction.objects.filter(post=post).update(created_at=at)


def _with_news(subscriber, now):
    """Something new in a followed forum, so the digest goes (the thanks are not news)."""
    forum = CategoryFactory(name="Ward talk", slug="ward-talk")
    follow_category(forum, user=subscriber)
    thread = make_thread(category=forum, author=UserFactory(), title="Handover sheets")
    Thread.objects.filter(pk=thread.pk).update(created_at=now - timedelta(hours=2))


def _only_message():
    (message,) = mail.outbox
    return message.body, message.alternatives[0][0]


def test_the_first_digest_of_a_month_thanks_last_months_most_helpful_listed_colleagues():
    now = MONTH_START
    cardiology = Specialty.objects.get_or_create(
        slug="cardiology", defaults={"name": "Cardiology"}
    )[0]
    neurology = Specialty.objects.get_or_create(slug="neurology", defaults={"name": "Neurology"})[0]
    subscriber = subscribe(UserFactory(handle="reader", email="reader@example.org"), now)
    Profile.objects.create(user=subscriber, specialty=cardiology)
    listed = _colleague("heart", cardiology, listed=True)
    hidden = _colleague("shy", cardiology, listed=False)  # opted out of the directory
    brain = _colleague("brain", neurology, listed=True)  # not the reader's specialty
    thread = make_thread(author=UserFactory(), title="A thread title never in the thanks")
    last_month = now - timedelta(days=3)
    for author, count in ((listed, 3), (hidden, 5), (brain, 4)):
        post = create_reply(thread=thread, author=author, body="Useful answer", origin=SITE)
        _marks(post, count, at=last_month)
    older = create_reply(thread=thread, author=hidden, body="Old", origin=SITE)
    _marks(older, 2, at=now - timedelta(days=60))
    _with_news(subscriber, now)

    digests.send_digests("daily", now=now)

    text, html = _only_message()
    section = text.split("Thank you, colleagues", 1)[1].split("Most active threads")[0]
    assert "Cardiology: Dr Heart (3 helpful marks)" in section
    assert "Dr Shy" not in text + html
    assert "Dr Brain" not in text + html
    assert "A thread title never in the thanks" not in section
    assert f"/u/{listed.handle}/" in html


def test_the_thanks_come_once_a_month_and_never_alone():
    cardiology = Specialty.objects.get_or_create(
        slug="cardiology", defaults={"name": "Cardiology"}
    )[0]
    listed = _colleague("heart", cardiology, listed=True)
    post = create_reply(
        thread=make_thread(author=UserFactory()), author=listed, body="x", origin=SITE
    )
    _marks(post, 3, at=MONTH_START - timedelta(days=3))
    # The 1st, with nothing else new: no email for the thanks alone.
    lonely = subscribe(UserFactory(handle="lonely", email="lonely@example.org"), MONTH_START)
    Profile.objects.create(user=lonely, specialty=cardiology)
    digests.send_digests("daily", now=MONTH_START)
    assert mail.outbox == []
    # The 2nd, with news: the window (1st, 2nd] opens no month, so no thanks.
    second = MONTH_START + timedelta(days=1)
    later = subscribe(UserFactory(handle="later", email="later@example.org"), second)
    Profile.objects.create(user=later, specialty=cardiology)
    _with_news(later, second)
    digests.send_digests("daily", now=second)
    body = "".join(m.body for m in mail.outbox if m.to == [later.email])
    assert body
    assert "Thank you, colleagues" not in body


@pytest.fixture
def cardiology_case(db, moderator):
    author = UserFactory(professional=True, handle="author", email="author@example.org")
    case = publish(make_case(author, title="Syncope in a marathon runner"), author, moderator)
    Case.objects.filter(pk=case.pk).update(specialty="cardiology")
    return case


@pytest.mark.parametrize("verified", [True, False])
def test_unanswered_cases_are_counted_for_members_who_may_read_them(cardiology_case, verified):
    now = datetime.now(tz=UTC) + timedelta(minutes=1)
    cardiology = Specialty.objects.get_or_create(
        slug="cardiology", defaults={"name": "Cardiology"}
    )[0]
    member = UserFactory(handle="reader", email="reader@example.org", professional=verified)
    subscribe(member, now)
    Profile.objects.create(user=member, specialty=cardiology)
    Case.objects.filter(pk=cardiology_case.pk).update(published_at=now - timedelta(hours=25))
    _with_news(member, now)

    digests.send_digests("daily", now=now)

    text, html = _only_message()
    heading = "Case studies waiting for an answer in your specialty"
    if verified:
        assert "Cardiology: 1 case without a reply" in text
        assert "status=unanswered" in html
    else:  # a member who is not a verified professional may not read the case
        assert heading not in text
    assert "Syncope" not in text + html  # never a case's title (also the suite's email scan)
