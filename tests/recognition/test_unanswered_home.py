"""Against unequal participation (issue 24, part 5): "Unanswered in your specialty" on the
home page (threads and cases with no reply ``UNANSWERED_AFTER_HOURS`` after they opened, only
what the member may read) and the gentle prompt to members who read often but never posted
(at most once a week, can be turned off)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Preferences, Profile, Specialty
from cases.models import Case
from forums.models import Thread, ThreadState, Visibility
from forums.participation import PROMPT_EVERY, READS_NEEDED
from forums.posting import SITE, create_reply
from tests.cases.conftest import make_case, publish
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

PROMPT = "A colleague is waiting for an answer"
SECTION = "Unanswered in your specialty"


@pytest.fixture
def cardiology(db):
    return Specialty.objects.get_or_create(slug="cardiology", defaults={"name": "Cardiology"})[0]


@pytest.fixture
def forum(db):
    return CategoryFactory(name="Cardiology", slug="cardiology")


def _member(specialty, **kwargs):
    member = UserFactory(**kwargs)
    Profile.objects.create(user=member, specialty=specialty)
    return member


def _waiting(thread_or_case, hours=25):
    moment = timezone.now() - timedelta(hours=hours)
    if isinstance(thread_or_case, Case):
        Case.objects.filter(pk=thread_or_case.pk).update(published_at=moment)
    else:
        Thread.objects.filter(pk=thread_or_case.pk).update(created_at=moment)


def test_the_home_page_lists_threads_waiting_for_a_reply_in_the_members_specialty(
    client, cardiology, forum
):
    member = _member(cardiology)
    poster = UserFactory()
    waiting = make_thread(category=forum, author=poster, title="Waiting since yesterday")
    answered = make_thread(category=forum, author=poster, title="Answered already")
    create_reply(thread=answered, author=UserFactory(), body="An answer", origin=SITE)
    fresh = make_thread(category=forum, author=poster, title="Asked an hour ago")
    mine = make_thread(category=forum, author=member, title="My own question")
    tagged = make_thread(author=poster, title="Tagged cardiology", tags=["cardiology"])
    elsewhere = make_thread(author=poster, title="Another specialty", tags=["dermatology"])
    for thread in (waiting, answered, mine, tagged, elsewhere):
        _waiting(thread)
    _waiting(fresh, hours=1)
    client.force_login(member)
    html = client.get("/").content.decode()
    section = html.split(SECTION, 1)[1].split("</section>")[0]
    assert "Waiting since yesterday" in section
    assert "Tagged cardiology" in section
    for absent in ("Answered already", "Asked an hour ago", "My own question", "Another"):
        assert absent not in section


def test_the_number_of_hours_is_a_setting(client, settings, cardiology, forum):
    member = _member(cardiology)
    _waiting(make_thread(category=forum, author=UserFactory(), title="Three hours"), hours=3)
    client.force_login(member)
    assert SECTION not in client.get("/").content.decode()
    settings.UNANSWERED_AFTER_HOURS = 2
    section = client.get("/").content.decode().split(SECTION, 1)[1].split("</section>")[0]
    assert "Three hours" in section


def test_members_without_a_specialty_and_visitors_get_no_section(client, forum):
    _waiting(make_thread(category=forum, author=UserFactory(), title="Waiting"))
    assert SECTION not in client.get("/").content.decode()
    client.force_login(UserFactory())
    assert SECTION not in client.get("/").content.decode()


def test_a_verified_only_case_never_reaches_an_unverified_member(client, cardiology, moderator):
    author = UserFactory(professional=True)
    case = publish(make_case(author, title="Syncope in a marathon runner"), author, moderator)
    Case.objects.filter(pk=case.pk).update(specialty="cardiology")
    _waiting(case)
    closed = CategoryFactory(slug="cardiology-verified", visibility=Visibility.VERIFIED)
    secret = make_thread(category=closed, author=author, title="Verified talk", tags=["cardiology"])
    _waiting(secret)
    unverified = _member(cardiology)
    verified = _member(cardiology, professional=True)
    client.force_login(unverified)
    html = client.get("/").content.decode()
    assert "Syncope in a marathon runner" not in html
    assert "Verified talk" not in html
    client.force_login(verified)
    section = client.get("/").content.decode().split(SECTION, 1)[1].split("</section>")[0]
    assert "Syncope in a marathon runner" in section
    assert "Verified talk" in section
    assert case.get_absolute_url() in section


def test_the_section_costs_a_fixed_number_of_queries_with_more_rows_than_it_shows(
    client, cardiology, forum, moderator
):
    author = UserFactory(professional=True)
    for i in range(8):
        _waiting(make_thread(category=forum, author=author, title=f"Thread {i}"))
        case = publish(make_case(author, title=f"Case {i}"), author, moderator)
        Case.objects.filter(pk=case.pk).update(specialty="cardiology")
        _waiting(case)
    reader = _member(cardiology, professional=True)
    Profile.objects.filter(user=reader).update(contributions=3)  # no prompt to read for
    client.force_login(reader)
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    # The page's own five (latest threads, their tags, the most active, read states; the
    # newest cases), then these sections' three: the member's facts (contributions, prompt
    # preferences, specialties: one query), the threads, the cases. 8 threads and 8 cases
    # wait: the section shows 5.
    assert len(captured.captured_queries) == 8
    sections = [q["sql"] for q in captured.captured_queries[4:7]]
    assert "contributions" in sections[0]
    assert "followed_specialties" in sections[0]
    assert '"post_count" <= 1' in sections[1]
    assert '"forums_thread"' in sections[1]
    assert sections[2].startswith('SELECT "cases_case"')
    (section,) = [s for s in response.context["home_sections"] if "hours" in s.context]
    assert len(section.context["items"]) == 5


def _reader(cardiology, reads=READS_NEEDED):
    member = _member(cardiology)
    for _ in range(reads):
        ThreadState.objects.create(user=member, thread=make_thread(), last_read_number=1)
    return member


def test_a_member_who_reads_but_never_posted_is_prompted_once_a_week(client, cardiology, forum):
    _waiting(make_thread(category=forum, author=UserFactory(), title="Help with this ECG"))
    member = _reader(cardiology)
    client.force_login(member)
    html = client.get("/").content.decode()
    prompt = html.split(PROMPT, 1)[1].split("</aside>")[0]
    assert "Help with this ECG" in prompt
    assert PROMPT not in client.get("/").content.decode()  # shown: the week starts now
    Preferences.objects.filter(user=member).update(
        participation_prompted_at=timezone.now() - PROMPT_EVERY - timedelta(minutes=1)
    )
    assert PROMPT in client.get("/").content.decode()


@pytest.mark.parametrize("who", ["posted", "reads_little", "turned_off", "nothing_waiting"])
def test_no_prompt_for_those_it_is_not_for(client, cardiology, forum, who):
    if who != "nothing_waiting":
        _waiting(make_thread(category=forum, author=UserFactory(), title="Help with this ECG"))
    member = _reader(cardiology, reads=READS_NEEDED - 1 if who == "reads_little" else READS_NEEDED)
    if who == "posted":
        create_reply(thread=make_thread(), author=member, body="My first reply", origin=SITE)
    if who == "turned_off":
        Preferences.objects.create(user=member, participation_prompts=False)
    client.force_login(member)
    assert PROMPT not in client.get("/").content.decode()


def test_the_prompt_is_turned_off_in_settings(client, cardiology, forum):
    _waiting(make_thread(category=forum, author=UserFactory(), title="Help with this ECG"))
    member = _reader(cardiology)
    client.force_login(member)
    form = client.get("/settings/preferences/").content.decode()
    assert 'name="participation_prompts"' in form
    response = client.post(
        "/settings/preferences/",
        {"digest_frequency": "weekly", "digest_hour": "7", "time_zone": "UTC"},
    )
    assert response.status_code == 302
    assert Preferences.objects.get(user=member).participation_prompts is False
    assert PROMPT not in client.get("/").content.decode()
