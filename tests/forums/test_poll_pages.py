"""A thread's poll on its page and in the composer (issue 22 part 4): visitors, members, the
suspended; the three rules for showing results; voting with and without JavaScript; the
composer's poll part with its errors; the query budget of a thread page with a poll."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client, TestCase
from django.utils import timezone

from accounts.models import AuditEntry, Preferences
from accounts.moderation import suspend_member
from forums.models import Poll, PollResults, Thread
from forums.posting import polls
from forums.selectors import common
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_pages")]

QUESTION = "First-line agent for AF rate control in the over-80s?"
OPTIONS = ("Beta blocker", "Diltiazem", "Digoxin")
FRAGMENT = {"HTTP_X_ROUNDS_FRAGMENT": "poll"}


def _poll_thread(*, replies: int = 1, **spec) -> Thread:
    author = UserFactory(handle="starter")
    thread = make_thread(author=author, title="Rate control in the very old", replies=replies)
    polls.attach_poll(
        thread=thread,
        by=author,
        spec=polls.PollSpec(question=QUESTION, options=OPTIONS, **spec),
    )
    return thread


def _poll_html(page: str) -> str:
    found = re.search(r'<section class="poll" id="poll".*?</section>', page, re.S)
    assert found, "no poll on the page"
    return found.group(0)


def _get_poll(client, thread: Thread) -> str:
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return _poll_html(response.content.decode())


def _post(client, url: str, data: dict | None = None, **headers):
    """A POST whose on-commit work runs (the shared pages it retires), as on a server."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data or {}, **headers)


def _vote(client, thread: Thread, *choices: int, **headers):
    url = f"{thread.get_absolute_url()}poll/vote/"
    return _post(client, url, {"choice": [str(c) for c in choices]}, **headers)


def test_a_thread_page_with_a_poll_costs_a_visitor_the_same_three_queries(
    client, django_assert_num_queries
):
    thread = _poll_thread(replies=common.POSTS_PER_PAGE * 3)
    polls.vote(poll=thread.poll, by=UserFactory(), choices=[1])
    url = thread.get_absolute_url()
    ContentType.objects.get_for_model(Thread)  # looked up once per process, as on a server
    with django_assert_num_queries(3):  # thread with its poll, its tags, posts with authors
        first = client.get(url)
    with django_assert_num_queries(3):
        last = client.get(f"{url}?page=4")
    poll = _poll_html(first.content.decode())
    assert QUESTION in poll
    assert "1 vote · 100%" in poll
    assert 'id="poll"' not in last.content.decode()  # on the thread's first page only
    assert len(first.context["posts"]) == common.POSTS_PER_PAGE


@pytest.mark.whole_page
def test_a_members_vote_comes_with_their_other_state_in_the_same_query(
    auth_client, user, django_assert_num_queries
):
    thread = _poll_thread(replies=common.POSTS_PER_PAGE * 3)
    polls.vote(poll=thread.poll, by=user, choices=[2])
    url = thread.get_absolute_url()
    ContentType.objects.get_for_model(Thread)
    # As tests/forums/test_member_pages.py, a thread without a poll: user, unread count,
    # thread (with its poll), tags, posts, the member's state (with their vote), read mark.
    with django_assert_num_queries(7):
        first = auth_client.get(url)
    with django_assert_num_queries(4):
        again = auth_client.get(url)
    poll = _poll_html(again.content.decode())
    assert "Your vote: <strong>Digoxin</strong>" in poll
    assert len(first.context["posts"]) == common.POSTS_PER_PAGE


def test_a_visitor_sees_the_results_and_is_asked_to_sign_in_to_vote(client):
    thread = _poll_thread()
    poll = _get_poll(client, thread)
    assert 'class="poll-results"' in poll
    assert "Sign in to vote" in poll
    assert f'/accounts/login/?next={thread.get_absolute_url()}%23poll"' in poll
    assert "<form" not in poll


def test_a_member_votes_without_javascript_and_comes_back_to_the_poll(auth_client, user):
    thread = _poll_thread()
    poll = _get_poll(auth_client, thread)
    assert 'type="radio" name="choice" value="0" id="poll-choice-0"' in poll
    assert '<label for="poll-choice-0">Beta blocker</label>' in poll

    response = _vote(auth_client, thread, 1)

    assert response.status_code == 302
    assert response["Location"] == f"{thread.get_absolute_url()}#poll"
    assert polls.own_choices(poll=thread.poll, user=user) == (1,)
    poll = _get_poll(auth_client, thread)
    assert "Your vote: <strong>Diltiazem</strong>" in poll
    assert "1 member has voted." in poll
    assert "Change your vote" in poll  # changeable until close, by default


def test_a_refused_vote_is_explained_in_the_poll_once_with_the_choices_kept(auth_client):
    thread = _poll_thread(multiple=True, max_choices=2)
    response = _vote(auth_client, thread, 0, 1, 2)
    assert response.status_code == 302
    poll = _get_poll(auth_client, thread)
    assert 'role="alert">Your vote was not counted: Choose at most 2 options.</p>' in poll
    assert poll.count(" checked>") == 3  # what they sent stays ticked
    assert 'aria-describedby="poll-error"' in poll
    assert "Your vote was not counted" not in _get_poll(auth_client, thread)
    assert thread.poll.voter_count == 0


def test_with_javascript_the_answer_is_the_poll_itself(auth_client, user):
    thread = _poll_thread()
    response = _vote(auth_client, thread, 2, **FRAGMENT)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<section class="poll" id="poll"')
    assert 'role="status" tabindex="-1">Your vote is counted.' in html
    assert "Your vote: <strong>Digoxin</strong>" in html

    refused = _vote(auth_client, thread, **FRAGMENT)
    assert refused.status_code == 400
    assert "Your vote was not counted: Choose an option before voting." in refused.content.decode()


@pytest.mark.parametrize("sent", [["x"], ["-1"], ["99999999999999999999"], ["7"]])
def test_garbage_choices_are_refused_with_a_message(auth_client, sent):
    thread = _poll_thread()
    response = _post(auth_client, f"{thread.get_absolute_url()}poll/vote/", {"choice": sent})
    assert response.status_code == 302
    assert "Choose among the poll&#x27;s options." in _get_poll(auth_client, thread)


def test_voting_is_rate_limited_like_other_small_posts(auth_client, settings, local_cache):
    settings.ROUNDS_RATE_LIMITS = {"poll_vote": "2/m/member"}
    thread = _poll_thread()
    for choice in (0, 1):
        assert _vote(auth_client, thread, choice, **FRAGMENT).status_code == 200
    refused = _vote(auth_client, thread, 2, **FRAGMENT)
    assert refused.status_code == 429
    assert "The limit is 2 votes per minute." in refused.content.decode()
    thread.poll.refresh_from_db()
    assert thread.poll.counts == [0, 1, 0]


def test_a_suspended_member_sees_the_poll_but_cannot_vote(client, moderator):
    thread = _poll_thread()
    member = UserFactory()
    suspend_member(member, by=moderator, until=timezone.now() + timedelta(days=1), reason="x")
    client.force_login(member)
    poll = _get_poll(client, thread)
    assert "You cannot vote in this thread." in poll
    assert "<form" not in poll
    assert _vote(client, thread, 0).status_code == 403


@pytest.mark.parametrize(
    ("rule", "before_voting", "after_voting"),
    [
        (PollResults.ALWAYS, True, True),
        (PollResults.VOTED, False, True),
        (PollResults.CLOSED, False, False),
    ],
)
def test_results_show_by_the_authors_rule_until_the_poll_closes(
    client, rule, before_voting, after_voting
):
    thread = _poll_thread(results=rule)
    member = UserFactory()
    client.force_login(member)
    assert ('class="poll-results"' in _get_poll(client, thread)) is before_voting
    _vote(client, thread, 0)
    assert ('class="poll-results"' in _get_poll(client, thread)) is after_voting
    client.logout()
    assert ('class="poll-results"' in _get_poll(client, thread)) is (rule == PollResults.ALWAYS)

    Poll.objects.filter(pk=thread.poll.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    # Nothing signals a close date passing: a visitor's shared page may show the poll open for
    # VISITOR_PAGE_SECONDS more (members' pages fill the poll per request: closed at once).
    cache.clear()
    poll = _get_poll(client, thread)
    assert 'class="poll-results"' in poll  # everyone, once closed
    assert "Sign in to vote" not in poll
    assert "Closed <time" in poll


def test_the_author_closes_the_poll_and_a_moderator_removes_it(client, moderator):
    thread = _poll_thread()
    client.force_login(thread.author)
    poll = _get_poll(client, thread)
    assert "Close poll now" in poll
    assert _post(client, f"{thread.get_absolute_url()}poll/close/").status_code == 302
    poll = _get_poll(client, thread)
    assert "Close poll now" not in poll
    assert "Closed <time" in poll

    client.force_login(moderator)
    response = _post(client, f"{thread.get_absolute_url()}poll/remove/", {"reason": "Leading"})
    assert response.status_code == 302
    assert not Poll.objects.filter(thread=thread).exists()
    assert AuditEntry.objects.get().action == "poll.remove"
    assert 'id="poll"' not in client.get(thread.get_absolute_url()).content.decode()


# --- the composer ------------------------------------------------------------------------------


@pytest.fixture
def forum():
    return CategoryFactory(name="Cardiology", slug="cardiology")


def _new_thread(client, forum, **poll):
    data = {
        "title": "Rate control in the very old",
        "body": "What do you start with?",
        "tags": "",
        "poll-question": QUESTION,
        "poll-options": "\n".join(OPTIONS),
        "poll-kind": "single",
        "poll-max_choices": "2",
        "poll-results": "always",
        "poll-changeable": "on",
        "poll-closes_at": "",
    }
    data |= {f"poll-{name}": value for name, value in poll.items()}
    return _post(client, f"/forums/{forum.slug}/new/", data)


def test_a_thread_starts_with_a_poll_closing_in_the_members_time_zone(auth_client, user, forum):
    Preferences.objects.create(user=user, time_zone="America/New_York")
    page = auth_client.get(f"/forums/{forum.slug}/new/").content.decode()
    assert "Add a poll" in page
    assert "In your time zone (America/New_York)." in page

    response = _new_thread(
        auth_client, forum, kind="multiple", max_choices="2", results="voted",
        closes_at="2099-03-01T09:30", changeable="",
    )  # fmt: skip

    assert response.status_code == 302
    poll = Poll.objects.get(thread__author=user)
    assert poll.question == QUESTION
    assert poll.options == list(OPTIONS)
    assert (poll.multiple, poll.max_choices, poll.results) == (True, 2, PollResults.VOTED)
    assert poll.changeable is False
    assert poll.closes_at == datetime(2099, 3, 1, 9, 30, tzinfo=ZoneInfo("America/New_York"))
    assert poll.closes_at == datetime(2099, 3, 1, 14, 30, tzinfo=ZoneInfo("UTC"))


def test_a_thread_without_poll_fields_has_no_poll(auth_client, forum):
    response = _new_thread(auth_client, forum, question="", options="")
    assert response.status_code == 302
    assert Thread.objects.filter(category=forum).count() == 1
    assert not Poll.objects.exists()


@pytest.mark.parametrize(
    ("poll", "field", "message"),
    [
        ({"options": "Only one"}, "options", "Give 2 to 20 options, one per line; this has 1."),
        ({"question": ""}, "question", "Write the poll&#x27;s question."),
        (
            {"kind": "multiple", "max_choices": "5"},
            "max_choices",
            "Allow between 1 and 3 choices (the number of options).",
        ),
        ({"closes_at": "2001-01-01T10:00"}, "closes_at", "Choose a close date in the future."),
        ({"closes_at": "tomorrow-ish"}, "closes_at", "Enter a valid date/time."),
    ],
)
def test_a_poll_that_cannot_be_asked_keeps_the_authors_text_and_names_the_field(
    auth_client, forum, poll, field, message
):
    response = _new_thread(auth_client, forum, **poll)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'<span class="errorlist" role="alert" id="id_poll-{field}_error">{message}' in page
    assert re.search(f'aria-describedby="[^"]*id_poll-{field}_error', page)
    assert '<details class="poll-fields" open>' in page
    assert 'value="Rate control in the very old"' in page
    assert "What do you start with?</textarea>" in page
    if field != "question":
        assert QUESTION in page
    assert not Thread.objects.filter(category=forum).exists()


def test_the_author_changes_and_removes_the_poll_by_editing_the_first_post(client):
    thread = _poll_thread()
    client.force_login(thread.author)
    edit = f"{thread.get_absolute_url()}1/edit/"
    page = client.get(edit).content.decode()
    assert f'value="{QUESTION}"' in page
    assert "Remove this poll and its votes" in page
    data = {
        "title": thread.title,
        "tags": "",
        "body": "Edited",
        "poll-question": QUESTION,
        "poll-options": "\n".join(OPTIONS),
        "poll-kind": "single",
        "poll-results": "closed",
    }
    assert _post(client, edit, data).status_code == 302
    assert Poll.objects.get(thread=thread).results == PollResults.CLOSED

    polls.vote(poll=Poll.objects.get(thread=thread), by=UserFactory(), choices=[0])
    refused = client.post(edit, {**data, "poll-options": "Yes\nNo", "body": "Kept text"})
    assert refused.status_code == 400
    assert "1 member has voted, so the question, options" in refused.content.decode()
    assert "Kept text</textarea>" in refused.content.decode()
    assert Poll.objects.get(thread=thread).options == list(OPTIONS)

    assert _post(client, edit, {**data, "poll-remove": "on"}).status_code == 302
    assert not Poll.objects.filter(thread=thread).exists()


def test_replies_and_moderators_edits_have_no_poll_part(client, moderator):
    thread = _poll_thread()
    client.force_login(thread.author)
    assert "poll-question" not in client.get(f"{thread.get_absolute_url()}2/edit/").content.decode()
    assert "poll-question" not in client.get(f"{thread.get_absolute_url()}reply/").content.decode()
    client.force_login(moderator)
    assert "poll-question" not in client.get(f"{thread.get_absolute_url()}1/edit/").content.decode()


def test_an_edit_sent_without_the_poll_part_leaves_the_poll_alone(client):
    thread = _poll_thread()
    client.force_login(thread.author)
    data = {"title": thread.title, "tags": "", "body": "Edited by a client with no poll part"}
    assert _post(client, f"{thread.get_absolute_url()}1/edit/", data).status_code == 302
    poll = Poll.objects.get(thread=thread)
    assert (poll.question, poll.options) == (QUESTION, list(OPTIONS))


@pytest.mark.whole_page  # shares the page itself, whatever the fixture's mode
def test_a_shared_thread_page_fills_the_members_vote_at_no_query_more(
    user, settings, local_cache, django_assert_num_queries
):
    settings.VISITOR_PAGE_SECONDS = 30
    thread = _poll_thread(replies=common.POSTS_PER_PAGE + 4, results=PollResults.VOTED)
    polls.vote(poll=thread.poll, by=user, choices=[0])
    url = thread.get_absolute_url()
    builder = UserFactory(handle="builder")
    polls.vote(poll=thread.poll, by=builder, choices=[2])
    builds = Client()
    builds.force_login(builder)
    builds.get(url)  # builds and shares the page
    reader = Client()
    reader.force_login(user)
    # As tests/forums/test_shared_thread_page.py without a poll: the member, the header's
    # unread count, the member's state (with their vote), the read mark.
    with django_assert_num_queries(4):
        page = reader.get(url).content.decode()
    with django_assert_num_queries(1):
        again = reader.get(url).content.decode()
    for html in (page, again):
        poll = _poll_html(html)
        assert "Your vote: <strong>Beta blocker</strong>" in poll
        assert "1 vote · 50%" in poll  # results shown: this member voted
        assert "Digoxin</strong>" not in poll  # the builder's vote is not theirs


def test_with_javascript_closing_answers_with_the_closed_poll(client, moderator):
    thread = _poll_thread()
    client.force_login(moderator)
    response = _post(client, f"{thread.get_absolute_url()}poll/close/", **FRAGMENT)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="status" tabindex="-1">The poll is closed.' in html
    assert "Closed <time" in html
    assert "Remove poll" in html  # the moderator may still remove it
    assert "Close poll now" not in html
    assert AuditEntry.objects.get().action == "poll.close"
