"""The short shared cache of visitors' pages (forums/sharing/cache.py): fast, and never stale or
shared where it matters: hidden posts leave at once, members and visitors with a session never see a
cached page, and no cached page goes to a member through a shared HTTP cache."""

from __future__ import annotations

from datetime import timedelta

import pytest

from forums.posting import create_reply, moderation
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def visitor_cache(settings, local_cache):
    settings.VISITOR_PAGE_SECONDS = 30
    return local_cache


@pytest.fixture
def thread(user):
    return make_thread(author=user, title="Troponin after a marathon", body="First", replies=2)


def test_a_visitor_page_is_served_again_without_touching_the_database(
    client, thread, django_assert_num_queries
):
    first = client.get(thread.get_absolute_url())
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(thread.get_absolute_url())
    assert again.status_code == 200
    assert again.content == first.content
    assert "Cookie" in again["Vary"]
    # Each query string is its own page.
    with django_assert_num_queries(3):
        client.get(f"{thread.get_absolute_url()}?page=2")


def test_a_hidden_post_leaves_visitors_pages_at_once(
    client, thread, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply = create_reply(thread=thread, author=moderator, body="Patient name Jane Roe here")
    assert "Jane Roe" in client.get(thread.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_post(reply, by=moderator, reason="privacy")
    assert "Jane Roe" not in client.get(thread.get_absolute_url()).content.decode()


def test_a_new_reply_shows_to_visitors_at_once(
    client, thread, user, django_capture_on_commit_callbacks
):
    client.get(thread.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        create_reply(thread=thread, author=user, body="A brand new answer")
    assert "A brand new answer" in client.get(thread.get_absolute_url()).content.decode()


def test_members_never_get_or_leave_a_cached_page(client, thread, user):
    visitor_page = client.get(thread.get_absolute_url()).content.decode()
    assert "Sign in to reply" in visitor_page
    client.force_login(user)
    member_page = client.get(thread.get_absolute_url()).content.decode()
    assert "Sign in to reply" not in member_page
    assert ">Reply</a>" in member_page
    client.logout()
    # The member's page was not stored for visitors either.
    client.cookies.clear()
    assert "Sign in to reply" in client.get(thread.get_absolute_url()).content.decode()


def test_a_visitor_with_a_session_gets_a_fresh_page(
    client, thread, settings, django_assert_num_queries
):
    client.get(thread.get_absolute_url())
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-real-session"
    # The session lookup only: the thread's data is shared by every reader of public forums,
    # but the page itself is rendered for this visitor (a cached page renders no template).
    with django_assert_num_queries(1):
        response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    assert "forums/thread.html" in [template.name for template in response.templates]
    client.cookies.pop(settings.SESSION_COOKIE_NAME)
    assert client.get(thread.get_absolute_url()).templates == []


def test_turned_off_every_request_renders(client, thread, settings, django_assert_num_queries):
    settings.VISITOR_PAGE_SECONDS = 0
    client.get(thread.get_absolute_url())
    with django_assert_num_queries(3):
        client.get(thread.get_absolute_url())


def test_the_case_list_is_shared_with_visitors_and_stays_out_of_search_engines(
    client, django_assert_num_queries
):
    client.get("/cases/")
    with django_assert_num_queries(0):
        again = client.get("/cases/")
    assert again.status_code == 200
    assert "noindex" in again["X-Robots-Tag"]


def test_members_share_the_home_page_but_see_their_own_read_state(
    client, thread, user, other_user, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from forums.posting.following import mark_thread_read
    from forums.sharing.own_pages import own_pages_changed

    def first_row(html: str) -> str:
        start = html.index('<li class="thread-row')
        return html[start : html.index("</li>", start)]

    mark_thread_read(thread, user=user, number=thread.post_count)
    client.force_login(other_user)
    client.get("/")  # the page is built once, for readers of these forum levels
    client.force_login(user)
    client.get("/")  # the header's links for this member are cached now
    own_pages_changed([user.pk])  # as their next write would: their kept state is retired
    # The member's read state in the listed threads, the cases section (a member who is no
    # verified professional sees only their own), the member's participation facts
    # (forums.participation): no thread list query, no rendering of the lists.
    with django_assert_num_queries(3):
        mine = client.get("/").content.decode()
    # Then all three are kept for the member (forums.sharing.own_pages) until something moves.
    with django_assert_num_queries(0):
        assert client.get("/").content.decode().count(thread.title) == mine.count(thread.title)
    assert f"@{user.handle}" in mine
    assert thread.title in first_row(mine)
    assert "badge-unread" not in first_row(mine)  # read to the end
    newcomer = UserFactory(handle="newcomer")
    newcomer.date_joined = thread.created_at - timedelta(days=1)
    newcomer.save()
    client.force_login(newcomer)
    theirs = client.get("/").content.decode()
    assert "@newcomer" in theirs
    assert f"@{user.handle}" not in theirs
    assert ">New<" in first_row(theirs)  # never opened, active since they joined
    # A new thread retires the shared page at once.
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(author=other_user, title="A newer thread")
    assert "A newer thread" in first_row(client.get("/").content.decode())


def test_shared_home_lists_never_cross_forum_levels(client, user, moderator, local_cache):
    from tests.factories import CategoryFactory, UserFactory

    verified_only = CategoryFactory(
        name="Clinicians only", slug="clinicians", visibility="verified"
    )
    make_thread(category=verified_only, author=moderator, title="For verified eyes")
    clinician = UserFactory(professional=True)
    client.force_login(clinician)
    assert "For verified eyes" in client.get("/").content.decode()
    client.force_login(user)  # a member who is not a verified professional
    assert "For verified eyes" not in client.get("/").content.decode()
    client.logout()
    assert "For verified eyes" not in client.get("/").content.decode()


def test_members_share_a_forum_page_but_see_their_own_follow_and_read_state(
    client,
    thread,
    user,
    other_user,
    moderator,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    from forums.posting.following import follow_category, mark_thread_read

    forum = thread.category
    follow_category(forum, user=user)
    mark_thread_read(thread, user=user, number=thread.post_count)
    client.force_login(other_user)
    theirs = client.get(forum.get_absolute_url()).content.decode()
    assert ">Follow</button>" in theirs
    client.force_login(user)
    # user, unread count, the member's follow and read state: no forum or list query
    with django_assert_num_queries(3):
        mine = client.get(forum.get_absolute_url()).content.decode()
    assert ">Unfollow</button>" in mine
    assert "badge-unread" not in mine
    # A pinned thread moves up at once for everyone.
    other = make_thread(category=forum, author=other_user, title="Older, soon pinned")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.pin_thread(other, by=moderator)
    page = client.get(forum.get_absolute_url()).content.decode()
    assert page.index("Older, soon pinned") < page.index(thread.title)


def test_a_search_asked_again_shares_its_posts_but_never_across_forum_levels(
    client, user, moderator, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from tests.factories import CategoryFactory, UserFactory

    verified_only = CategoryFactory(
        name="Clinicians only", slug="clinicians", visibility="verified"
    )
    make_thread(category=verified_only, author=moderator, title="Tamponade for verified eyes")
    make_thread(author=moderator, title="Tamponade in public")
    clinician = UserFactory(professional=True)
    client.force_login(clinician)
    found = client.get("/search/", {"q": "tamponade"}).content.decode()
    assert "Tamponade for verified eyes" in found
    assert "Tamponade in public" in found
    assert "Clinicians only" in client.get("/search/").content.decode()  # a forum filter
    client.force_login(user)  # a member who is not a verified professional
    mine = client.get("/search/", {"q": "tamponade"}).content.decode()
    assert "Tamponade in public" in mine
    assert "Tamponade for verified eyes" not in mine
    assert "Clinicians only" not in mine
    # Asked again by the same kind of reader: the page comes from the cache (a shared member
    # page: forums.pages.search.SearchPage), the member too (accounts.sessions). Left: the
    # member's own case preview, inside the search's session (savepoint, settings, release);
    # not the ranked posts nor their headlines.
    with django_assert_num_queries(4):
        again = client.get("/search/", {"q": "tamponade"}).content.decode()
    assert "Tamponade in public" in again
    assert "Tamponade for verified eyes" not in again
    # A new post is found at once.
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(author=moderator, title="Tamponade again")
    assert "Tamponade again" in client.get("/search/", {"q": "tamponade"}).content.decode()
    # Visitors get the page itself from the cache, as for the other forum pages.
    client.logout()
    client.get("/search/", {"q": "tamponade"})
    with django_assert_num_queries(0):
        assert "Tamponade in public" in client.get("/search/", {"q": "tamponade"}).content.decode()


def test_members_share_a_thread_page_but_see_their_own_reactions_bookmarks_and_read_state(
    client,
    thread,
    user,
    other_user,
    moderator,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
):
    from forums.posting.following import mark_thread_read
    from forums.posting.reactions import bookmark_post, react_to_post

    reply = thread.posts.get(number=2)
    with django_capture_on_commit_callbacks(execute=True):
        react_to_post(reply, by=other_user)
    bookmark_post(reply, user=other_user)
    mark_thread_read(thread, user=other_user, number=thread.post_count)
    client.force_login(user)
    mine = client.get(thread.get_absolute_url())  # computes the shared page
    client.force_login(other_user)
    # user, unread count, the member's state in one query: no thread, tag or post query
    with django_assert_num_queries(3):
        theirs = client.get(thread.get_absolute_url())
    second = theirs.context["posts"][1]
    assert (second.viewer_reacted, second.viewer_bookmarked) == (True, True)
    assert theirs.context["thread"].viewer_last_read == thread.post_count
    assert not any(post.is_unread for post in theirs.context["posts"])
    page = theirs.content.decode()
    assert 'aria-pressed="true"' in page
    assert "Remove bookmark" in page
    mine_second = mine.context["posts"][1]
    assert (mine_second.viewer_reacted, mine_second.viewer_bookmarked) == (False, False)
    # The reaction's count is on the shared page, and a new reaction shows at once.
    assert "1 found this helpful" in page
    with django_capture_on_commit_callbacks(execute=True):
        react_to_post(reply, by=moderator)
    assert "2 found this helpful" in client.get(thread.get_absolute_url()).content.decode()


def test_a_hidden_thread_is_shared_with_moderators_only(
    client, thread, user, moderator, django_capture_on_commit_callbacks
):
    client.force_login(user)
    assert client.get(thread.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_thread(thread, by=moderator)
    client.force_login(moderator)
    assert client.get(thread.get_absolute_url()).status_code == 200  # to unhide it
    client.force_login(user)
    assert client.get(thread.get_absolute_url()).status_code == 404


def test_members_share_the_forum_index_but_never_across_forum_levels(
    client, user, moderator, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from tests.factories import CategoryFactory, UserFactory

    CategoryFactory(name="Clinicians only", slug="clinicians", visibility="verified")
    clinician = UserFactory(professional=True)
    client.force_login(clinician)
    assert "Clinicians only" in client.get("/forums/").content.decode()
    other_clinician = UserFactory(professional=True)
    client.force_login(other_clinician)
    with django_assert_num_queries(2):  # user, unread count: the list comes from the cache
        assert "Clinicians only" in client.get("/forums/").content.decode()
    client.force_login(user)  # a member who is not a verified professional
    assert "Clinicians only" not in client.get("/forums/").content.decode()
    client.logout()
    assert "Clinicians only" not in client.get("/forums/").content.decode()
    # A new thread's title shows as its forum's latest at once.
    client.force_login(clinician)
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(author=moderator, title="Brugada pattern on a night shift")
    assert "Brugada pattern on a night shift" in client.get("/forums/").content.decode()


def test_nothing_shared_holds_an_account_field_of_an_author_or_poster(
    client, user, other_user, moderator, local_cache
):
    """Shared pages and lists live in Redis, next to every reader's: no password hash, email
    address or login time of the people whose posts and cases they show."""
    from cases.authoring import create_case, submit_case
    from cases.moderation import approve_case
    from tests.cases.conftest import CASE_VALUES
    from tests.factories import UserFactory

    clinician = UserFactory(professional=True)
    thread = make_thread(author=other_user, title="Troponin in a marathon runner", replies=2)
    reply = thread.posts.get(number=2)
    from forums.posting.reactions import accept_answer

    accept_answer(reply, by=other_user)
    case = create_case(author=clinician, values=CASE_VALUES, tags=["ecg"])
    submit_case(case, by=clinician, consent_basis="patient", attest=True)
    case = approve_case(case, by=moderator)
    reader = UserFactory(professional=True)
    client.force_login(reader)
    for path in (
        "/",
        "/forums/",
        thread.category.get_absolute_url(),
        thread.get_absolute_url(),
        "/cases/",
        case.get_absolute_url(),
        "/search/?q=troponin",
    ):
        assert client.get(path).status_code == 200, path
    stored = b"".join(value for value in local_cache._cache.values() if isinstance(value, bytes))
    assert b"Troponin in a marathon runner" in stored  # the shared data is there...
    people = {*thread.posts.values_list("author", flat=True), clinician.pk, other_user.pk}
    for person in type(user).objects.filter(pk__in=people):
        for secret in (person.password, person.email):  # ...and none of their account fields
            assert secret.encode() not in stored, (person.handle, secret)


def test_shared_data_is_computed_once_per_generation_even_when_it_is_nothing(
    django_capture_on_commit_callbacks,
):
    """``shared_by_level`` keeps what it computed, None included (a case that is not published
    has no shared page: worth knowing once, not asking every time), until content changes."""
    from forums.sharing.cache import content_changed, shared_by_level

    calls = []

    def compute():
        calls.append(1)
        return None

    assert shared_by_level("nothing", ["public"], compute) is None
    assert shared_by_level("nothing", ["public"], compute) is None
    assert len(calls) == 1
    assert shared_by_level("nothing", ["members", "public"], compute) is None  # other levels
    assert len(calls) == 2
    with django_capture_on_commit_callbacks(execute=True):
        content_changed()
    shared_by_level("nothing", ["public"], compute)
    assert len(calls) == 3


def test_a_lost_content_generation_serves_no_page_built_before(client, thread):
    """Evicted from the cache, the content generation starts again from a value no stored page
    carries: a change nothing signalled (SQL) shows on the next request."""
    from django.core.cache import cache
    from django.db import connection

    from forums.sharing.cache import GENERATION_KEY

    assert "Troponin after a marathon" in client.get(thread.get_absolute_url()).content.decode()
    cache.delete(GENERATION_KEY)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE forums_thread SET title = 'Troponin, renamed' WHERE id = %s", [thread.pk]
        )
    assert "Troponin, renamed" in client.get(thread.get_absolute_url()).content.decode()
