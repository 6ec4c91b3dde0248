"""The shared case pages (``cases.pages.browse.CaseListPage`` and ``CasePage``), filled with a
member's own parts, are the pages that member gets rendered whole: for plain readers, voters
(of each option), repliers, the case's author, authors of unpublished cases, members with a
case hidden by a privacy flag, moderators, suspended and unverified members; on a case with a
quiz before and after the reveal, a case without one, a page of replies after the first, and
filtered pages of the list. tests/forums/test_shared_member_pages.py sends the case pages here
(``ELSEWHERE``)."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.moderation import suspend_member
from cases import authoring, moderation, quiz
from cases.models import Case
from cases.pages.browse import CASE_LIST, CASE_PAGE
from forums.posting import create_reply
from forums.selectors.common import POSTS_PER_PAGE
from forums.sharing.own_pages import own_pages_changed
from tests.cases.conftest import make_case, publish, submit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


class World:
    def __init__(self, author, moderator) -> None:
        self.author, self.moderator = author, moderator
        self.quiz = publish(make_case(author, title="Syncope with a quiz"), author, moderator)
        authoring.set_quiz(
            self.quiz, by=author, options=["HOCM", "Long QT", "WPW"], correct=0, explanation="E"
        )
        self.revealed = publish(make_case(author, title="Revealed one"), author, moderator)
        authoring.set_quiz(self.revealed, by=author, options=["A", "B"], correct=1, explanation="")
        self.plain = publish(make_case(author, title="No quiz here"), author, moderator)
        repliers = UserFactory.create_batch(2, professional=True)
        at = timezone.now() - timedelta(hours=3)
        for i in range(POSTS_PER_PAGE + 3):
            create_reply(thread=self.quiz.thread, author=repliers[i % 2], body=f"Reply {i}", at=at)
        voter = UserFactory(professional=True)
        quiz.vote(self.revealed, by=voter, option=self.revealed.quiz_options.get(text="B"))

    def reveal(self) -> None:
        """After the member's votes."""
        quiz.reveal_diagnosis(self.revealed, by=self.author)

    def urls(self) -> list[str]:
        detail = self.quiz.get_absolute_url()
        return [
            "/cases/",
            "/cases/?specialty=cardiology&tag=ecg&sort=active",
            "/cases/?profession=astronaut&status=unanswered",
            detail,
            f"{detail}?page=2",
            self.revealed.get_absolute_url(),
            self.plain.get_absolute_url(),
        ]


def _plain(w: World):
    return UserFactory(handle="plain", professional=True)


def _voter(w: World):
    member = UserFactory(handle="voter", professional=True)
    quiz.vote(w.quiz, by=member, option=w.quiz.quiz_options.get(text="Long QT"))
    quiz.vote(w.revealed, by=member, option=w.revealed.quiz_options.get(text="A"))
    return member


def _replier(w: World):
    member = UserFactory(handle="replier", professional=True)
    create_reply(thread=w.plain.thread, author=member, body="My own reply")
    return member


def _case_author(w: World):
    return w.author


def _drafter(w: World):
    member = UserFactory(handle="drafter", professional=True)
    make_case(member, title="My draft")
    return member


def _flagged_author(w: World):
    member = UserFactory(handle="flagged", professional=True)
    hidden = publish(make_case(member, title="Hidden of mine"), member, w.moderator)
    moderation.flag_case(hidden, by=w.author, reason="A rare job is named")
    return member


def _moderator(w: World):
    return w.moderator


def _suspended(w: World):
    member = UserFactory(handle="suspended", professional=True)
    suspend_member(member, by=w.moderator, until=timezone.now() + timedelta(days=2), reason="x")
    return member


def _unverified(w: World):
    return UserFactory(handle="unverified")


MEMBERS = {
    "plain": _plain,
    "voter": _voter,
    "replier": _replier,
    "case_author": _case_author,
    "drafter": _drafter,
    "flagged_author": _flagged_author,
    "moderator": _moderator,
    "suspended": _suspended,
    "unverified": _unverified,
}
SERVED_SHARED = {"plain", "voter", "replier", "drafter", "flagged_author"}


def _get(member, url: str) -> tuple[int, str]:
    client = Client()
    client.force_login(member)
    response = client.get(url)
    return response.status_code, TOKEN.sub("TOKEN", response.content.decode())


@pytest.mark.parametrize("kind", sorted(MEMBERS))
def test_the_filled_case_pages_are_the_pages_rendered_whole(
    kind, author, moderator, settings, local_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        world = World(author, moderator)
        member = MEMBERS[kind](world)
        world.reveal()
    builder = UserFactory(handle="builder", professional=True)
    for url in world.urls():
        settings.VISITOR_PAGE_SECONDS = 30
        assert _get(builder, url)[0] == 200  # builds the shared copy
        shared = _get(member, url)
        settings.VISITOR_PAGE_SECONDS = 0
        whole = _get(member, url)
        assert shared[0] == whole[0], url
        if whole[0] != 200:
            assert kind == "unverified"
            assert "/cases/?" not in url
            continue
        assert "\x00" not in shared[1]
        assert f"@{member.handle}" in shared[1]
        assert "@builder" not in shared[1]
        assert shared[1] == whole[1], url


@pytest.mark.parametrize("kind", sorted(SERVED_SHARED))
def test_members_are_served_the_shared_pages_with_one_query_of_their_own(
    kind, author, moderator, settings, local_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        world = World(author, moderator)
        member = MEMBERS[kind](world)
        world.reveal()
    settings.VISITOR_PAGE_SECONDS = 30
    builder = UserFactory(handle="builder", professional=True)
    client = Client()
    client.force_login(member)
    for url in world.urls():
        assert _get(builder, url)[0] == 200
        client.get(url)  # the member's header counts, cached
        own_pages_changed([member.pk])  # as their next write would: their state is read again
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        with CaptureQueriesContext(connection) as kept:
            again = client.get(url)
        assert TOKEN.sub("", again.content.decode()) == TOKEN.sub("", response.content.decode())
        assert len(kept) == 0, "then the member's state is kept (forums.sharing.own_pages)"
        sql = " ".join(q["sql"] for q in queries.captured_queries)
        # The member's own unpublished cases (the list) or vote (a quiz), the user and the
        # header's counts coming from the cache (accounts.sessions): nothing of the case, its
        # replies or the list's rows
        own = {
            "/cases/": "FROM cases_case",
            world.quiz.get_absolute_url(): "FROM cases_quizvote",
            world.plain.get_absolute_url(): None,  # no quiz: nothing to read
        }
        expected = own.get(url.split("?")[0], "")
        assert len(queries) == (0 if expected is None else 1), (url, sql)
        assert "forums_post" not in sql, url
        assert "taggit" not in sql, url
        assert expected is None or expected in sql, url


def test_the_declared_case_pages_are_served_by_the_case_views():
    assert CASE_LIST.url_name == "cases:list"
    assert CASE_PAGE.url_name == "cases:detail"


def test_a_case_hidden_by_a_flag_leaves_the_shared_pages_at_once(
    author, moderator, reader, settings, local_cache, django_capture_on_commit_callbacks
):
    settings.VISITOR_PAGE_SECONDS = 30
    with django_capture_on_commit_callbacks(execute=True):
        case = publish(make_case(author, title="Soon hidden"), author, moderator)
    other = UserFactory(professional=True)
    assert _get(other, case.get_absolute_url())[0] == 200
    assert "Soon hidden" in _get(other, "/cases/")[1]
    with django_capture_on_commit_callbacks(execute=True):
        moderation.flag_case(case, by=reader, reason="A rare job is named")
    assert _get(other, case.get_absolute_url())[0] == 404
    assert "Soon hidden" not in _get(other, "/cases/")[1]
    assert Case.objects.get(pk=case.pk).is_hidden


def test_a_timed_reveal_shows_on_the_shared_page_when_its_time_comes(
    author, moderator, settings, local_cache, django_capture_on_commit_callbacks
):
    settings.VISITOR_PAGE_SECONDS = 30
    with django_capture_on_commit_callbacks(execute=True):
        case = publish(make_case(author, title="Timed"), author, moderator)
        authoring.set_quiz(
            case,
            by=author,
            options=["A", "B"],
            correct=0,
            explanation="",
            reveal_at=timezone.now() + timedelta(seconds=1),
        )
    other = UserFactory(professional=True)
    assert "correct answer" not in _get(other, case.get_absolute_url())[1]
    # The time passes and nothing retires the shared copy: the page shows the answer.
    time.sleep(1.1)
    assert "correct answer" in _get(other, case.get_absolute_url())[1]


def test_a_moderators_decision_shows_on_the_authors_case_list_at_once(
    author, moderator, settings, local_cache, django_capture_on_commit_callbacks
):
    """The author's own cases are kept for them with the shared list (``keeps_state``): a
    return by a moderator retires them."""
    settings.VISITOR_PAGE_SECONDS = 30
    with django_capture_on_commit_callbacks(execute=True):
        publish(make_case(author, title="Published one"), author, moderator)
        waiting = make_case(author, title="Waiting one")
        submit(waiting, author)
    builder = UserFactory(handle="builder", professional=True)
    assert _get(builder, "/cases/")[0] == 200
    client = Client()
    client.force_login(author)
    client.get("/cases/")
    before = client.get("/cases/").content.decode()
    assert "Waiting one" in before
    with django_capture_on_commit_callbacks(execute=True):
        moderation.return_case(waiting, by=moderator, reason="Please remove the date")
    after = client.get("/cases/").content.decode()
    assert TOKEN.sub("", after) != TOKEN.sub("", before)
    settings.VISITOR_PAGE_SECONDS = 0
    assert TOKEN.sub("", after) == TOKEN.sub("", client.get("/cases/").content.decode())
