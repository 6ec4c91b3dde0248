"""Moderation services keep the search index in step: hidden content stops being found."""

from __future__ import annotations

import pytest

from forums.models import Post
from forums.posting.moderation import hide_member_posts
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


def test_hiding_a_members_spam_in_bulk_removes_it_from_search(mfa_moderator):
    spammer = UserFactory(handle="spammer")
    thread = make_thread(author=spammer, title="Cheap pharmacy", body="buy zolpidem online")
    other = make_thread(title="Insomnia", body="zolpidem in the elderly")
    assert Post.objects.filter(search_vector__isnull=False, thread=thread).exists()
    hide_member_posts(spammer, by=mfa_moderator, reason="spam")
    assert not Post.objects.filter(thread=thread, search_vector__isnull=False).exists()
    assert Post.objects.filter(thread=other, search_vector__isnull=False).exists()
