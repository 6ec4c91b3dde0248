"""The audit log reads as sentences, filterable by what it is about, each linked to its object
(issue 21 part 5)."""

from __future__ import annotations

import pytest

from accounts.audit import describe
from accounts.models import AuditEntry
from forums.posting import moderation
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


def test_hiding_a_post_reads_as_a_sentence_linked_to_the_post(moderator_client, mfa_moderator):
    mfa_moderator.handle = "mod_lee"
    mfa_moderator.save()
    sam = UserFactory(handle="sam_rivera")
    post = make_thread(title="Chest pain at 3 am", author=sam).posts.get()
    moderation.hide_post(post, by=mfa_moderator, reason="spam")
    entry = AuditEntry.objects.select_related("actor", "member").get(action="post.hide")
    assert describe(entry) == "@mod_lee hid a post by @sam_rivera in “Chest pain at 3 am”: spam"
    page = moderator_client.get("/admin/accounts/auditentry/").content.decode()
    assert f'<a href="/admin/forums/post/{post.pk}/change/">@mod_lee hid a post' in page


def test_the_log_filters_by_what_it_is_about(moderator_client, mfa_moderator):
    sam = UserFactory(handle="sam_rivera")
    thread = make_thread(author=sam)
    moderation.hide_post(thread.posts.get(), by=mfa_moderator, reason="spam")
    moderation.lock_thread(thread, by=mfa_moderator)
    page = moderator_client.get("/admin/accounts/auditentry/?about=thread").content.decode()
    assert "locked the thread" in page
    assert "hid a post" not in page


def test_an_unknown_action_still_reads(mfa_moderator):
    entry = AuditEntry(actor=mfa_moderator, action="thing.frobnicate", target_repr="X")
    assert describe(entry) == "@mod: thing.frobnicate “X”"
