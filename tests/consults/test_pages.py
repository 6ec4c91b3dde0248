"""The private consult pages: the inbox, a conversation, starting one, replying, the header's
count, search of one's own messages and blocking (issue 25)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.blocking import has_blocked
from forums.consults.models import Conversation, Message, Participant
from forums.consults.selectors import INBOX_PAGE_SIZE, MESSAGES_PAGE_SIZE
from forums.consults.writing import start_conversation
from forums.posting import SITE
from tests.consults.helpers import conversation_between, exchange, pro
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def doctor():
    return pro(handle="dr_ada")


@pytest.fixture
def member():
    return UserFactory(handle="sam")


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_profile_offers_a_message_and_a_block(client, doctor, member):
    page = signed_in(client, doctor).get(reverse("accounts:profile", args=[member.handle]))
    html = page.content.decode()
    assert f"{reverse('forums:consult_new')}?to=sam" in html
    assert reverse("forums:consult_block", args=["sam"]) in html


def test_ask_privately_under_a_post_fills_in_the_author_and_a_link_not_the_text(
    client, doctor, member
):
    thread = make_thread(author=member, title="Odd ECG", body="The secret words of the post")
    post = thread.posts.get(number=1)
    page = signed_in(client, doctor).get(f"{reverse('forums:consult_new')}?post={post.pk}")
    html = page.content.decode()
    assert 'value="sam"' in html
    assert post.get_absolute_url() in html
    assert "The secret words" not in html


def test_starting_a_conversation_opens_it(client, doctor, member):
    response = signed_in(client, doctor).post(
        reverse("forums:consult_new"),
        {"to": "@sam", "subject": "Your ECG question", "body": "Can I show you **this**?"},
    )
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == conversation.get_absolute_url()
    page = client.get(response["Location"])
    assert "<strong>this</strong>" in page.content.decode()


def test_a_refused_start_names_the_field_and_keeps_the_text(client, member):
    other = UserFactory(handle="bo")
    response = signed_in(client, member).post(
        reverse("forums:consult_new"), {"to": "bo nobody_here", "subject": "Hi", "body": "Kept"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "@nobody_here" in html
    assert "Kept</textarea>" in html
    response = client.post(
        reverse("forums:consult_new"), {"to": "bo", "subject": "Hi", "body": "Kept"}
    )
    assert response.status_code == 400
    assert "once they follow you" in response.content.decode()
    assert not other.consults.exists()


def test_the_scanner_lists_findings_to_fix_or_keep(client, doctor, member):
    body = "Mr John Smith, MRN 12345678, seen on 12/03/2024."
    data = {"to": "sam", "subject": "A patient", "body": body}
    response = signed_in(client, doctor).post(reverse("forums:consult_new"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'name="keep_reason"' in html
    assert "12345678" in html
    assert not Conversation.objects.exists()
    keys = [key for key in _values(html, "keep_key")]
    kept = {**data, "keep_key": keys, "keep_reason": ["Consented"] * len(keys)}
    assert client.post(reverse("forums:consult_new"), kept).status_code == 302
    assert Message.objects.get().kept_findings


def test_apply_the_suggested_changes_rewrites_the_text_for_review(client, doctor, member):
    data = {
        "to": "sam",
        "subject": "A patient",
        "body": "Seen on 12/03/2024 at noon.",
        "apply": "1",
    }
    response = signed_in(client, doctor).post(reverse("forums:consult_new"), data)
    assert response.status_code == 200
    assert "12/03/2024" not in response.content.decode()
    assert not Conversation.objects.exists()


def _values(html: str, name: str) -> list[str]:
    import html as html_module
    import re

    return [
        html_module.unescape(value) for value in re.findall(rf'name="{name}" value="([^"]*)"', html)
    ]


def test_a_reply_and_a_quote(client, doctor, member):
    conversation = conversation_between(doctor, member, body="First words here")
    signed_in(client, member)
    page = client.get(f"{conversation.get_absolute_url()}?quote=1")
    assert "&gt; [" in page.content.decode()
    assert "First words here" in page.content.decode()
    response = client.post(
        reverse("forums:consult_reply", args=[conversation.pk]), {"body": "Thanks @dr_ada"}
    )
    assert response.status_code == 302
    message = Message.objects.get(number=2)
    assert 'href="/u/dr_ada/"' in message.html


def test_an_empty_reply_names_the_field(client, doctor, member):
    conversation = conversation_between(doctor, member)
    response = signed_in(client, member).post(
        reverse("forums:consult_reply", args=[conversation.pk]), {"body": ""}
    )
    assert response.status_code == 400
    assert "Write your message." in response.content.decode()


def test_reading_a_conversation_marks_it_read_and_clears_the_header(client, doctor, member):
    conversation = conversation_between(doctor, member)
    signed_in(client, member)
    home = client.get("/").content.decode()
    assert "1 conversation with unread messages" in home
    client.get(conversation.get_absolute_url())
    assert Participant.objects.get(user=member).unread == 0
    assert "conversation with unread messages" not in client.get("/").content.decode()


def test_nobody_else_sees_a_conversation(client, doctor, member):
    conversation = conversation_between(doctor, member)
    outsider = UserFactory()
    assert signed_in(client, outsider).get(conversation.get_absolute_url()).status_code == 404


def test_search_finds_only_ones_own_conversations(client, doctor, member):
    conversation_between(doctor, member, body="Troponin kinetics after cardioversion")
    other = pro()
    conversation_between(other, UserFactory(), body="Troponin in sepsis")
    page = signed_in(client, member).get(reverse("forums:consult_search"), {"q": "troponin"})
    html = page.content.decode()
    assert "cardioversion" in html
    assert "sepsis" not in html
    site = client.get(reverse("forums:search"), {"q": "troponin"}).content.decode()
    assert "cardioversion" not in site


def test_blocking_from_the_profile(client, doctor, member):
    response = signed_in(client, member).post(reverse("forums:consult_block", args=["dr_ada"]))
    assert response.status_code == 302
    assert has_blocked(blocker_id=member.pk, blocked_id=doctor.pk)
    client.post(reverse("forums:consult_block", args=["dr_ada"]), {"action": "unblock"})
    assert not has_blocked(blocker_id=member.pk, blocked_id=doctor.pk)


def test_the_inbox_costs_the_same_whatever_it_holds(
    client, doctor, django_assert_num_queries, local_cache
):
    for _ in range(INBOX_PAGE_SIZE + 3):
        start_conversation(
            by=doctor, recipients=[UserFactory(), UserFactory()], subject="Q", body="B", origin=SITE
        )
    signed_in(client, doctor)
    client.get(reverse("forums:consults"))  # the session and header counts are cached now
    with django_assert_num_queries(INBOX_QUERIES):
        page = client.get(reverse("forums:consults"))
    assert page.content.decode().count('class="conversation-row') == INBOX_PAGE_SIZE
    assert "Older conversations" in page.content.decode()


# The member's row is not re-read (a session snapshot is cached): one query, the page of
# participant rows with their conversations' subjects and the other participants of each (2
# before the others came with the rows).
INBOX_QUERIES = 1


def test_a_long_conversation_is_paged_at_a_fixed_cost(
    client, doctor, member, django_assert_num_queries, local_cache
):
    conversation = conversation_between(doctor, member)
    exchange(conversation, [doctor, member], MESSAGES_PAGE_SIZE + 10)
    signed_in(client, member)
    client.get(conversation.get_absolute_url())
    with django_assert_num_queries(CONVERSATION_QUERIES):
        page = client.get(conversation.get_absolute_url())
    html = page.content.decode()
    assert html.count('<li class="pm') == MESSAGES_PAGE_SIZE
    assert "Earlier messages" in html
    earlier = client.get(f"{conversation.get_absolute_url()}?before=12")
    assert earlier.content.decode().count('<li class="pm') == 11
    assert "Later messages" in earlier.content.decode()


# The participant row with its conversation and the conversation's people (the viewer's blocks
# among them), the page of messages with their authors and the viewer's reports on them (5
# before the people, the blocks and the reports came with those two).
CONVERSATION_QUERIES = 2


def test_conversations_never_reach_site_search_feeds_or_digests(client, doctor, member):
    from datetime import timedelta

    from django.utils import timezone

    from forums.mail import digests

    conversation_between(doctor, member, subject="Vasovagal syncope", body="Tilt table findings")
    client.force_login(member)
    for url in ("/search/?q=tilt", "/search/?q=vasovagal", "/feeds/latest/rss/", "/"):
        page = client.get(url).content.decode()
        assert "Tilt table" not in page
        assert "Vasovagal syncope" not in page
    now = timezone.now() + timedelta(minutes=1)
    window = digests.Window(user=member, since=now - timedelta(days=2), until=now)
    built = digests.build_digests([window]).get(member.pk)
    assert "Tilt table" not in repr(built)
    assert "Vasovagal" not in repr(built)
