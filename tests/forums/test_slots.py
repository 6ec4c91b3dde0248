"""The seam of the shared member pages: ``{% slot %}`` renders its body, or its marker in a
page rendered to be shared; a declared page must fill every slot it has; the neutral reader
the shared pages are rendered for answers every permission check as a member of the same
standing who wrote, reacted to and bookmarked nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template, TemplateSyntaxError
from django.utils import timezone

from accounts.permissions import Reader, can_post, is_moderator, visible_forum_levels
from forums.permissions import (
    can_accept_answer,
    can_delete_post,
    can_edit_post,
    can_reply,
    can_view_history,
)
from forums.sharing.member_pages import SHARED_PAGES, SharedMemberPage
from forums.sharing.slots import SHARING, cut, fill, slots_in
from tests.factories import UserFactory, make_thread

SOURCE = '{% load slots %}<p>{% slot "who" %}{{ name }}{% endslot %}</p>'


def test_a_slot_renders_its_body():
    assert Template(SOURCE).render(Context({"name": "Ada"})) == "<p>Ada</p>"


def test_a_slot_in_a_page_rendered_to_be_shared_is_a_marker_filled_per_request():
    parts = cut(Template(SOURCE).render(Context({"name": "Ada", SHARING: True})))
    assert all("Ada" not in part for part in parts if isinstance(part, str))
    assert b"Ada" not in b"".join(part for part in parts if isinstance(part, bytes))
    assert slots_in(parts) == {"who"}
    assert fill(parts, {"who": "Ben"}) == b"<p>Ben</p>"
    assert fill(parts, {"who": b"B\xc3\xa9a"}) == "<p>Béa</p>".encode()


@pytest.mark.parametrize("tag", ["{% slot who %}", "{% slot 'Who' %}", '{% slot "a" "b" %}'])
def test_a_slot_is_named_by_one_lowercase_string(tag):
    with pytest.raises(TemplateSyntaxError):
        Template("{% load slots %}" + tag + "{% endslot %}")


def test_a_page_whose_slot_has_no_filler_is_refused_when_built():
    class Half(SharedMemberPage):
        name = "test-half"
        url_name = "forums:index"

        def fill_one(self, request, shared, state) -> str:
            return ""

    try:

        class Shared:
            page = cut(Template(SOURCE).render(Context({SHARING: True})))

        with pytest.raises(ImproperlyConfigured, match="who"):
            Half().checked(Shared())
    finally:
        del SHARED_PAGES["test-half"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "standing",
    [{}, {"professional": True}, {"suspended": True}, {"is_staff": True}, {"is_active": False}],
)
def test_the_neutral_reader_answers_as_its_member_would_for_posts_that_are_not_theirs(
    standing, other_user
):
    suspended = standing.pop("suspended", False)
    member = UserFactory(**standing)
    if suspended:
        member.suspended_until = timezone.now() + timedelta(days=1)
    thread = make_thread(author=other_user, replies=1)
    post = thread.posts.get(number=2)
    reader = Reader.like(member)
    assert reader.pk == 0
    for check in (can_post, is_moderator, visible_forum_levels):
        assert check(reader) == check(member), check.__name__
    for check in (can_edit_post, can_delete_post, can_view_history):
        assert check(reader, post) == check(member, post), check.__name__
    for check in (can_reply, can_accept_answer):
        assert check(reader, thread) == check(member, thread), check.__name__


@pytest.mark.django_db
def test_the_neutral_reader_owns_nothing_its_member_wrote():
    member = UserFactory()
    thread = make_thread(author=member, replies=0)
    post = thread.posts.get(number=1)
    assert can_edit_post(member, post)
    assert can_accept_answer(member, thread)
    reader = Reader.like(member)
    assert not can_edit_post(reader, post)
    assert not can_accept_answer(reader, thread)
    assert not can_view_history(reader, post)
