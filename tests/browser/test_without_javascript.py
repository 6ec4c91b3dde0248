"""With JavaScript turned off, a member reads a forum and a thread, pages through it, quotes a
post and replies, and starts a thread: every step is plain links and forms."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from forums.models import Post
from forums.selectors.common import POSTS_PER_PAGE
from tests.browser.helpers import sign_in
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_reading_quoting_and_replying_work_without_javascript(no_js_page):
    page = no_js_page
    forum = CategoryFactory(name="Cardiology", slug="cardiology")
    peer = UserFactory(handle="dr_ben", display_name="Ben")
    thread = make_thread(
        category=forum,
        author=peer,
        title="Wide-complex tachycardia",
        body="Which **criteria** do you use?",
        replies=POSTS_PER_PAGE + 1,
    )
    member = UserFactory(email="ada@example.org", handle="ada")

    sign_in(page, member.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Forums").click()
    page.get_by_role("link", name="Cardiology").click()
    page.get_by_role("link", name="Wide-complex tachycardia").click()
    expect(page.get_by_text("Which criteria do you use?")).to_be_visible()
    page.get_by_role("link", name="Next").click()
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    expect(page.get_by_text(f"Reply {POSTS_PER_PAGE + 1}", exact=True)).to_be_visible()
    page.get_by_role("link", name="Previous").click()

    # Quote is a link: the server puts the quoted post in the composer.
    page.locator("#post-1").get_by_role("link", name="Quote").click()
    body = page.get_by_label("Your post")
    expect(body).to_have_value(re.compile("Which \\*\\*criteria\\*\\* do you use\\?"))
    body.press("Control+End")
    body.type("\n\nVereckei's aVR algorithm, @dr_ben.")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".preview blockquote")).to_contain_text("Which criteria do you use?")
    page.get_by_role("button", name="Post reply").click()
    reply = page.locator("li.post").last
    expect(reply.locator("blockquote")).to_contain_text("Which criteria do you use?")
    expect(reply).to_contain_text("Vereckei's aVR algorithm")
    assert Post.objects.filter(thread=thread, author=member).count() == 1

    # A new thread, with the title check for similar threads (JavaScript) simply absent.
    page.goto(forum.get_absolute_url())
    page.get_by_role("link", name="New thread").click()
    # Proof that the page's scripts are off: js/similar.js would have added its (hidden) box.
    expect(page.locator("section.similar-threads")).to_have_count(0)
    page.get_by_label("Title").fill("Adenosine in pre-excited AF")
    page.get_by_label("Your post").fill("Never, surely?")
    page.get_by_role("button", name="Start thread").click()
    expect(page.get_by_role("heading", name="Adenosine in pre-excited AF")).to_be_visible()
