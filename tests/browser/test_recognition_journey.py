"""Taking part and being recognised, in a real browser (issue 24, parts 4, 5a and 5c): a
cardiologist who has only read so far is prompted on the home page towards a colleague's
unanswered question in their specialty, answers it, has the answer accepted, finds the badge in
their notifications and on their profile (and discreetly beside their name), then turns the
prompts off in Settings. Each page passes the accessibility scan in both colour schemes, at
desktop and phone width."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Preferences, Profile, Specialty
from forums.models import Post, Thread, ThreadState
from forums.posting.reactions import accept_answer
from tests.browser.axe import violations_in_both_schemes
from tests.browser.helpers import scrolls_sideways, sign_in
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_reader_is_prompted_answers_earns_a_badge_and_turns_prompts_off(
    page, viewport, screenshot
):
    # transaction=True flushes the rows migrations made: the specialty is made again
    cardiology = Specialty.objects.get_or_create(
        slug="cardiology", defaults={"name": "Cardiology"}
    )[0]
    forum = CategoryFactory(name="Cardiology", slug="cardiology")
    asker = UserFactory(handle="asker", display_name="Dr Asker")
    question = make_thread(
        category=forum, author=asker, title="Which beta-blocker after an inferior MI?"
    )
    Thread.objects.filter(pk=question.pk).update(created_at=timezone.now() - timedelta(hours=30))
    reader = UserFactory(handle="reader", email="reader@example.org", display_name="Dr Reader")
    reader.date_joined = timezone.now() - timedelta(days=60)  # past the new-member limits
    reader.save()
    Profile.objects.create(user=reader, specialty=cardiology, profession="physician")
    for _ in range(5):
        ThreadState.objects.create(user=reader, thread=make_thread(), last_read_number=1)

    sign_in(page, reader.email)  # lands on the home page: the prompt shows there, once a week
    prompt = page.get_by_role("complementary", name="A colleague is waiting for an answer")
    expect(prompt).to_be_visible()
    unanswered = page.get_by_role("region", name="Unanswered in your specialty")
    expect(
        unanswered.get_by_role("link", name="Which beta-blocker after an inferior MI?")
    ).to_be_visible()
    assert violations_in_both_schemes(page) == {}
    assert scrolls_sideways(page) == 0
    screenshot(page, "home-unanswered")

    prompt.get_by_role("link", name="Which beta-blocker after an inferior MI?").click()
    expect(page).to_have_url(f"{page.url.split('/t/')[0]}{question.get_absolute_url()}")
    page.goto(f"{question.get_absolute_url()}reply/")
    page.get_by_label("Your post").fill("Bisoprolol, started low once the pressure allows.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("Bisoprolol, started low")).to_be_visible()

    accept_answer(Post.objects.get(thread=question, number=2), by=asker)

    page.goto("/notifications/")
    notice = page.get_by_role("button", name="You earned the badge “Accepted answer”", exact=False)
    expect(notice).to_be_visible()
    assert violations_in_both_schemes(page) == {}
    notice.click()
    badges = page.get_by_role("region", name="Badges")
    expect(badges.get_by_text("Accepted answer")).to_be_visible()
    expect(badges.get_by_text("Wrote a reply its thread accepted.")).to_be_visible()
    assert violations_in_both_schemes(page) == {}
    assert scrolls_sideways(page) == 0
    screenshot(page, "profile-badges")

    page.goto(question.get_absolute_url())
    byline = page.locator("#post-2 .byline-badges")
    expect(byline).to_have_attribute("title", "Accepted answer")
    expect(byline).to_contain_text("Badges: Accepted answer")
    assert violations_in_both_schemes(page) == {}

    page.goto("/settings/preferences/")
    choice = page.get_by_label("Suggest an unanswered question in my specialty now and then")
    expect(choice).to_be_checked()
    choice.uncheck()
    page.get_by_role("button", name="Save preferences").click()
    expect(
        page.get_by_label("Suggest an unanswered question in my specialty now and then")
    ).not_to_be_checked()
    assert Preferences.objects.get(user=reader).participation_prompts is False
    assert violations_in_both_schemes(page) == {}
