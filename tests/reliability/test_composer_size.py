"""A post over the size limit: the composer says what the limit is and keeps the text in the
browser (static/js/composer.js); without JavaScript the server's 413 page names the limit
(tests/config/test_error_pages.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in
from tests.factories import UserFactory, make_thread

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_a_reply_over_the_limit_is_not_sent_and_stays_in_the_composer(page, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 3_000
    user = UserFactory()
    thread = make_thread()
    sign_in(page, user.email)
    page.goto(f"{thread.get_absolute_url()}reply/")
    body = page.get_by_label("Your post")
    long_text = "A long differential, line by line.\n" * 100  # 3,600 characters
    body.fill(long_text)
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("alert")).to_contain_text("at most 2.9 KB")
    assert page.url.endswith("/reply/")  # not sent: still on the composer
    assert body.input_value() == long_text
    assert body.get_attribute("aria-invalid") == "true"
    assert thread.posts.count() == 1
    # Shortened, it goes.
    body.fill("Short enough now.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("Short enough now.")).to_be_visible()
    assert thread.posts.count() == 2
