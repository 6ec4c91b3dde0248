"""The consult pages' cached rows (forums.consults.rows, issue 28): an inbox row, a message and
the reply form with the tools are kept in the cache by everything they show, so each viewer
sees their own version of a conversation, and every change shows at once, never another
member's copy."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.blocking import block_member
from accounts.moderation import suspend_member
from forums.consults import membership
from forums.consults.models import Message
from forums.consults.writing import send_message
from forums.posting import SITE, reports
from tests.consults.helpers import conversation_between, exchange, pro
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def talk(local_cache):
    doctor, member = pro(handle="dr_ada"), UserFactory(handle="sam")
    conversation = conversation_between(doctor, member, subject="A murmur", body="First words")
    exchange(conversation, [member, doctor], 4)
    return doctor, member, conversation


def _page(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return TOKEN.sub("TOKEN", response.content.decode())


def _message(html: str, number: int) -> str:
    start = html.index(f'id="m{number}"')
    return html[start : html.index("</li>", start)]


def test_a_page_from_the_cache_is_the_page_rendered_fresh(client, talk, local_cache):
    doctor, member, conversation = talk
    for user in (doctor, member):
        for url in (conversation.get_absolute_url(), reverse("forums:consults")):
            _page(client, user, url)  # nothing is unread after a first visit: later ones agree
            local_cache.clear()
            fresh = _page(client, user, url)
            assert _page(client, user, url) == fresh


def test_each_participant_sees_their_own_version_of_a_message(client, talk):
    doctor, member, conversation = talk
    mine = _message(_page(client, doctor, conversation.get_absolute_url()), 1)
    theirs = _message(_page(client, member, conversation.get_absolute_url()), 1)
    assert "Report" not in mine  # the doctor wrote message 1
    assert reverse("forums:consult_report", args=[conversation.pk, 1]) in theirs
    assert "First words" in mine
    assert "First words" in theirs


def test_new_messages_are_marked_new_until_read(client, talk):
    doctor, member, conversation = talk
    url = conversation.get_absolute_url()
    _page(client, member, url)
    send_message(conversation=conversation, by=doctor, body="Another look", origin=SITE)
    number = conversation.messages.count()
    assert "badge-unread" in _message(_page(client, member, url), number)
    assert "badge-unread" not in _message(_page(client, member, url), number)


def test_a_blocked_authors_messages_are_folded_for_the_blocker_only(client, talk):
    doctor, member, conversation = talk
    url = conversation.get_absolute_url()
    before = _message(_page(client, member, url), 1)
    assert "blocked-message" not in before
    block_member(blocker=member, blocked=doctor)
    after = _message(_page(client, member, url), 1)
    assert "A message from a member you blocked" in after
    assert "Quote" not in after
    assert "blocked-message" not in _message(_page(client, doctor, url), 2)


def test_the_reporter_sees_the_outcome_of_their_report(client, talk, mfa_moderator):
    doctor, member, conversation = talk
    url = conversation.get_absolute_url()
    assert "report-outcome" not in _message(_page(client, member, url), 1)
    report = reports.report_content(
        Message.objects.get(conversation=conversation, number=1), by=member, reason="abusive"
    )
    assert "moderators will look at it" in _message(_page(client, member, url), 1)
    assert "report-outcome" not in _message(_page(client, doctor, url), 1)
    reports.resolve_report(report, by=mfa_moderator, note="Warned the author")
    assert "moderators acted on it" in _message(_page(client, member, url), 1)


def test_a_suspended_participant_reads_without_the_form_or_quotes(client, talk, moderator):
    _doctor, member, conversation = talk
    url = conversation.get_absolute_url()
    assert 'id="reply"' in _page(client, member, url)
    suspend_member(member, by=moderator, until=timezone.now() + timedelta(days=2), reason="Spam")
    page = _page(client, member, url)
    assert 'id="reply"' not in page
    assert "?quote=" not in page
    assert "You cannot send messages now" in page


def test_the_tools_follow_the_archive_and_a_quote_fills_the_form(client, talk):
    _doctor, member, conversation = talk
    url = conversation.get_absolute_url()
    assert "Move back to the inbox" not in _page(client, member, url)
    membership.set_archived(conversation=conversation, by=member, archived=True)
    assert "Move back to the inbox" in _page(client, member, url)
    quoted = _page(client, member, f"{url}?quote=1")
    assert "&gt; First words" in quoted
    assert "&gt; First words" not in _page(client, member, url)


def test_the_inbox_row_follows_messages_names_and_the_reader(client, talk):
    doctor, member, conversation = talk
    inbox = reverse("forums:consults")
    _page(client, member, conversation.get_absolute_url())
    row = _page(client, member, inbox)
    assert "unread" not in row.split('class="conversation-list"')[1]
    assert "@dr_ada" in row
    assert "@sam" not in row.split('class="conversation-list"')[1]
    send_message(conversation=conversation, by=doctor, body="And now?", origin=SITE)
    assert "1 unread" in _page(client, member, inbox)
    _page(client, member, conversation.get_absolute_url())  # read: only the count moves
    assert "unread" not in _page(client, member, inbox).split('class="conversation-list"')[1]
    doctor.display_name = "Ada Lovelace"
    doctor.save(update_fields=["display_name"])
    assert "Ada Lovelace" in _page(client, member, inbox)
    # The doctor's own row names the member, with nothing unread for them.
    theirs = _page(client, doctor, inbox).split('class="conversation-list"')[1]
    assert "@sam" in theirs
    assert "@dr_ada" not in theirs
    assert "unread" not in theirs


def test_a_message_whose_author_is_no_participant_still_knows_the_readers_block(client, talk):
    """Every author is or was a participant; should a row be gone, the page asks on its own."""
    _doctor, member, conversation = talk
    third = UserFactory(handle="kim")
    Message.objects.filter(conversation=conversation, number=2).update(author=third)
    block_member(blocker=member, blocked=third)
    page = _page(client, member, conversation.get_absolute_url())
    assert "A message from a member you blocked" in _message(page, 2)
    assert "blocked-message" not in _message(page, 1)
