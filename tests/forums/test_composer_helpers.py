"""The composer's helpers (issue 22): the live preview and @mention completion."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from forums.models import Post, Visibility
from forums.posting.moderation import hide_thread
from forums.selectors.mentions import MENTION_RESULTS, mention_candidates
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

PREVIEW = "/compose/preview/"
MENTIONS = "/compose/mentions/"

# A sample of what members write: everyday constructs, a mention of a member and of nobody, a
# post image of this site, a remote image, raw HTML and a script link (issue 22's constructs).
SAMPLES = [
    "Plan:\n- aspirin\n- heparin\n  - 5000 units",
    "BP 128/82\nHR 96\nRR 18",
    "| drug | dose |\n| --- | ---: |\n| adenosine | 6 mg |",
    "```python\nprint('x')\n```\n\n`inline` and ~~struck~~ and **bold** _it_",
    "Thanks @ben and @nobody_here, see https://example.org/a?b=c",
    "![ECG](/uploads/0123456789abcdef0123456789abcdef.png) and ![x](https://evil.example/p.png)",
    "<script>alert(1)</script> [click](javascript:alert(1)) #5 chest drain",
    "> quoted\n> more\n\n1) first\n2) second\n\n- [ ] todo\n- [x] done",
]


@pytest.mark.parametrize("body", SAMPLES)
def test_the_live_preview_is_exactly_the_stored_rendering(auth_client, other_user, body):
    thread = make_thread()
    answer = auth_client.post(PREVIEW, {"body": body})
    assert answer.status_code == 200
    posted = auth_client.post(f"{thread.get_absolute_url()}reply/", {"body": body})
    assert posted.status_code == 302
    stored = Post.objects.get(thread=thread, number=2)
    assert answer.json() == {"html": stored.html, "error": ""}
    assert stored.html  # something was rendered, so equality means something


def test_the_preview_mentions_only_members_and_sanitises(auth_client, other_user):
    html = auth_client.post(PREVIEW, {"body": SAMPLES[4] + "\n\n" + SAMPLES[6]}).json()["html"]
    assert '<a class="mention" href="/u/ben/"' in html
    assert "@nobody_here" in html
    assert "/u/nobody_here/" not in html
    assert "<script" not in html
    assert "javascript:" not in html


def test_the_preview_keeps_to_the_composers_limits(auth_client):
    answer = auth_client.post(PREVIEW, {"body": "y" * 40_001})
    assert answer.status_code == 400
    assert "40,000" in answer.json()["error"]
    assert answer.json()["html"] == ""


def test_the_preview_needs_a_csrf_token_and_a_member(user, client):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post(PREVIEW, {"body": "hi"}).status_code == 403
    assert client.post(PREVIEW, {"body": "hi"}).status_code == 302  # to sign in
    suspended = UserFactory(suspended_until=timezone.now() + timedelta(days=1))
    client.force_login(suspended)
    assert client.post(PREVIEW, {"body": "hi"}).status_code == 403


def test_the_preview_is_rate_limited_with_a_message(auth_client, settings, local_cache):
    settings.ROUNDS_RATE_LIMITS = {"preview": "2/m/member"}
    assert auth_client.post(PREVIEW, {"body": "one"}).status_code == 200
    assert auth_client.post(PREVIEW, {"body": "two"}).status_code == 200
    refused = auth_client.post(PREVIEW, {"body": "three"})
    assert refused.status_code == 429
    assert "2 requests per minute" in refused.json()["error"]


# --- @mention completion ----------------------------------------------------------------------


def _handles(client, **params) -> list[str]:
    response = client.get(MENTIONS, params)
    assert response.status_code == 200, response.content
    return [member["handle"] for member in response.json()["members"]]


def test_mention_completion_lists_members_by_handle_prefix(auth_client, user):
    thread = make_thread()
    for handle in ("bea", "Bella", "bert_x", "ben_o", "carl"):
        UserFactory(handle=handle, display_name=f"Dr {handle}")
    UserFactory(handle="bob_gone", is_active=False)
    UserFactory(handle="bob_unverified", email_verified=False)
    UserFactory(handle="bob_suspended", suspended_until=timezone.now() + timedelta(days=2))
    UserFactory(handle="bob_back", suspended_until=timezone.now() - timedelta(days=2))
    assert _handles(auth_client, q="be", thread=thread.pk) == ["bea", "Bella", "ben_o", "bert_x"]
    assert _handles(auth_client, q="BOB", thread=thread.pk) == ["bob_back"]
    # The writer is not offered to themselves; one letter is not enough to ask.
    assert _handles(auth_client, q="ad", thread=thread.pk) == []
    assert _handles(auth_client, q="b", thread=thread.pk) == []
    first = auth_client.get(MENTIONS, {"q": "bel", "thread": thread.pk}).json()["members"]
    assert first == [{"handle": "Bella", "name": "Dr Bella"}]


def test_mention_completion_offers_only_who_may_read_where_they_are_mentioned(client):
    writer = UserFactory(handle="writer", professional=True)
    member = UserFactory(handle="pat_member")
    UserFactory(handle="pat_pro", professional=True)
    staff = UserFactory(handle="pat_staff", is_staff=True)
    verified_thread = make_thread(
        category=CategoryFactory(visibility=Visibility.VERIFIED), author=writer
    )
    members_forum = CategoryFactory(visibility=Visibility.MEMBERS)
    client.force_login(writer)
    assert _handles(client, q="pat", thread=verified_thread.pk) == ["pat_pro", "pat_staff"]
    assert _handles(client, q="pat", forum=members_forum.pk) == [
        "pat_member",
        "pat_pro",
        "pat_staff",
    ]
    # A hidden thread: only moderators read it, so only they may be offered (to a moderator).
    hidden = make_thread(author=writer)
    hide_thread(hidden, by=staff, reason="Spam")
    UserFactory(handle="pat_mod", is_staff=True)
    client.force_login(staff)
    # The writer (pat_staff) is left out; writer, its author, is no moderator.
    assert _handles(client, q="pat", thread=hidden.pk) == ["pat_mod"]
    assert _handles(client, q="wri", thread=hidden.pk) == []
    # A member who may not read the thread gets nothing about it.
    client.force_login(member)
    assert client.get(MENTIONS, {"q": "pat", "thread": verified_thread.pk}).status_code == 404


def test_mention_completion_is_for_members_and_names_a_place(client, user):
    thread = make_thread()
    assert client.get(MENTIONS, {"q": "ad", "thread": thread.pk}).status_code == 302
    client.force_login(user)
    assert client.get(MENTIONS, {"q": "ad"}).status_code == 404
    assert client.get(MENTIONS, {"q": "ad", "thread": "x"}).status_code == 404
    assert client.get(MENTIONS, {"q": "ad", "thread": 2**40}).status_code == 404
    unverified = UserFactory(email_verified=False)
    client.force_login(unverified)
    assert client.get(MENTIONS, {"q": "ad", "thread": thread.pk}).status_code == 404


def test_mention_completion_returns_at_most_eight_in_one_query(
    auth_client, django_assert_num_queries
):
    thread = make_thread()
    for number in range(MENTION_RESULTS + 5):
        UserFactory(handle=f"nurse_{number:02d}")
    # Session and member are read by the middleware; the thread; the members.
    with django_assert_num_queries(4):
        handles = _handles(auth_client, q="nurse", thread=thread.pk)
    assert handles == [f"nurse_{number:02d}" for number in range(MENTION_RESULTS)]


def test_the_mention_query_walks_the_handle_prefix_index(user):
    thread = make_thread()
    found = mention_candidates(prefix="Nur", writer=user, thread=thread)
    with transaction.atomic(), connection.cursor() as cursor:
        # A handful of rows would be read whole anyway; the plan with scans off says whether
        # the index can serve the prefix match at all (it cannot without text_pattern_ops
        # under a non-C collation).
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = found.explain()
    assert "accounts_user_handle_prefix" in plan, plan
