"""RSS and Atom feeds: public forums only, stored HTML, a fixed number of queries."""

from __future__ import annotations

import pytest

from forums.feeds import FEED_ITEMS
from forums.models import Visibility
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def forums():
    public = CategoryFactory(slug="public")
    members = CategoryFactory(slug="members", visibility=Visibility.MEMBERS)
    author = UserFactory()
    for i in range(FEED_ITEMS + 3):
        make_thread(category=public, author=author, title=f"Open {i}", tags=["ecg"])
    make_thread(category=members, author=author, title="Members only", tags=["ecg"])
    return public, members


@pytest.mark.parametrize(
    "url", ["/feeds/latest/rss/", "/feeds/latest/atom/", "/feeds/tags/ecg/rss/"]
)
def test_feeds_list_public_threads_only_in_a_fixed_number_of_queries(
    client, forums, url, django_assert_num_queries
):
    queries = 2 if "tags" in url else 1  # the tag, then threads with their first post
    with django_assert_num_queries(queries):
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Members only" not in body
    assert body.count("Open ") == FEED_ITEMS
    assert "&lt;strong&gt;text&lt;/strong&gt;" in body  # the stored HTML, escaped in XML


def test_a_members_forum_has_no_feed(client, forums):
    assert client.get("/feeds/forums/members/rss/").status_code == 404
    assert client.get("/feeds/forums/public/atom/").status_code == 200
