"""Polls reach digests only as the link to their thread (issue 22 part 4): a digest lists the
thread as it lists any other, and says nothing of the poll's question, options or counts."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from forums.mail import digests
from forums.posting import polls
from forums.posting.following import follow_category
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db

QUESTION = "Would you anticoagulate a CHA2DS2-VASc of one?"
OPTIONS = ("Always anticoagulate", "Never anticoagulate", "Shared decision")


def test_a_thread_with_a_poll_is_in_the_digest_as_its_link_only(subscriber, poster, forum, now):
    follow_category(forum, user=subscriber)
    thread = make_thread(category=forum, author=poster, title="AF in a 40-year-old")
    poll = polls.attach_poll(
        thread=thread, by=poster, spec=polls.PollSpec(question=QUESTION, options=OPTIONS)
    )
    polls.vote(poll=poll, by=UserFactory(), choices=[2])

    run = digests.send_digests("daily", now=now)

    assert run.sent == 1
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    # What a reader sees of the HTML part: its text, not the base template's CSS ("width: 100%").
    shown = re.sub(r"<style.*?</style>|<[^>]+>", " ", html, flags=re.S)
    for body in (message.body, html):
        assert "AF in a 40-year-old" in body
        assert thread.get_absolute_url() in body
    for body in (message.body, shown):
        for text in (QUESTION, *OPTIONS, "1 vote", "100%"):
            assert text not in body
