"""Recognition (issue 24, part 4): each badge's rule at its entry point, the event's own
service, on real PostgreSQL; granted once; a notification (on the site and by email) when
earned; shown on the profile and beside the name."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from accounts import verification
from accounts.models import Preferences, User
from forums.models import Award, Notification, NotificationKind, Thread
from forums.posting import SITE, create_reply
from forums.posting.reactions import accept_answer, react_to_post, remove_reaction
from forums.recognition import badges
from forums.recognition.granting import grant
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


def _codes(user) -> set[str]:
    return set(Award.objects.filter(user=user).values_list("badge", flat=True))


def test_an_accepted_answer_earns_its_author_the_badge_once(user, other_user):
    thread = make_thread(author=user)
    first = create_reply(thread=thread, author=other_user, body="Try this", origin=SITE)
    second = create_reply(thread=thread, author=other_user, body="Or that", origin=SITE)
    accept_answer(first, by=user)
    accept_answer(second, by=user)  # a second accepted answer: still one badge
    assert _codes(other_user) == {badges.ACCEPTED}
    assert Award.objects.filter(user=other_user).count() == 1
    other_user.refresh_from_db()
    assert other_user.badges == [badges.ACCEPTED]
    assert (
        Notification.objects.filter(recipient=other_user, kind=NotificationKind.BADGE).count() == 1
    )


def test_accepting_ones_own_reply_earns_nothing(user):
    thread = make_thread(author=user)
    mine = create_reply(thread=thread, author=user, body="Answering myself", origin=SITE)
    accept_answer(mine, by=user)
    assert _codes(user) == set()


def test_the_tenth_helpful_mark_earns_the_badge_and_marks_taken_back_do_not_count(user):
    thread = make_thread(author=user, replies=1)
    post = thread.posts.get(number=2)
    readers = [UserFactory() for _ in range(11)]
    for reader in readers[:9]:
        react_to_post(post, by=reader)
    assert _codes(user) == set()
    remove_reaction(post, by=readers[0])
    react_to_post(post, by=readers[9])  # nine marks again
    assert _codes(user) == set()
    react_to_post(post, by=readers[10])  # the tenth
    assert _codes(user) == {badges.HELPFUL}
    react_to_post(post, by=readers[0])  # an eleventh: nothing more
    assert Award.objects.filter(user=user).count() == 1


def test_verification_approved_earns_the_verified_clinician_badge(user, mfa_moderator):
    req = verification.request_verification(
        user,
        registration_number="GMC 7012345",
        registering_body="General Medical Council",
        country="United Kingdom",
    )
    verification.approve_verification(req, by=mfa_moderator)
    assert _codes(user) == {badges.VERIFIED}


def test_the_database_refuses_a_second_row_for_the_same_badge(user):
    assert grant(user_id=user.pk, badge=badges.ACCEPTED) is not None
    assert grant(user_id=user.pk, badge=badges.ACCEPTED) is None
    with pytest.raises(IntegrityError), transaction.atomic():
        Award.objects.create(user=user, badge=badges.ACCEPTED)
    user.refresh_from_db()
    assert user.badges == [badges.ACCEPTED]  # appended once


def test_an_unknown_badge_is_refused(user):
    with pytest.raises(ValueError, match="No badge"):
        grant(user_id=user.pk, badge="made_up")


def test_the_notification_opens_the_members_badges_and_names_the_badge(client, user, other_user):
    thread = make_thread(author=user)
    accept_answer(create_reply(thread=thread, author=other_user, body="x", origin=SITE), by=user)
    client.force_login(other_user)
    page = client.get("/notifications/").content.decode()
    assert "You earned the badge “Accepted answer”" in page
    note = Notification.objects.get(recipient=other_user, kind=NotificationKind.BADGE)
    response = client.post(f"/notifications/{note.pk}/open/")
    assert response.status_code == 302
    assert response["Location"] == f"/u/{other_user.handle}/#badges"
    profile = client.get(f"/u/{other_user.handle}/").content.decode()
    assert 'id="badges"' in profile
    assert "Wrote a reply its thread accepted." in profile


def test_the_badge_is_emailed_in_the_batched_notification_email(
    user, other_user, django_capture_on_commit_callbacks
):
    thread = make_thread(author=user, title="Statins in the very old")
    with django_capture_on_commit_callbacks(execute=True):
        reply = create_reply(thread=thread, author=other_user, body="Deprescribe", origin=SITE)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accept_answer(reply, by=user)
    (message,) = mail.outbox
    assert message.to == [other_user.email]
    assert "You earned the badge “Accepted answer”" in message.subject
    assert f"/u/{other_user.handle}/#badges" in message.body
    assert "Statins" not in message.body  # nothing about the thread, only the badge


def test_no_badge_email_for_a_member_who_turned_it_off(
    user, other_user, django_capture_on_commit_callbacks
):
    Preferences.objects.update_or_create(user=other_user, defaults={"email_on_badge": False})
    thread = make_thread(author=user)
    reply = create_reply(thread=thread, author=other_user, body="x", origin=SITE)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        accept_answer(reply, by=user)
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=other_user, kind=NotificationKind.BADGE).exists()


def test_the_byline_shows_the_badges_from_the_user_row(client, user, other_user):
    thread = make_thread(author=user)
    accept_answer(create_reply(thread=thread, author=other_user, body="x", origin=SITE), by=user)
    thread = Thread.objects.get(pk=thread.pk)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert '<span class="visually-hidden">Badges: Accepted answer</span>' in html
    assert User.objects.get(pk=user.pk).badges == []


def test_bylines_with_badges_cost_no_query_per_post(client, django_assert_num_queries):
    """A thread page of more posts than a page holds, every author with badges: the same
    three queries as a page of authors without any (thread, tags, posts with authors)."""
    from forums.selectors import common

    authors = [UserFactory() for _ in range(5)]
    for number, author in enumerate(authors):
        User.objects.filter(pk=author.pk).update(
            badges=[badges.HELPFUL, badges.ACCEPTED] if number % 2 else [badges.FIRST_RESPONDER]
        )
    thread = make_thread(author=authors[0])
    for i in range(common.POSTS_PER_PAGE + 5):
        create_reply(thread=thread, author=authors[i % 5], body=f"Reply {i}", origin=SITE)
    with django_assert_num_queries(3):
        html = client.get(thread.get_absolute_url()).content.decode()
    assert html.count('class="byline-badges"') == common.POSTS_PER_PAGE
    assert "Badges: Helpful, Accepted answer" in html
    assert "Badges: First responder" in html


def test_the_forums_back_fill_grants_helpful_accepted_and_verified_once(user, other_user):
    from importlib import import_module

    from django.db import connection
    from django.utils import timezone

    from accounts.models import VerificationRequest, VerificationStatus

    thread = make_thread(author=user)
    reply = create_reply(thread=thread, author=other_user, body="x", origin=SITE)
    for _ in range(10):
        react_to_post(reply, by=UserFactory())
    accept_answer(reply, by=user)
    VerificationRequest.objects.create(
        user=user,
        registration_number="GMC 1",
        registering_body="GMC",
        country="UK",
        status=VerificationStatus.APPROVED,
        decided_at=timezone.now(),
    )
    seeded = UserFactory(professional=True)  # verified without a request (the demo seeder)
    Award.objects.all().delete()
    User.objects.update(badges=[])
    module = import_module("forums.migrations.0017_backfill_badges")
    with connection.cursor() as cursor:
        for _ in range(2):
            for sql in (*module.INSERTS, module.DENORMALISE):
                cursor.execute(sql)
    assert _codes(other_user) == {badges.HELPFUL, badges.ACCEPTED}
    assert _codes(user) == {badges.VERIFIED}
    assert _codes(seeded) == {badges.VERIFIED}
    other_user.refresh_from_db()
    assert sorted(other_user.badges) == sorted([badges.HELPFUL, badges.ACCEPTED])


def test_a_new_badge_retires_the_shared_pages_and_a_second_grant_retires_nothing(user, local_cache):
    from forums.sharing.cache import CONTENT
    from tests.retiring import assert_retires

    with assert_retires(CONTENT):  # bylines on shared thread pages show it
        grant(user_id=user.pk, badge=badges.HELPFUL)
    with assert_retires():
        grant(user_id=user.pk, badge=badges.HELPFUL)
