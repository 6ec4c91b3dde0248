"""Every write service retires the shared pages that show what it changed, itself (not as a
by-product of indexing for search), and a change to one member's own state retires nothing."""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil
from collections.abc import Callable

import pytest
from PIL import Image
from taggit.models import Tag

from forums import posting, uploads
from forums.models import Visibility
from forums.posting import categories, following, moderation, polls, reactions, reports
from forums.search.index import index_posts
from forums.sharing.cache import CONTENT, FORUMS
from tests.factories import CategoryFactory, UserFactory, make_thread
from tests.retiring import assert_retires

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 200)).save(out, "PNG")
    return out.getvalue()


class World:
    def __init__(self, moderator) -> None:
        self.moderator = moderator
        self.member = UserFactory(handle="writer")
        self.forum = CategoryFactory()
        self.other_forum = CategoryFactory()
        self.thread = make_thread(author=self.member, category=self.forum, replies=1)
        self.first = self.thread.posts.get(number=1)
        self.reply = self.thread.posts.get(number=2)
        self.tag = Tag.objects.create(name="sepsis", slug="sepsis")
        self.poll_spec = polls.PollSpec(question="Rate or rhythm?", options=("Rate", "Rhythm"))


# service name -> (how to call it on the world, the generations it must retire)
SERVICES: dict[str, tuple[Callable[[World], object], tuple[str, ...]]] = {
    "writing.create_thread": (
        lambda w: posting.create_thread(category=w.forum, author=w.member, title="New", body="b"),
        (CONTENT,),
    ),
    "writing.create_reply": (
        lambda w: posting.create_reply(thread=w.thread, author=w.member, body="more"),
        (CONTENT,),
    ),
    "editing.edit_post": (
        lambda w: posting.edit_post(w.reply, by=w.member, body="edited"),
        (CONTENT,),
    ),
    "editing.edit_thread": (
        lambda w: posting.edit_thread(w.thread, by=w.member, title="Renamed", tags=["x"]),
        (CONTENT,),
    ),
    # Quotes of a thread that is no case discussion stay as written: nothing changes, nothing
    # is retired (tests/cases/test_case_quotes.py covers a hidden case's quotes being cut).
    "editing.link_quotes_of_case_discussion": (
        lambda w: posting.link_quotes_of_case_discussion(w.thread.pk),
        (),
    ),
    "deleting.delete_post": (lambda w: posting.delete_post(w.reply, by=w.member), (CONTENT,)),
    "drafts.save_draft": (
        lambda w: posting.save_draft(user=w.member, thread=w.thread, body="draft"),
        (),
    ),
    "drafts.discard_draft": (
        lambda w: posting.discard_draft(user=w.member, thread=w.thread),
        (),
    ),
    # Images in posts: pages show the stored HTML, and the image view reads its row each time.
    "uploads.store_post_image": (
        lambda w: uploads.store_post_image(
            by=w.member, data=_png(), alt_text="A strip", thread=w.thread
        ),
        (),
    ),
    "uploads.attach_images": (lambda w: uploads.attach_images(post=w.reply, by=w.member), ()),
    "uploads.delete_unattached_images": (lambda w: uploads.delete_unattached_images(), ()),
    "reactions.react_to_post": (
        lambda w: reactions.react_to_post(w.reply, by=w.moderator),
        (CONTENT,),
    ),
    "reactions.accept_answer": (
        lambda w: reactions.accept_answer(w.reply, by=w.member),
        (CONTENT,),
    ),
    "reactions.bookmark_post": (lambda w: reactions.bookmark_post(w.reply, user=w.member), ()),
    "reactions.remove_bookmark": (
        lambda w: reactions.remove_bookmark(w.reply, user=w.member),
        (),
    ),
    "moderation.lock_thread": (
        lambda w: moderation.lock_thread(w.thread, by=w.moderator),
        (CONTENT,),
    ),
    "moderation.pin_thread": (
        lambda w: moderation.pin_thread(w.thread, by=w.moderator),
        (CONTENT,),
    ),
    "moderation.hide_thread": (
        lambda w: moderation.hide_thread(w.thread, by=w.moderator),
        (CONTENT,),
    ),
    "moderation.hide_post": (
        lambda w: moderation.hide_post(w.reply, by=w.moderator),
        (CONTENT,),
    ),
    "moderation.move_thread": (
        lambda w: moderation.move_thread(w.thread, to=w.other_forum, by=w.moderator),
        (CONTENT,),
    ),
    "moderation.hide_member_posts": (
        lambda w: moderation.hide_member_posts(w.member, by=w.moderator),
        (CONTENT,),
    ),
    "moderation.redact_post": (
        lambda w: moderation.redact_post(w.reply, by=w.moderator, reason="identifier"),
        (CONTENT,),
    ),
    "following.mark_thread_read": (
        lambda w: following.mark_thread_read(w.thread, user=w.moderator, number=2),
        (),
    ),
    "following.set_watch_level": (
        lambda w: following.set_watch_level(w.thread, user=w.moderator, level="muted"),
        (),
    ),
    "following.follow_category": (
        lambda w: following.follow_category(w.forum, user=w.moderator),
        (),
    ),
    "following.unfollow_category": (
        lambda w: following.unfollow_category(w.forum, user=w.moderator),
        (),
    ),
    "following.follow_tag": (lambda w: following.follow_tag(w.tag, user=w.moderator), ()),
    "following.unfollow_tag": (lambda w: following.unfollow_tag(w.tag, user=w.moderator), ()),
    "polls.attach_poll": (
        lambda w: polls.attach_poll(thread=w.thread, by=w.member, spec=w.poll_spec),
        (CONTENT,),
    ),
    "categories.save_forum": (
        lambda w: categories.save_forum(CategoryFactory.build(name="New forum", slug="new")),
        (FORUMS,),
    ),
    "categories.delete_forum": (lambda w: categories.delete_forum(w.other_forum), (FORUMS,)),
    "reports.report_content": (
        lambda w: reports.report_content(w.reply, by=w.moderator, reason="spam"),
        (),
    ),
    "reports.resolve_report": (
        lambda w: reports.resolve_report(
            reports.report_content(w.reply, by=w.moderator, reason="spam"), by=w.moderator
        ),
        (),
    ),
    "reports.dismiss_report": (
        lambda w: reports.dismiss_report(
            reports.report_content(w.reply, by=w.moderator, reason="spam"), by=w.moderator
        ),
        (),
    ),
}

# Services measured from a prepared state: (prepare, the call), the generations.
UNDOING = {
    "reactions.remove_reaction": (
        lambda w: reactions.react_to_post(w.reply, by=w.moderator),
        lambda w: reactions.remove_reaction(w.reply, by=w.moderator),
        (CONTENT,),
    ),
    "reactions.unaccept_answer": (
        lambda w: reactions.accept_answer(w.reply, by=w.member),
        lambda w: reactions.unaccept_answer(w.thread, by=w.member),
        (CONTENT,),
    ),
    "moderation.unlock_thread": (
        lambda w: moderation.lock_thread(w.thread, by=w.moderator),
        lambda w: moderation.unlock_thread(w.thread, by=w.moderator),
        (CONTENT,),
    ),
    "moderation.unpin_thread": (
        lambda w: moderation.pin_thread(w.thread, by=w.moderator),
        lambda w: moderation.unpin_thread(w.thread, by=w.moderator),
        (CONTENT,),
    ),
    "moderation.unhide_thread": (
        lambda w: moderation.hide_thread(w.thread, by=w.moderator),
        lambda w: moderation.unhide_thread(w.thread, by=w.moderator),
        (CONTENT,),
    ),
    "moderation.unhide_post": (
        lambda w: moderation.hide_post(w.reply, by=w.moderator),
        lambda w: moderation.unhide_post(w.reply, by=w.moderator),
        (CONTENT,),
    ),
}

# A poll's services, from a thread with a poll: (prepare, the call), the generations.
UNDOING |= {
    f"polls.{name}": (
        lambda w: polls.attach_poll(thread=w.thread, by=w.member, spec=w.poll_spec),
        call,
        (CONTENT,),
    )
    for name, call in {
        "vote": lambda w: polls.vote(poll=w.thread.poll, by=w.moderator, choices=[0]),
        "close_poll": lambda w: polls.close_poll(poll=w.thread.poll, by=w.member),
        "remove_poll": lambda w: polls.remove_poll(thread=w.thread, by=w.moderator),
    }.items()
}

# Public functions of these modules that write nothing a page shows, or are not services.
NOT_SERVICES = {
    "checks.check_text",
    "text.without_nul",
    "text.thread_slug",
    "text.clean_tags",
    "text.render_post",
    "text.quoted_authors",
    "text.quote_markdown",
    "text.quote_attribution",
    "drafts.get_draft",
    "limits.is_new_member",
    "limits.count_links",
    "limits.check_new_member_text",
    "limits.check_post",
    "limits.check_rate",
    "limits.check_vote",
    "limits.check_edit",
    "limits.check_report",
    "limits.check_message",  # a step of the consult services (forums.consults)
    "reports.can_report",
    "uploads.markdown_for",
    "uploads.checked_upload",  # cleans and checks an image; stores nothing (a step of the two)
    "uploads.image_keys",
    "following.watch_after_posting",  # part of create_thread and create_reply
    # Steps of the posting and moderation services (which retire what their pages show):
    # contributions on profiles and a thread's participants (forums.posting.activity).
    "activity.note_new_post",
    "activity.note_helpful",
    "activity.note_accepted",
    "activity.recount_after_moderation",
    "activity.recount_members",
    "activity.recount_participants",
    "moderation.ensure_moderator_permissions",
    "moderation.remove_quotes_of",
    "moderation.refresh_last_threads",  # a step of the services that hide (they retire)
    "polls.check_spec",
    "polls.results",
    "polls.thread_poll",
    "polls.own_choices",
}


@pytest.fixture
def world(moderator):
    return World(moderator)


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_a_write_service_retires_what_its_pages_show(name, world):
    call, retired = SERVICES[name]
    with assert_retires(*retired):
        call(world)


@pytest.mark.parametrize("name", sorted(UNDOING))
def test_undoing_retires_what_doing_did(name, world):
    prepare, call, retired = UNDOING[name]
    with assert_retires(*retired):
        prepare(world)
    with assert_retires(*retired):
        call(world)


def test_a_new_visibility_retires_the_forums_pages_and_what_they_hold(world):
    world.forum.visibility = Visibility.VERIFIED
    with assert_retires(CONTENT, FORUMS):
        categories.save_forum(world.forum)


def test_a_privacy_report_hides_the_content_from_the_shared_pages_at_once(world):
    # Found moving the reports into forums/posting/: the post was hidden, but the shared
    # thread pages kept showing it until something else changed.
    with assert_retires(CONTENT):
        reports.report_content(world.reply, by=world.moderator, reason="privacy", text="Bed 4")
    with assert_retires(CONTENT):
        reports.report_content(world.thread, by=world.moderator, reason="privacy", text="Bed 4")


def test_indexing_for_search_retires_nothing(world):
    with assert_retires():
        index_posts(thread_ids=[world.thread.pk])


def test_every_public_service_of_the_forums_write_modules_is_in_the_table():
    modules = [
        importlib.import_module(f"forums.posting.{info.name}")
        for info in pkgutil.iter_modules(posting.__path__)
    ] + [uploads]
    assert {"writing", "editing", "moderation", "reactions", "reports"} <= {
        module.__name__.rpartition(".")[2] for module in modules
    }
    public = {
        f"{module.__name__.rpartition('.')[2]}.{name}"
        for module in modules
        for name, value in vars(module).items()
        if inspect.isfunction(value)
        and value.__module__ == module.__name__
        and not name.startswith("_")
    }
    assert public - set(SERVICES) - set(UNDOING) - NOT_SERVICES == set()


def test_the_helper_fails_when_a_block_retires_more_or_less(world):
    with pytest.raises(AssertionError, match="retired"), assert_retires():
        posting.create_reply(thread=world.thread, author=world.member, body="more")
    with pytest.raises(AssertionError, match="retired"), assert_retires(CONTENT):
        index_posts(thread_ids=[world.thread.pk])
