"""A member reports a post; a moderator signs in to admin with two-factor and hides it; the post
is gone for members."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.roles import ensure_moderators_group
from forums.models import Post
from forums.posting import create_reply
from forums.posting.moderation import ensure_moderator_permissions
from tests.browser.axe import violations_in_both_schemes
from tests.browser.helpers import sign_in, sign_in_to_admin, sign_out
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reported_post_is_hidden_by_a_moderator_and_gone_for_members(page):
    ensure_moderators_group()
    ensure_moderator_permissions()
    moderator = UserFactory(is_staff=True, email="mod@example.org", handle="mod")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    secret = generate_totp_secret()
    TOTP.activate(moderator, secret)
    member = UserFactory(email="ada@example.org", handle="ada")
    thread = make_thread(title="Statins in the very old", body="Do you deprescribe?")
    spam = create_reply(thread=thread, author=UserFactory(), body="Cheap watches at spam.example")

    sign_in(page, member.email)
    page.goto(thread.get_absolute_url())
    page.locator(f"#post-{spam.number}").get_by_role("link", name="Report").click()
    page.get_by_label("Spam").check()
    assert violations_in_both_schemes(page) == {}
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("Cheap watches")).to_be_visible()  # not a privacy report: it stays
    sign_out(page)

    sign_in_to_admin(page, moderator.email, secret)
    expect(page.get_by_text(re.compile("open reports", re.I))).to_be_visible()
    page.goto("/admin/forums/post/")
    page.locator(f"input[name=_selected_action][value='{spam.pk}']").check()
    page.locator("select[name=action]").select_option(label="Hide")
    page.get_by_title("Run the selected action").click()
    spam.refresh_from_db()
    assert spam.is_hidden
    page.goto("/")
    sign_out(page)

    sign_in(page, member.email)
    page.goto(thread.get_absolute_url())
    expect(page.get_by_text("Cheap watches")).to_have_count(0)
    expect(page.get_by_text("Do you deprescribe?")).to_be_visible()
    assert Post.objects.filter(pk=spam.pk, is_hidden=True).exists()
    assert page.csp_violations == []
