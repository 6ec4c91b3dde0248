"""Forum pages: content, visibility and exact query budgets with more rows than a page holds."""

from __future__ import annotations

import re

import pytest

from forums.models import Visibility
from forums.selectors import common
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_pages")]


@pytest.fixture
def busy_forum():
    forum = CategoryFactory(name="Cardiology", slug="cardiology")
    authors = UserFactory.create_batch(3)
    for i in range(common.THREADS_PER_PAGE + 5):
        make_thread(
            category=forum,
            author=authors[i % 3],
            title=f"Thread {i}",
            replies=1,
            tags=[f"tag{i % 4}", "ecg"],
        )
    forum.refresh_from_db()
    return forum


def test_home_page_lists_latest_threads_in_a_fixed_number_of_queries(
    client, busy_forum, django_assert_num_queries
):
    # session-less visitor: latest threads + tags; the recent threads to rank, the most
    # active of them + tags
    with django_assert_num_queries(5):
        response = client.get("/")
    assert response.status_code == 200
    assert len(response.context["latest_threads"]) == 15
    assert len(response.context["active_threads"]) == 8


def test_forum_index_in_a_fixed_number_of_queries(client, busy_forum, django_assert_num_queries):
    for i in range(5):
        CategoryFactory(parent=busy_forum, name=f"Sub {i}")
    with django_assert_num_queries(2):
        response = client.get("/forums/")
    assert "Cardiology" in response.content.decode()
    assert "Sub 4" in response.content.decode()


def test_forum_page_lists_pinned_first_and_paginates(client, busy_forum, django_assert_num_queries):
    pinned = busy_forum.threads.order_by("created_at").first()
    pinned.is_pinned = True
    pinned.save()
    for i in range(3):
        CategoryFactory(parent=busy_forum, name=f"Sub {i}")
    with django_assert_num_queries(4):  # forum, its sub-forums, threads, tags
        response = client.get("/forums/cardiology/")
    threads = response.context["threads"]
    assert threads[0] == pinned
    assert len(threads) == common.THREADS_PER_PAGE
    assert len(response.context["category"].visible_children) == 3
    older = f"?before={response.context['next_cursor']}"
    assert f'href="{older}"' in response.content.decode()
    with django_assert_num_queries(4):
        second = client.get(f"/forums/cardiology/{older}")
    rest = second.context["threads"]
    assert len(rest) == 5
    assert not second.context["next_cursor"]
    assert "Newest threads" in second.content.decode()
    # Together the two pages list every thread once, by last activity after the pinned one.
    listed = [*threads, *rest]
    assert sorted(t.pk for t in listed) == sorted(busy_forum.threads.values_list("pk", flat=True))
    unpinned = [t.last_posted_at for t in listed[1:]]
    assert unpinned == sorted(unpinned, reverse=True)


def test_later_forum_pages_walk_the_index_from_a_cursor_never_an_offset(
    client, busy_forum, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from forums.models import Thread

    # Many threads last active at the same moment: the id breaks the tie, none is lost.
    Thread.objects.filter(category=busy_forum).update(last_posted_at=timezone.now())
    seen, path = [], "/forums/cardiology/"
    with CaptureQueriesContext(connection) as captured:
        while path:
            response = client.get(path)
            seen += [t.pk for t in response.context["threads"]]
            cursor = response.context["next_cursor"]
            path = f"/forums/cardiology/?before={cursor}" if cursor else ""
    assert sorted(seen) == sorted(busy_forum.threads.values_list("pk", flat=True))
    assert len(seen) == len(set(seen))
    assert not any("OFFSET" in query["sql"] for query in captured.captured_queries)


@pytest.mark.parametrize(
    "before", ["nonsense", "1.", ".5", "9" * 40 + ".1", "-5.3", "9" * 18 + ".1", "²³.1", "1.2.3"]
)
def test_an_unreadable_cursor_or_an_old_page_link_shows_the_first_page(client, busy_forum, before):
    response = client.get("/forums/cardiology/", {"before": before, "page": "3"})
    assert response.status_code == 200
    assert len(response.context["threads"]) == common.THREADS_PER_PAGE
    assert response.context["first_page"]


def test_thread_page_queries_do_not_grow_with_posts_or_page_number(
    client, django_assert_num_queries
):
    thread = make_thread(replies=common.POSTS_PER_PAGE * 3)
    url = thread.get_absolute_url()
    with django_assert_num_queries(3):  # thread, its tags, posts with authors
        first = client.get(url)
    with django_assert_num_queries(3):
        last = client.get(f"{url}?page=4")
    assert len(first.context["posts"]) == common.POSTS_PER_PAGE
    assert [p.number for p in last.context["posts"]] == [61]


def test_post_links_redirect_to_the_page_holding_the_post(client):
    thread = make_thread(replies=common.POSTS_PER_PAGE + 3)
    response = client.get(f"{thread.get_absolute_url()}{common.POSTS_PER_PAGE + 2}")
    assert response.status_code == 302
    assert response["Location"].endswith(f"?page=2#post-{common.POSTS_PER_PAGE + 2}")
    assert client.get(f"{thread.get_absolute_url()}999").status_code == 404


def test_a_wrong_slug_redirects_to_the_canonical_url(client):
    thread = make_thread(title="Chest pain")
    response = client.get(f"/t/{thread.pk}-wrong/")
    assert response.status_code == 301
    assert response["Location"] == thread.get_absolute_url()


@pytest.mark.parametrize(
    ("visibility", "visitor", "member"),
    [
        (Visibility.PUBLIC, 200, 200),
        (Visibility.MEMBERS, 404, 200),
        (Visibility.VERIFIED, 404, 404),
    ],
)
def test_forum_visibility_decides_who_may_read(client, user, visibility, visitor, member):
    thread = make_thread(category=CategoryFactory(visibility=visibility))
    assert client.get(thread.get_absolute_url()).status_code == visitor
    assert client.get(thread.category.get_absolute_url()).status_code == visitor
    client.force_login(user)
    assert client.get(thread.get_absolute_url()).status_code == member


def test_hidden_threads_are_not_listed_or_shown(client):
    thread = make_thread(title="Spam thread")
    thread.is_hidden = True
    thread.save()
    assert "Spam thread" not in client.get("/").content.decode()
    assert client.get(thread.get_absolute_url()).status_code == 404


def test_search_finds_visible_posts_only(client):
    make_thread(title="Amiodarone toxicity", body="pulmonary fibrosis after years")
    make_thread(
        category=CategoryFactory(visibility=Visibility.MEMBERS),
        title="Secret",
        body="pulmonary embolism in members forum",
    )
    response = client.get("/search/", {"q": "pulmonary"})
    titles = [post.thread.title for post in response.context["results"]]
    assert titles == ["Amiodarone toxicity"]


@pytest.mark.parametrize("query", ["", "!!!", '"unbalanced', "a" * 5000, "-", "OR"])
def test_search_with_odd_input_answers_200(client, query):
    assert client.get("/search/", {"q": query}).status_code == 200


def test_pages_carry_no_inline_script_or_style(client, busy_forum):
    thread = busy_forum.threads.first()
    for url in [
        "/",
        "/forums/",
        "/forums/cardiology/",
        thread.get_absolute_url(),
        "/cases/",
        "/search/?q=x",
        "/accounts/login/",
        "/accounts/signup/",
    ]:
        html = client.get(url).content.decode()
        # Scripts are static files (<script src defer>); nothing inline.
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert " style=" not in html, url
        assert "<style" not in html, url


@pytest.mark.parametrize("page", ["-5", "0", "abc", "99999999999999999999999", "1e9"])
def test_any_page_number_answers_without_error(client, page):
    thread = make_thread(tags=["ecg"])
    for url in [thread.category.get_absolute_url(), thread.get_absolute_url(), "/tags/ecg/"]:
        assert client.get(url, {"page": page}).status_code == 200, url


def test_huge_ids_and_numbers_are_not_found_rather_than_errors(client, user):
    thread = make_thread()
    huge = "9" * 25
    assert client.get(f"/t/{huge}-x/").status_code == 404
    assert client.get(f"{thread.get_absolute_url()}{huge}").status_code == 404
    client.force_login(user)
    assert client.get(f"{thread.get_absolute_url()}reply/", {"quote": huge}).status_code == 200
    assert client.post(f"/notifications/{huge}/open/").status_code == 404


@pytest.mark.whole_page
def test_the_accepted_answer_shows_on_every_page_at_most_one_query_more(
    client, django_assert_num_queries
):
    from forums.models import Post
    from forums.posting.reactions import accept_answer

    thread = make_thread(replies=common.POSTS_PER_PAGE + 5)
    answer = Post.objects.select_related("thread").get(thread=thread, number=3)
    accept_answer(answer, by=thread.author)
    url = thread.get_absolute_url()
    expected = f"#3 by {thread.author.name}"
    client.get(url)  # warm the per-process content-type cache, as any running server has it
    with django_assert_num_queries(3):  # the answer is among the page's own posts
        first = client.get(url).content.decode()
    with django_assert_num_queries(4):  # thread, tags, posts, the answer and its author
        second = client.get(f"{url}?page=2").content.decode()
    assert expected in first
    assert expected in second


def test_a_rows_age_bucket_changes_whenever_its_relative_time_reads_differently():
    """Thread rows are cached by ``age_bucket`` instead of the "3 minutes ago" text itself."""
    from datetime import timedelta

    from django.contrib.humanize.templatetags.humanize import naturaltime
    from django.utils import timezone

    from forums.pages.rows import age_bucket

    now = timezone.now()
    changes = 0
    ages = [*range(0, 2 * 3600, 7), *range(2 * 3600, 100 * 86400, 1031)]
    previous = None
    for seconds in ages:
        # Half a second off the boundaries: naturaltime reads the clock itself, a little later.
        moment = now - timedelta(seconds=seconds + 0.5)
        text = naturaltime(moment)
        seen = (text, age_bucket(moment, now))
        if previous is not None and previous[0] != text:
            assert previous[1] != seen[1], (previous, seen)
            changes += 1
        previous = seen
    assert changes > 200  # the walk crossed many readings: seconds, minutes, hours, days


def test_a_first_page_of_pinned_threads_goes_on_with_the_newest_unpinned(client, busy_forum):
    from forums.models import Thread

    pinned = list(busy_forum.threads.order_by("pk")[: common.THREADS_PER_PAGE])
    Thread.objects.filter(pk__in=[t.pk for t in pinned]).update(is_pinned=True)
    first = client.get("/forums/cardiology/")
    assert all(t.is_pinned for t in first.context["threads"])
    second = client.get("/forums/cardiology/", {"before": first.context["next_cursor"]})
    rest = second.context["threads"]
    assert len(rest) == 5
    assert not any(t.is_pinned for t in rest)
