"""A moderator who is not a superuser (Moderators group, TOTP) does every action through the
admin; each goes through the site's service and lands in the audit log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import AuditEntry, User
from forums.models import Category, Post, Report, ReportReason, ReportStatus, Thread
from forums.posting.reports import report_content
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


def _act(client, url, action, pks, **extra):
    return client.post(url, {"action": action, "_selected_action": pks, **extra})


@pytest.mark.parametrize(
    ("action", "field", "start", "end"),
    [
        ("hide", "is_hidden", False, True),
        ("unhide", "is_hidden", True, False),
        ("lock", "is_locked", False, True),
        ("unlock", "is_locked", True, False),
        ("pin", "is_pinned", False, True),
        ("unpin", "is_pinned", True, False),
    ],
)
def test_thread_actions_change_the_thread_and_are_logged(
    moderator_client, mfa_moderator, action, field, start, end
):
    thread = make_thread()
    Thread.objects.filter(pk=thread.pk).update(**{field: start})
    response = _act(moderator_client, "/admin/forums/thread/", action, [thread.pk])
    assert response.status_code == 302
    assert getattr(Thread.objects.get(pk=thread.pk), field) is end
    assert AuditEntry.objects.filter(
        actor=mfa_moderator, action=f"thread.{action}", target_id=str(thread.pk)
    ).exists()


def test_moving_a_thread_asks_for_the_forum_then_moves_it_and_its_counts(
    moderator_client, mfa_moderator
):
    source, target = CategoryFactory(), CategoryFactory()
    thread = make_thread(category=source, replies=2)
    url = "/admin/forums/thread/"
    form = _act(moderator_client, url, "move", [thread.pk])
    assert form.status_code == 200
    assert "Move to forum" in form.content.decode()
    response = _act(
        moderator_client, url, "move", [thread.pk], apply="1", to=target.pk, reason="Wrong forum"
    )
    assert response.status_code == 302
    assert Thread.objects.get(pk=thread.pk).category == target
    source.refresh_from_db()
    target.refresh_from_db()
    assert (source.thread_count, source.post_count, source.last_thread) == (0, 0, None)
    assert (target.thread_count, target.post_count, target.last_thread_id) == (1, 3, thread.pk)
    entry = AuditEntry.objects.get(action="thread.move")
    assert (entry.actor, entry.reason, entry.details["to_forum"]) == (
        mfa_moderator,
        "Wrong forum",
        target.pk,
    )


def test_post_hide_and_unhide_go_through_the_service(moderator_client, mfa_moderator):
    post = make_thread(replies=1).posts.get(number=2)
    _act(moderator_client, "/admin/forums/post/", "hide", [post.pk])
    assert Post.objects.get(pk=post.pk).is_hidden
    _act(moderator_client, "/admin/forums/post/", "unhide", [post.pk])
    assert not Post.objects.get(pk=post.pk).is_hidden
    actions = AuditEntry.objects.filter(actor=mfa_moderator).values_list("action", flat=True)
    assert sorted(actions) == ["post.hide", "post.unhide"]


def test_deleting_a_spammers_posts_in_bulk_hides_all_they_wrote_once(
    moderator_client, mfa_moderator
):
    spammer = UserFactory()
    first = make_thread(author=spammer, replies=3)
    make_thread(author=spammer)
    bystander_post = make_thread(replies=0).posts.get()
    ticked = list(first.posts.values_list("pk", flat=True)[:2])
    response = _act(
        moderator_client,
        "/admin/forums/post/",
        "hide_all_by_author",
        ticked,
        apply="1",
        reason="Spam",
    )
    assert response.status_code == 302
    assert not Post.objects.filter(author=spammer, is_hidden=False).exists()
    assert not Thread.objects.filter(author=spammer, is_hidden=False).exists()
    assert not Post.objects.get(pk=bystander_post.pk).is_hidden
    entry = AuditEntry.objects.get(action="member.hide_all_posts")
    assert (entry.member, entry.details["posts"], entry.details["threads"]) == (spammer, 5, 2)


def test_resolving_and_dismissing_reports_in_admin_are_logged(
    moderator_client, mfa_moderator, user
):
    post = make_thread().posts.get()
    spam = report_content(post, by=user, reason=ReportReason.SPAM)
    rude = report_content(post, by=UserFactory(), reason=ReportReason.ABUSIVE)
    url = "/admin/forums/report/"
    _act(moderator_client, url, "resolve", [spam.pk], apply="1", note="Hidden")
    _act(moderator_client, url, "dismiss", [rude.pk], apply="1", note="")
    assert Report.objects.get(pk=spam.pk).status == ReportStatus.RESOLVED
    assert Report.objects.get(pk=rude.pk).status == ReportStatus.DISMISSED
    assert set(AuditEntry.objects.filter(actor=mfa_moderator).values_list("action", flat=True)) == {
        "report.resolve",
        "report.dismiss",
    }
    page = moderator_client.get(f"/admin/forums/report/{spam.pk}/change/")
    assert page.status_code == 200
    assert '<div class="moderation-preview"><p>Some <strong>text</strong></p>' in (
        page.content.decode()
    )


def test_suspending_a_member_asks_for_a_date_and_reason_and_lifting_ends_it(
    moderator_client, mfa_moderator, user
):
    url = "/admin/accounts/user/"
    until = (timezone.localtime() + timedelta(days=3)).replace(second=0, microsecond=0)
    missing = _act(moderator_client, url, "suspend", [user.pk], apply="1", until="", reason="")
    assert missing.status_code == 200
    assert missing.context["form"].errors.keys() == {"until", "reason"}
    _act(
        moderator_client,
        url,
        "suspend",
        [user.pk],
        apply="1",
        until=until.strftime("%Y-%m-%dT%H:%M"),
        reason="Repeated spam",
    )
    user.refresh_from_db()
    assert (user.suspended_until, user.suspension_reason) == (until, "Repeated spam")
    _act(moderator_client, url, "lift_suspension", [user.pk])
    user.refresh_from_db()
    assert user.suspended_until is None
    assert list(
        AuditEntry.objects.filter(member=user).order_by("pk").values_list("action", flat=True)
    ) == ["member.suspend", "member.lift_suspension"]


def test_a_moderator_cannot_suspend_another_moderator(moderator_client, mfa_moderator):
    other = UserFactory(is_staff=True)
    until = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = _act(
        moderator_client,
        "/admin/accounts/user/",
        "suspend",
        [other.pk],
        apply="1",
        until=until,
        reason="x",
    )
    assert response.status_code == 302
    assert User.objects.get(pk=other.pk).suspended_until is None


def test_moderators_can_only_look_elsewhere_in_admin(moderator_client):
    forum = CategoryFactory()
    assert moderator_client.get("/admin/forums/category/").status_code == 200
    assert moderator_client.get("/admin/forums/category/add/").status_code == 403
    response = moderator_client.post(f"/admin/forums/category/{forum.pk}/change/", {"name": "x"})
    assert response.status_code == 403
    assert Category.objects.get(pk=forum.pk).name == forum.name
    assert moderator_client.get("/admin/auth/group/").status_code == 403


def test_a_member_cannot_open_admin(auth_client):
    response = auth_client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert auth_client.get("/admin/forums/report/").status_code == 302


def test_the_audit_log_is_read_only_and_filters_by_moderator_and_member(
    moderator_client, mfa_moderator, user, other_user
):
    from accounts.audit import record

    record(actor=mfa_moderator, action="post.hide", target=user, member=user, reason="one")
    record(actor=mfa_moderator, action="post.hide", target=user, member=other_user, reason="two")
    url = "/admin/accounts/auditentry/"
    listing = moderator_client.get(url).content.decode()
    assert f'href="?member__id__exact={other_user.pk}"' in listing
    by_member = moderator_client.get(url, {"member__id__exact": other_user.pk})
    assert [e.reason for e in by_member.context["cl"].result_list] == ["two"]
    by_actor = moderator_client.get(url, {"actor__id__exact": mfa_moderator.pk})
    assert len(by_actor.context["cl"].result_list) == 2
    entry = AuditEntry.objects.first()
    change = moderator_client.post(f"/admin/accounts/auditentry/{entry.pk}/change/", {})
    assert change.status_code == 403
    assert moderator_client.get(f"{url}{entry.pk}/delete/").status_code == 403


def test_object_page_buttons_call_the_services_and_only_fitting_ones_show(
    moderator_client, mfa_moderator, user
):
    thread = make_thread()
    page = moderator_client.get(f"/admin/forums/thread/{thread.pk}/change/").content.decode()
    assert f"/admin/forums/thread/{thread.pk}/moderate/lock/" in page
    assert f"/admin/forums/thread/{thread.pk}/moderate/unlock/" not in page
    response = moderator_client.post(f"/admin/forums/thread/{thread.pk}/moderate/lock/")
    assert response.status_code == 302
    assert Thread.objects.get(pk=thread.pk).is_locked
    assert (
        moderator_client.get(f"/admin/forums/thread/{thread.pk}/moderate/pin/").status_code == 405
    )
    report = report_content(thread.posts.get(), by=user, reason=ReportReason.SPAM)
    moderator_client.post(f"/admin/forums/report/{report.pk}/moderate/dismiss/")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DISMISSED
    assert set(AuditEntry.objects.filter(actor=mfa_moderator).values_list("action", flat=True)) == {
        "thread.lock",
        "report.dismiss",
    }


def test_a_member_cannot_press_an_object_page_button(auth_client):
    thread = make_thread()
    response = auth_client.post(f"/admin/forums/thread/{thread.pk}/moderate/hide/")
    assert response.status_code == 302
    assert not Thread.objects.get(pk=thread.pk).is_hidden
