"""The re-render command brings stored HTML up to the current pipeline and says what it did."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from forums.models import Post
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


def test_rerender_rewrites_stale_html_and_links_mentions_of_members_who_now_exist():
    thread = make_thread(body="hello @later_member", replies=2)
    Post.objects.filter(thread=thread, number=2).update(html="<p>stale</p>")
    UserFactory(handle="later_member")
    out = StringIO()
    call_command("rerender_posts", stdout=out)
    assert Post.objects.get(thread=thread, number=2).html == "<p>Reply 1</p>"
    assert 'href="/u/later_member/"' in Post.objects.get(thread=thread, number=1).html
    assert "2 of 3 posts re-rendered" in out.getvalue()


def test_rerender_reports_its_progress_and_rate_and_stops_at_the_limit():
    thread = make_thread(replies=4)
    Post.objects.filter(thread=thread).update(html="<p>stale</p>")
    out = StringIO()
    call_command("rerender_posts", "--limit", "3", "--batch-size", "2", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("2/3 posts checked, 2 re-rendered; ")
    assert "posts/s, about" in lines[0]
    assert lines[1].startswith("3/3 posts checked, 3 re-rendered; ")
    assert "3 of 3 posts re-rendered" in lines[-1]
    assert "posts/s)." in lines[-1]
    # Only the first three were checked.
    assert Post.objects.filter(thread=thread, html="<p>stale</p>").count() == 2
