"""The member directory at /members/ (issue 24, part 1): members only, opt-in listing, what a
member hides is neither shown nor filterable, keyset pages, an exact query budget and an index
for the default sort."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import directory
from accounts.models import Profile
from forums.posting import SITE, create_reply
from tests.factories import UserFactory, make_thread
from tests.members.helpers import listed, specialty_named

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_pages")]


def member_list(response) -> str:
    """The listed members' part of the page (the filters name every choice)."""
    html = response.content.decode()
    start = html.find('<ul class="member-list">')
    return html[start : html.find("</ul>", start)] if start >= 0 else ""


def handles(response) -> list[str]:
    """The listed members' handles, in order (read from the page: a page shared between
    members has no context)."""
    return re.findall(r'<span class="handle">@([^<]+)</span>', member_list(response))


def test_visitors_are_sent_to_sign_in(client):
    response = client.get("/members/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_members_are_not_listed_until_they_choose_to_be(auth_client, user):
    listed(handle="shown_one")
    listed(handle="hidden_one", listed=False)
    UserFactory(handle="no_profile")
    assert handles(auth_client.get("/members/")) == ["shown_one"]
    # The settings form lists the member once they tick the box, and unlists them again.
    form = {
        "display_name": "Ada",
        "profession": "nurse",
        "specialty": specialty_named("cardiology").pk,
        "career_stage": "early",
        "country": "Kenya",
        "bio": "Heart failure nurse.",
        "listed_in_directory": "on",
        "directory_shows_country": "on",
    }
    assert auth_client.post("/settings/profile/", form).status_code == 302
    profile = Profile.objects.get(user=user)
    assert profile.listed_in_directory
    assert profile.directory_shows_country
    assert not profile.directory_shows_career_stage
    assert not profile.directory_shows_bio
    assert "ada" in handles(auth_client.get("/members/"))
    del form["listed_in_directory"]
    auth_client.post("/settings/profile/", form)
    assert "ada" not in handles(auth_client.get("/members/"))


def test_a_deactivated_member_leaves_the_directory(auth_client):
    gone = listed(handle="gone_one")
    gone.is_active = False
    gone.save()
    assert handles(auth_client.get("/members/")) == []


def test_filters_by_profession_specialty_country_stage_and_verified(auth_client):
    listed(handle="cardio_doc", specialty="cardiology", country="Ireland")
    listed(handle="neuro_nurse", profession="nurse", specialty="neurology", country="Kenya")
    listed(handle="neuro_pro", specialty="neurology", career_stage="trainee", professional=True)
    assert handles(auth_client.get("/members/?specialty=neurology")) == [
        "neuro_pro",
        "neuro_nurse",
    ] or sorted(handles(auth_client.get("/members/?specialty=neurology"))) == [
        "neuro_nurse",
        "neuro_pro",
    ]
    assert handles(auth_client.get("/members/?profession=nurse")) == ["neuro_nurse"]
    assert handles(auth_client.get("/members/?country=kenya")) == ["neuro_nurse"]
    assert handles(auth_client.get("/members/?career_stage=trainee")) == ["neuro_pro"]
    assert handles(auth_client.get("/members/?verified=on")) == ["neuro_pro"]
    assert handles(auth_client.get("/members/?specialty=neurology&profession=nurse")) == [
        "neuro_nurse"
    ]


@pytest.mark.whole_page  # changes the rows by hand, as no service does: nothing retires
def test_what_a_member_hides_is_neither_shown_nor_filterable(auth_client):
    member = listed(handle="quiet_one", country="Iceland", career_stage="senior")
    Profile.objects.filter(user=member).update(
        directory_shows_country=False, directory_shows_career_stage=False, bio="Secret bio text"
    )
    assert handles(auth_client.get("/members/?country=Iceland")) == []
    assert handles(auth_client.get("/members/?career_stage=senior")) == []
    page = member_list(auth_client.get("/members/"))
    assert "quiet_one" in page
    assert "Iceland" not in page
    assert "Senior / consultant" not in page
    assert "Secret bio text" not in page
    Profile.objects.filter(user=member).update(directory_shows_bio=True)
    assert "Secret bio text" in member_list(auth_client.get("/members/"))


def test_search_by_name_and_handle(auth_client):
    listed(handle="grace_h", display_name="Grace Hopper")
    listed(handle="alan_t", display_name="Alan Turing")
    assert handles(auth_client.get("/members/?q=hopper")) == ["grace_h"]
    assert handles(auth_client.get("/members/?q=@ALAN")) == ["alan_t"]
    assert handles(auth_client.get("/members/?q=nobody")) == []


def test_invalid_filters_are_named_and_the_page_still_answers(auth_client):
    listed(handle="still_here")
    response = auth_client.get("/members/?specialty=no-such&profession=wizard&sort=odd")
    assert response.status_code == 200
    assert handles(response) == ["still_here"]
    errors = response.context["form"].errors
    assert {"specialty", "profession", "sort"} <= set(errors)


def test_posting_counts_a_contribution_and_moves_recent_activity(
    auth_client, django_capture_on_commit_callbacks
):
    quiet = listed(handle="quiet_doc", active_days_ago=30)
    busy = listed(handle="busy_doc", active_days_ago=20)
    thread = make_thread(author=busy)
    create_reply(thread=thread, author=busy, body="And a follow-up.", origin=SITE)
    busy_profile = Profile.objects.get(user=busy)
    assert busy_profile.contributions == 2
    assert busy_profile.last_active_at > timezone.now() - timedelta(minutes=1)
    assert handles(auth_client.get("/members/?sort=contributions")) == ["busy_doc", "quiet_doc"]
    assert handles(auth_client.get("/members/"))[:2] == ["busy_doc", "quiet_doc"]
    with django_capture_on_commit_callbacks(execute=True):  # the posting retires CONTENT
        create_reply(thread=thread, author=quiet, body="Me too.", origin=SITE)
    assert handles(auth_client.get("/members/"))[:2] == ["quiet_doc", "busy_doc"]


@pytest.mark.parametrize("sort", ["recent", "contributions"])
def test_keyset_pages_cover_everyone_once(auth_client, sort):
    size = directory.PAGE_SIZE
    total = size * 2 + 5
    for i in range(total):
        # Ties on the sort key (same day, same count) must still page by id.
        listed(
            handle=f"doc{i:03d}",
            active_days_ago=(i % 4) if i % 7 else None,
            contributions=i % 3,
        )
    seen: list[str] = []
    url = f"/members/?sort={sort}"
    for _page in range(5):
        with CaptureQueriesContext(connection) as queries:
            response = auth_client.get(url)
        assert not any("OFFSET" in q["sql"] for q in queries.captured_queries)
        seen += handles(response)
        cursor = response.context["next_cursor"]
        if not cursor:
            break
        url = f"/members/?sort={sort}&after={quote(cursor)}"
    assert len(seen) == total
    assert len(set(seen)) == total


@pytest.mark.whole_page
def test_the_directory_costs_the_same_queries_on_every_page(auth_client, django_assert_num_queries):
    for i in range(directory.PAGE_SIZE + 10):
        listed(handle=f"m{i:03d}", specialty="cardiology" if i % 2 else "neurology")
    auth_client.get("/members/")  # the session and user snapshot are cached, as on a server
    # the specialties (the filter's choices) and the page of profiles with user and specialty
    # (the session, the user and the unread count come from the cache: accounts.sessions)
    with django_assert_num_queries(2):
        first = auth_client.get("/members/")
    assert len(first.context["profiles"]) == directory.PAGE_SIZE
    cursor = first.context["next_cursor"]
    with django_assert_num_queries(2):
        second = auth_client.get(f"/members/?after={quote(cursor)}")
    assert len(second.context["profiles"]) == 10
    # a specialty filter looks the specialty up by slug: one more
    with django_assert_num_queries(3):
        auth_client.get(f"/members/?specialty=cardiology&sort=contributions&after={quote(cursor)}")


@pytest.mark.parametrize("cursor", ["x", "_", "abc_12", "2026-13-45T00:00:00_3", "9" * 40, "-_x"])
def test_a_malformed_cursor_is_the_first_page(auth_client, cursor):
    listed(handle="first_one")
    response = auth_client.get(f"/members/?after={cursor}")
    assert response.status_code == 200
    assert handles(response) == ["first_one"]


def _load_members() -> None:
    """100,000 members, two in three listed, analysed."""
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO accounts_user (email, handle, display_name, password, email_verified,
                unread_warnings, is_staff, is_superuser, is_active, date_joined,
                suspension_reason)
            SELECT 'bulk' || n || '@example.org', 'bulk' || n, '', '!', true, 0, false, false,
                   true, now(), ''
            FROM generate_series(1, 100000) AS n
            """
        )
        cur.execute(
            """
            INSERT INTO accounts_profile (user_id, profession, career_stage, country,
                institution, show_institution, bio, conflicts_of_interest, avatar, updated_at,
                listed_in_directory, directory_shows_career_stage, directory_shows_country,
                directory_shows_bio, contributions, last_active_at, followers_count)
            SELECT id, 'physician', '', '', '', false, '', '', '', now(), id % 3 <> 0, true,
                   true, false, id % 50, now() - (id % 1000) * interval '1 hour', 0
            FROM accounts_user WHERE email LIKE 'bulk%%'
            """
        )
        cur.execute("ANALYZE accounts_user")
        cur.execute("ANALYZE accounts_profile")


def test_the_default_sort_reads_an_index_at_scale(db):
    """100,000 members: the first page of the default sort is read through the partial index
    ``accounts_profile_dir_recent``, not by sorting every listed profile."""
    _load_members()
    for sort, index in (
        (directory.RECENT, "accounts_profile_dir_recent"),
        (directory.CONTRIBUTIONS, "accounts_profile_dir_contrib"),
    ):
        rows = (
            directory._filtered({})
            .select_related("user", "specialty")
            .order_by(*directory.ORDERINGS[sort])[: directory.PAGE_SIZE + 1]
        )
        plan = rows.explain()
        assert index in plan, plan
        assert not re.search(r"Seq Scan on accounts_profile", plan), plan
    page = directory.directory_page(filters={})
    assert len(page.profiles) == directory.PAGE_SIZE
    assert page.next_cursor


def _has_trigram() -> bool:
    with connection.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cur.fetchone() is not None


def test_the_name_search_reads_trigram_indexes_at_scale(db):
    """100,000 members: ``?q=`` (a substring of the name or handle) is read through the
    trigram indexes of accounts 0016, not by scanning every member."""
    if not _has_trigram():
        pytest.skip("pg_trgm is not installed here (the embedded PostgreSQL has none)")
    _load_members()
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE accounts_user SET display_name = 'Member ' || id WHERE email LIKE 'bulk%%'"
        )
    rows = (
        directory._filtered({"q": "lk4242"})
        .select_related("user", "specialty")
        .order_by(*directory.ORDERINGS[directory.RECENT])[: directory.PAGE_SIZE + 1]
    )
    # Each ANALYZE draws its sample anew; with the default statistics target about one in
    # twenty led the planner to walk every listed profile instead (accounts 0018).
    for _analyse in range(3):
        with connection.cursor() as cur:
            cur.execute("ANALYZE accounts_user")
        plan = rows.explain()
        assert "accounts_user_handle_trgm" in plan, plan
        assert "accounts_user_name_trgm" in plan, plan
        assert not re.search(r"Seq Scan on accounts_user", plan), plan
    found = {p.user.handle for p in directory.directory_page(filters={"q": "@bulk4242"}).profiles}
    # bulk4242 and bulk42420..42429 where listed (ids not divisible by 3 are listed).
    assert (
        "bulk4242" in found or not Profile.objects.get(user__handle="bulk4242").listed_in_directory
    )
    assert all("4242" in handle for handle in found)
