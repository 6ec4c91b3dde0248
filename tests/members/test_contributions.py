"""Contributions on profiles (issue 24, part 3): counted at the services (and views) that make
them, by month, from published content only, read by the profile in one query and drawn as
a server-side chart with a text alternative."""

from __future__ import annotations

import importlib
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from accounts.activity import CHART_MONTHS, member_contributions
from accounts.models import MemberActivity
from cases import authoring
from cases import moderation as case_moderation
from cases.contributions import recount_authors
from cases.discussion import post_case_reply
from forums.models import Post
from forums.posting import SITE, create_reply, create_thread, delete_post
from forums.posting.activity import recount_members
from forums.posting.moderation import hide_post, hide_thread, unhide_post, unhide_thread
from forums.posting.reactions import accept_answer, react_to_post, remove_reaction, unaccept_answer
from tests.cases.conftest import CASE_VALUES
from tests.factories import CategoryFactory, UserFactory, make_thread
from tests.members.helpers import listed

pytestmark = pytest.mark.django_db


def counts(member) -> dict[str, int]:
    return {line.key: line.count for line in member_contributions(member_id=member.pk).lines}


def rows(*members) -> set[tuple]:
    """Every activity row of these members, zero rows left out (a recount writes none)."""
    return set(
        MemberActivity.objects.filter(user__in=members)
        .exclude(count=0)
        .values_list("user_id", "month", "kind", "area", "count")
    )


def publish_case(author, moderator, **values):
    case = authoring.create_case(
        author=author, values={**CASE_VALUES, **values}, tags=["ecg"], origin=SITE
    )
    authoring.submit_case(case, by=author, consent_basis="patient", attest=True)
    return case_moderation.approve_case(case, by=moderator)


@pytest.fixture
def nurse(db):
    return listed(handle="nurse", profession="nurse", specialty="cardiology", professional=True)


@pytest.fixture
def doctor(db):
    return listed(handle="doctor", profession="physician", specialty="neurology", professional=True)


def test_each_kind_is_counted_by_the_service_that_makes_it(nurse, doctor, moderator):
    thread = make_thread(author=doctor, title="Warfarin and cranberry juice?")
    assert counts(doctor)["thread"] == 1
    reply = create_reply(thread=thread, author=nurse, body="Not clinically relevant.")
    second = create_reply(thread=thread, author=nurse, body="But check the INR.")
    assert counts(nurse)["reply"] == 2
    assert react_to_post(reply, by=doctor)
    assert not react_to_post(reply, by=doctor)  # once per member
    assert counts(nurse)["helpful"] == 1
    remove_reaction(reply, by=doctor)
    assert counts(nurse)["helpful"] == 0
    accept_answer(reply, by=doctor)
    assert counts(nurse)["accepted"] == 1
    accept_answer(second, by=doctor)  # a new answer replaces the first: still one
    assert counts(nurse)["accepted"] == 1
    accept_answer(second, by=doctor)  # accepting it again changes nothing
    assert counts(nurse)["accepted"] == 1
    unaccept_answer(thread, by=doctor)
    assert counts(nurse)["accepted"] == 0
    # Cases: shared when published (not when written or submitted), the outcome once.
    case = authoring.create_case(author=nurse, values=CASE_VALUES, origin=SITE)
    authoring.submit_case(case, by=nurse, consent_basis="patient", attest=True)
    assert counts(nurse)["case"] == 0
    case = case_moderation.approve_case(case, by=moderator)
    assert counts(nurse)["case"] == 1
    assert counts(nurse)["thread"] == 0  # its discussion's opening is the case, not a thread
    authoring.post_outcome(case, by=nurse, text="He stopped competitive running.")
    authoring.post_outcome(case, by=nurse, text="He stopped running; no further syncope.")
    assert counts(nurse)["outcome"] == 1
    # A reply in the case's discussion counts in the case's specialty.
    post_case_reply(case, by=doctor, body="Agree with restricting exercise.", kept={})
    assert counts(doctor)["reply"] == 1
    assert member_contributions(member_id=doctor.pk).areas == [("Cardiology", 1)]
    assert member_contributions(member_id=nurse.pk).areas == [("Cardiology", 2)]


def test_the_pages_count_what_members_post_through_them(client, nurse, doctor):
    forum = CategoryFactory(slug="pharmacology")
    client.force_login(doctor)
    response = client.post(
        "/forums/pharmacology/new/",
        {"title": "Apixaban dosing in renal failure", "body": "What do you use?", "tags": ""},
    )
    assert response.status_code == 302
    thread = forum.threads.get()
    client.force_login(nurse)
    base = f"/t/{thread.pk}-{thread.slug}/"
    assert client.post(base + "reply/", {"body": "We follow the SmPC."}).status_code == 302
    client.force_login(doctor)
    assert client.post(base + "2/react/").status_code == 302
    assert client.post(base + "2/accept/").status_code == 302
    assert counts(doctor)["thread"] == 1
    assert counts(nurse) | {"case": 0} == {
        "case": 0,
        "outcome": 0,
        "thread": 0,
        "reply": 1,
        "helpful": 1,
        "accepted": 1,
    }


def test_what_a_moderator_hides_stops_counting_and_comes_back(nurse, doctor, moderator):
    thread = make_thread(author=doctor)
    reply = create_reply(thread=thread, author=nurse, body="An answer.")
    react_to_post(reply, by=doctor)
    accept_answer(reply, by=doctor)
    hide_post(reply, by=moderator, reason="Rude")
    assert counts(nurse) | {"case": 0, "outcome": 0} == dict.fromkeys(counts(nurse), 0)
    unhide_post(reply, by=moderator)
    # Back, but no longer the accepted answer (hiding cleared it).
    assert (counts(nurse)["reply"], counts(nurse)["helpful"], counts(nurse)["accepted"]) == (
        1,
        1,
        0,
    )
    hide_thread(thread, by=moderator, reason="Off topic")
    assert counts(nurse)["reply"] == 0
    assert counts(doctor)["thread"] == 0
    unhide_thread(thread, by=moderator)
    assert counts(doctor)["thread"] == 1
    delete_post(reply, by=nurse)
    assert counts(nurse)["reply"] == 0


def test_a_profile_never_counts_a_draft_pending_or_hidden_case(client, nurse, doctor, moderator):
    draft = authoring.create_case(
        author=nurse, values={**CASE_VALUES, "title": "Draft title"}, origin=SITE
    )
    pending = authoring.create_case(
        author=nurse,
        values={**CASE_VALUES, "title": "Pending title", "specialty": "dermatology"},
        origin=SITE,
    )
    authoring.submit_case(pending, by=nurse, consent_basis="patient", attest=True)
    assert draft.status == "draft"
    profile = client.get("/u/nurse/").content.decode()
    assert "Dermatology" not in profile
    assert "Cardiology" not in profile.split("Contributions")[1]
    assert counts(nurse)["case"] == 0
    case = publish_case(nurse, moderator, title="The published one")
    authoring.post_outcome(case, by=nurse, text="Recovered fully.")
    assert (counts(nurse)["case"], counts(nurse)["outcome"]) == (1, 1)
    # A patient-privacy flag hides the case: the profile forgets it until it is restored.
    case_moderation.flag_case(case, by=doctor, reason="Names the ward.")
    assert (counts(nurse)["case"], counts(nurse)["outcome"]) == (0, 0)
    html = client.get("/u/nurse/").content.decode()
    assert "The published one" not in html
    assert "Active in:" not in html
    case_moderation.restore_case(case, by=moderator)
    assert (counts(nurse)["case"], counts(nurse)["outcome"]) == (1, 1)
    assert "Active in: Cardiology (2)" in client.get("/u/nurse/").content.decode()


def _history(nurse, doctor, moderator) -> None:
    """A busy year: threads and replies over fifteen months, marks, answers, cases, an outcome,
    a reply in a case discussion, moderation."""
    forum = CategoryFactory()
    start = timezone.now() - timedelta(days=450)
    for month in range(15):
        at = start + timedelta(days=30 * month)
        thread = create_thread(
            category=forum, author=doctor, title=f"Q{month}", body="?", origin=SITE, at=at
        )
        reply = create_reply(thread=thread, author=nurse, body="A.", origin=SITE, at=at)
        if month % 2:
            react_to_post(reply, by=doctor)
        if month % 3 == 0:
            accept_answer(reply, by=doctor)
        if month == 4:
            hide_post(reply, by=moderator)
    case = publish_case(nurse, moderator, specialty="nephrology")
    authoring.post_outcome(case, by=nurse, text="Dialysis stopped at day 10.")
    post_case_reply(case, by=doctor, body="Good outcome.", kept={})
    hidden = publish_case(doctor, moderator, title="Another")
    case_moderation.flag_case(hidden, by=nurse, reason="Names the bed.")


def test_the_counts_moved_on_write_equal_a_recount_and_the_migrations_back_fill(
    nurse, doctor, moderator
):
    _history(nurse, doctor, moderator)
    moved = rows(nurse, doctor)
    assert moved
    recount_members([nurse.pk, doctor.pk])
    recount_authors([nurse.pk, doctor.pk])
    assert rows(nurse, doctor) == moved
    # The migrations' one-off statements (forums 0019, cases 0014) find the same.
    forums_fill = importlib.import_module("forums.migrations.0019_thread_participants_and_activity")
    cases_fill = importlib.import_module("cases.migrations.0014_case_activity")
    MemberActivity.objects.all().delete()
    with connection.cursor() as cursor:
        for statement in (
            forums_fill.FILL_ACTIVITY,
            cases_fill.FILL_CASES,
            cases_fill.REPLY_AREAS,
        ):
            cursor.execute(statement)
    assert rows(nurse, doctor) == moved


def test_the_profile_shows_the_counts_and_a_chart_with_its_text_alternative(client, nurse, doctor):
    _history(nurse, doctor, UserFactory(is_staff=True, handle="mod2"))
    html = client.get("/u/nurse/").content.decode()
    section = html[html.index('<section class="contributions"') :]
    section = section[: section.index("</section>")]
    assert re.search(r"<dt>Replies</dt><dd>14</dd>", section)  # 15, one hidden
    assert re.search(r"<dt>Helpful marks received</dt><dd>7</dd>", section)
    assert re.search(r"<dt>Accepted answers</dt><dd>5</dd>", section)  # months 0,3,6,9,12
    assert re.search(r"<dt>Cases shared</dt><dd>1</dd>", section)
    assert re.search(r"<dt>Outcomes posted</dt><dd>1</dd>", section)
    assert "Active in: Nephrology (2)" in section
    # The chart: an image with a name and a description, no script, and the same numbers as a
    # table.
    svg = section[section.index("<svg") : section.index("</svg>")]
    assert 'role="img"' in svg
    assert 'aria-labelledby="activity-chart-title activity-chart-desc"' in svg
    assert '<title id="activity-chart-title">Activity by month</title>' in svg
    assert '<desc id="activity-chart-desc">' in svg
    assert "contributions from" in svg
    assert "style=" not in svg
    assert "<script" not in section
    assert svg.count('class="chart-label"') == CHART_MONTHS
    table_rows = re.findall(r'<tr><th scope="row"><time datetime="(\d{4}-\d{2})">', section)
    assert len(table_rows) == CHART_MONTHS
    now = datetime.now(UTC)
    assert table_rows[-1] == f"{now:%Y-%m}"


def test_the_chart_counts_what_the_member_wrote_by_month(nurse):
    forum = CategoryFactory()
    now = datetime(2026, 6, 15, 12, tzinfo=UTC)
    for month, n in ((1, 2), (3, 5), (6, 1)):
        for i in range(n):
            create_thread(
                category=forum,
                author=nurse,
                title=f"T{month}-{i}",
                body="?",
                origin=SITE,
                at=datetime(2026, month, 10, tzinfo=UTC),
            )
    # Long ago: counted in the totals, outside the chart's year.
    create_thread(
        category=forum,
        author=nurse,
        title="Old",
        body="?",
        origin=SITE,
        at=datetime(2024, 1, 1, tzinfo=UTC),
    )
    given = member_contributions(member_id=nurse.pk, now=now)
    assert given.bars[0].label == "Jul 2025"
    assert [(bar.label, bar.count) for bar in given.bars if bar.count] == [
        ("Jan 2026", 2),
        ("Mar 2026", 5),
        ("Jun 2026", 1),
    ]
    tallest = max(given.bars, key=lambda bar: bar.height)
    assert (tallest.label, tallest.y) == ("Mar 2026", 0)
    assert given.summary == ("8 contributions from Jul 2025 to Jun 2026; the most in Mar 2026 (5).")
    assert {line.key: line.count for line in given.lines}["thread"] == 9


def test_the_profile_costs_the_same_queries_however_much_was_given(
    client, nurse, doctor, moderator, django_assert_num_queries
):
    listed(handle="newcomer")
    # member with profile and specialty, their activity rows, forums' recent threads and
    # recent replies
    with django_assert_num_queries(4):
        assert client.get("/u/newcomer/").status_code == 200
    _history(nurse, doctor, moderator)
    assert MemberActivity.objects.filter(user=nurse).count() > CHART_MONTHS  # > a chart
    assert Post.objects.filter(author=nurse).count() > 10  # > the recent replies list
    with django_assert_num_queries(4):
        response = client.get("/u/nurse/")
    assert "<dt>Replies</dt><dd>14</dd>" in response.content.decode()
    client.force_login(doctor)
    client.get("/u/nurse/")  # the session, the viewer and the unread count are now cached
    # the viewer's follow of them and whether they blocked them, in one query
    # (accounts.selectors.relation_to: the follow form, "Send a private message" or "Unblock"),
    # and the four above
    with django_assert_num_queries(5):
        client.get("/u/nurse/")
