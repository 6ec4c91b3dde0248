"""The profile and the directory shared between readers (``forums.pages.profiles``): a visitor's
profile from the visitors' page cache, members' pages shared by forum level with their own
parts filled in. What a profile shows retires them at once (``MEMBERS``); a member's own follow
or block retires nothing shared, yet shows on their next page."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin as django_admin
from django.test import Client

from accounts import blocking, network, profiles
from accounts.deletion import delete_account
from accounts.models import FollowLevel, User
from forums.sharing.cache import MEMBERS
from tests.members.helpers import listed
from tests.retiring import assert_retires

pytestmark = pytest.mark.django_db


@pytest.fixture
def sharing(settings, local_cache):
    settings.VISITOR_PAGE_SECONDS = 30


def _signed_in(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


def _edit(member, **changes) -> None:
    fields = {
        "display_name": member.display_name,
        "profession": "",
        "specialty": None,
        "career_stage": "",
        "country": "",
        "institution": "",
        "show_institution": False,
        "bio": "",
        "conflicts_of_interest": "",
        **changes,
    }
    profiles.update_profile(member, **fields)


def _handles(response) -> list[str]:
    html = response.content.decode()
    start = html.find('<ul class="member-list">')
    listed_part = html[start : html.find("</ul>", start)] if start >= 0 else ""
    return re.findall(r'<span class="handle">@([^<]+)</span>', listed_part)


def test_what_a_profile_shows_retires_the_shared_pages_and_a_members_own_state_does_not(
    user, other_user, local_cache
):
    with assert_retires(MEMBERS):
        _edit(user, display_name="Dr Ada")
    with assert_retires(MEMBERS):  # their follower count
        network.follow_member(follower=other_user, followed=user)
    with assert_retires():  # the follower's own level: their slot, not the shared page
        network.follow_member(follower=other_user, followed=user, level=FollowLevel.EMAIL)
    with assert_retires(MEMBERS):
        network.unfollow_member(follower=other_user, followed=user)
    with assert_retires():
        network.unfollow_member(follower=other_user, followed=user)  # no follow to remove
    with assert_retires():  # nobody else sees a block
        blocking.block_member(blocker=other_user, blocked=user)
    with assert_retires():
        blocking.unblock_member(blocker=other_user, blocked=user)


def test_a_visitor_gets_the_profile_from_the_cache_and_an_edit_at_once(
    client, user, sharing, django_assert_num_queries, django_capture_on_commit_callbacks
):
    assert client.get("/u/ada/").status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/u/ada/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        _edit(user, display_name="Dr Ada Lovelace")
    assert "Dr Ada Lovelace" in client.get("/u/ada/").content.decode()


def test_a_deleted_member_leaves_the_shared_profile_at_once(
    client, user, other_user, sharing, django_capture_on_commit_callbacks
):
    member = _signed_in(other_user)
    assert client.get("/u/ada/").status_code == 200
    assert member.get("/u/ada/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user, keep_posts=True)
    assert client.get("/u/ada/").status_code == 404
    assert member.get("/u/ada/").status_code == 404


def test_a_signed_in_profile_costs_no_query_once_shared_and_shows_the_viewers_follow_at_once(
    client, user, other_user, sharing, django_assert_num_queries, django_capture_on_commit_callbacks
):
    member = _signed_in(other_user)
    client.get("/u/ada/")  # a visitor's copy
    member.get("/u/ada/")  # the shared page, the viewer's relation, the session: now cached
    with django_assert_num_queries(0):
        html = member.get("/u/ada/").content.decode()
    assert "Unfollow" not in html
    assert "0 followers" in html
    with django_capture_on_commit_callbacks(execute=True):
        network.follow_member(follower=other_user, followed=user, level=FollowLevel.EMAIL)
    html = member.get("/u/ada/").content.decode()
    assert "Unfollow" in html
    assert '<option value="email" selected>' in html
    assert "1 follower" in html
    assert "1 follower" in client.get("/u/ada/").content.decode()  # visitors too


def test_a_block_shows_on_the_blockers_shared_profile_at_once_and_to_nobody_else(
    user, other_user, sharing, django_capture_on_commit_callbacks
):
    blocker, bystander = _signed_in(other_user), _signed_in(listed(handle="cyd"))
    assert "Send a private message" in blocker.get("/u/ada/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        blocking.block_member(blocker=other_user, blocked=user)
    html = blocker.get("/u/ada/").content.decode()
    assert "Unblock @ada" in html
    assert "Send a private message" not in html
    html = bystander.get("/u/ada/").content.decode()
    assert "Block @ada" in html
    assert "Unblock" not in html


def test_the_member_gets_their_own_profile_whole(user, other_user, sharing):
    _signed_in(other_user).get("/u/ada/")  # shared for members of these forum levels
    html = _signed_in(user).get("/u/ada/").content.decode()
    assert 'href="/u/ada/followers/"' in html  # theirs alone
    assert "follow-form" not in html


def test_the_shared_directory_costs_no_query_and_drops_who_leaves_it_at_once(
    user, sharing, django_assert_num_queries, django_capture_on_commit_callbacks
):
    shy, gone = listed(handle="shy"), listed(handle="gone")
    listed(handle="stays")
    member = _signed_in(user)
    assert sorted(_handles(member.get("/members/"))) == ["gone", "shy", "stays"]
    with django_assert_num_queries(0):
        member.get("/members/")
    with django_capture_on_commit_callbacks(execute=True):
        _edit(shy, listed_in_directory=False)
    assert sorted(_handles(member.get("/members/"))) == ["gone", "stays"]
    gone.is_active = False  # a moderator deactivates the account in the admin
    with django_capture_on_commit_callbacks(execute=True):
        django_admin.site._registry[User].save_model(None, gone, None, True)
    assert _handles(member.get("/members/")) == ["stays"]
