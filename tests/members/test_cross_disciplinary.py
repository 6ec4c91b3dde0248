"""Cross-disciplinary (issue 24, parts 5b and 6): profession and specialty beside names on
posts and case replies, "7 colleagues from 3 professions" on threads and cases (kept on the
thread row by the posting services), and lists filtered by the professions taking part
(``?profession=``), indexed and in an exact number of queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from accounts.models import Profile
from cases import authoring
from cases import moderation as case_moderation
from cases.discussion import post_case_reply
from cases.selectors import CASES_PER_PAGE
from forums.models import Thread
from forums.posting import SITE, create_reply
from forums.posting.moderation import hide_post
from forums.selectors import common
from tests.cases.conftest import CASE_VALUES
from tests.factories import CategoryFactory, UserFactory, make_thread
from tests.members.helpers import listed

pytestmark = pytest.mark.django_db


@pytest.fixture
def nurse(db):
    return listed(handle="nurse", profession="nurse", specialty="cardiology", professional=True)


@pytest.fixture
def pharmacist(db):
    return listed(handle="pharm", profession="pharmacist", specialty="neurology", professional=True)


@pytest.fixture
def doctor(db):
    return listed(handle="doctor", profession="physician", specialty="neurology", professional=True)


def publish_case(author, moderator, **values):
    case = authoring.create_case(
        author=author, values={**CASE_VALUES, **values}, tags=["ecg"], origin=SITE
    )
    authoring.submit_case(case, by=author, consent_basis="patient", attest=True)
    return case_moderation.approve_case(case, by=moderator)


def test_a_thread_counts_who_took_part_from_which_professions(
    client, nurse, pharmacist, doctor, moderator
):
    thread = make_thread(author=doctor, title="Levetiracetam and mood")
    create_reply(thread=thread, author=pharmacist, body="Watch for irritability.")
    create_reply(thread=thread, author=pharmacist, body="And sleep.")  # still one colleague
    reply = create_reply(thread=thread, author=nurse, body="Patients tell us first.")
    create_reply(thread=thread, author=UserFactory(), body="No profile yet.")
    thread.refresh_from_db()
    assert thread.participant_count == 4
    assert thread.participant_professions == ["nurse", "pharmacist", "physician"]
    assert len(thread.participant_specialties) == 2
    html = client.get(f"/t/{thread.pk}-{thread.slug}/").content.decode()
    assert "4 colleagues from 3 professions and 2 specialties took part" in html
    # A post a moderator hides no longer makes its author a participant.
    hide_post(reply, by=moderator)
    thread.refresh_from_db()
    assert (thread.participant_count, thread.participant_professions) == (
        3,
        ["pharmacist", "physician"],
    )


def test_posts_show_profession_and_specialty_beside_the_name_in_the_same_queries(
    client, nurse, doctor, django_assert_num_queries
):
    thread = make_thread(author=doctor, title="A question", replies=common.POSTS_PER_PAGE + 3)
    create_reply(thread=thread, author=nurse, body="A nurse's answer.")
    url = f"/t/{thread.pk}-{thread.slug}/"
    client.get(url)
    with django_assert_num_queries(3):  # thread, its tags, posts with authors and profiles
        first = client.get(url).content.decode()
    author = re.search(r'id="post-1-author" class="author">(.*?)</span>\s*<a', first, re.S)
    assert "Physician · Neurology" in author.group(1)
    assert 'class="member-role-inline"' in author.group(1)
    with django_assert_num_queries(3):
        last = client.get(url + "?page=2").content.decode()
    assert "Nurse · Cardiology" in last


def test_case_replies_show_profession_and_specialty_and_who_took_part(
    client, nurse, doctor, pharmacist, moderator
):
    case = publish_case(nurse, moderator)
    post_case_reply(case, by=doctor, body="Consider an ICD.", kept={})
    post_case_reply(case, by=pharmacist, body="Beta-blockers first?", kept={})
    client.force_login(doctor)
    html = client.get(case.get_absolute_url()).content.decode()
    discussion = html[html.index('class="case-discussion"') :]
    assert "3 colleagues from 3 professions and 2 specialties took part" in discussion
    assert "Physician · Neurology" in discussion
    assert "Pharmacist · Neurology" in discussion
    # The case list says it too, from the joined thread row.
    assert "3 colleagues from 3 professions" in client.get("/cases/").content.decode()


@pytest.mark.usefixtures("shared_pages")
def test_a_forum_page_filters_by_a_profession_taking_part_in_fixed_queries(
    client, nurse, doctor, django_assert_num_queries
):
    forum = CategoryFactory(slug="neurology")
    with_nurse = []
    for i in range(common.THREADS_PER_PAGE + 5):
        thread = make_thread(category=forum, author=doctor, title=f"Nursed {i}")
        create_reply(thread=thread, author=nurse, body="From the ward.", origin=SITE)
        with_nurse.append(thread.pk)
    for i in range(4):
        make_thread(category=forum, author=doctor, title=f"Doctors only {i}", replies=1)
    with django_assert_num_queries(4):  # forum, its sub-forums, threads, tags
        response = client.get("/forums/neurology/?profession=nurse")
    html = response.content.decode()
    assert "Doctors only" not in html
    assert 'option value="nurse" selected' in html
    found = re.findall(r">Nursed (\d+)<", html)
    assert len(found) == common.THREADS_PER_PAGE
    older = re.search(r'rel="next" href="\?profession=nurse&amp;before=([\d.]+)"', html)
    assert older, "the next page keeps the filter"
    with django_assert_num_queries(4):
        second = client.get(f"/forums/neurology/?profession=nurse&before={older[1]}")
    rest = re.findall(r">Nursed (\d+)<", second.content.decode())
    assert len(rest) == 5
    assert "Doctors only" not in second.content.decode()
    assert len(set(found + rest)) == len(with_nurse)
    # Everyone else's filter: the page answers, shows everything, and names the field.
    odd = client.get("/forums/neurology/?profession=%3Cscript%3Ex")
    assert odd.status_code == 200
    text = odd.content.decode()
    assert "Professions taking part: “&lt;script&gt;x” is not one of the choices" in text
    assert "<script>x" not in text
    assert "Doctors only" in text
    assert (
        "No threads with a member of that profession"
        in client.get("/forums/neurology/?profession=student").content.decode()
    )


def test_the_case_list_filters_by_a_profession_taking_part_in_fixed_queries(
    client, nurse, doctor, pharmacist, moderator, django_assert_num_queries
):
    for i in range(CASES_PER_PAGE + 3):
        case = publish_case(doctor, moderator, title=f"Discussed {i}")
        post_case_reply(case, by=pharmacist, body="Check the interactions.", kept={})
    for i in range(2):
        publish_case(doctor, moderator, title=f"Quiet {i}")
    # A hidden case with a pharmacist's reply never shows, filtered or not.
    hidden = publish_case(doctor, moderator, title="Hidden one")
    post_case_reply(hidden, by=pharmacist, body="Hmm.", kept={})
    case_moderation.flag_case(hidden, by=nurse, reason="Names the ward.")
    client.force_login(nurse)
    client.get("/cases/")
    # cases (+author, thread; one extra row, no COUNT), tags, the reader's own unpublished
    # cases (the user and the unread count now come from the session cache): as unfiltered
    with django_assert_num_queries(3):
        response = client.get("/cases/?profession=pharmacist")
    titles = [case.title for case in response.context["cases"]]
    assert len(titles) == CASES_PER_PAGE
    assert all(title.startswith("Discussed") for title in titles)
    assert response.context["page"].has_next
    with django_assert_num_queries(3):
        second = client.get("/cases/?profession=pharmacist&page=2")
    assert [c.title for c in second.context["cases"]] == [
        "Discussed 2",
        "Discussed 1",
        "Discussed 0",
    ]
    assert "profession=pharmacist&amp;page=1" in second.content.decode()
    # The author's profession counts: every case here was written by a physician.
    assert len(client.get("/cases/?profession=physician").context["cases"]) == CASES_PER_PAGE
    assert client.get("/cases/?profession=nurse").context["cases"] == []
    odd = client.get("/cases/?profession=surgeon")
    assert odd.status_code == 200
    assert "Professions taking part: “surgeon” is not one of the choices" in odd.content.decode()
    assert len(odd.context["cases"]) == CASES_PER_PAGE


def test_the_profession_filter_reads_its_index(db, doctor):
    """The GIN index on ``Thread.participant_professions`` serves a filter on a rare
    profession (the planner is told to avoid a sequential scan, as at scale it would)."""
    forum = CategoryFactory()
    make_thread(category=forum, author=doctor)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Thread.objects.filter(participant_professions__contains=["nurse"]).explain()
    assert "forums_thread_professions" in plan, plan


def test_a_new_post_adds_its_author_once_in_one_statement(
    nurse, doctor, moderator, django_assert_num_queries
):
    thread = make_thread(author=doctor, replies=3)
    before = Thread.objects.get(pk=thread.pk)
    assert (before.participant_count, before.participant_professions) == (1, ["physician"])
    create_reply(thread=thread, author=nurse, body="Joining in.")
    create_reply(thread=thread, author=nurse, body="Again.")
    thread.refresh_from_db()
    assert (thread.participant_count, thread.participant_professions) == (
        2,
        ["nurse", "physician"],
    )
    assert len(thread.participant_specialties) == 2
    # A profession changed later shows once a moderation counts the thread again (what a
    # member was when they took part stays until then).
    Profile.objects.filter(user=doctor).update(profession="allied")
    create_reply(thread=thread, author=doctor, body="Still me.")
    thread.refresh_from_db()
    assert thread.participant_professions == ["nurse", "physician"]
    hide_post(thread.posts.get(number=2), by=moderator)
    thread.refresh_from_db()
    assert thread.participant_professions == ["allied", "nurse"]


def test_a_member_who_deletes_their_account_and_posts_no_longer_takes_part(nurse, doctor):
    from accounts.deletion import delete_account

    thread = make_thread(author=doctor)
    create_reply(thread=thread, author=nurse, body="Mine.")
    delete_account(nurse, keep_posts=False)
    thread.refresh_from_db()
    assert (thread.participant_count, thread.participant_professions) == (1, ["physician"])
