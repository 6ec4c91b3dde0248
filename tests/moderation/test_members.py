"""Members (issue 21 part 4): staff notes, official warnings the member sees on every page,
suspension with reason templates and lengths, and the author's own flagged case."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import moderation
from accounts.models import AuditEntry, MemberWarning, ReasonKind, ReasonTemplate, StaffNote
from cases import moderation as case_moderation
from tests.cases.conftest import make_case, publish
from tests.factories import UserFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_images(settings, tmp_path):
    settings.CASES_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def sam(db):
    return UserFactory(handle="sam_rivera", professional=True)


def moderate_url(member):
    return f"/admin/accounts/user/{member.pk}/moderate/"


def test_a_moderator_writes_a_staff_note_the_member_never_sees(
    moderator_client, mfa_moderator, sam, client
):
    moderator_client.post(moderate_url(sam), {"do": "note", "note-text": "Warned by phone"})
    assert StaffNote.objects.get(member=sam).author == mfa_moderator
    page = moderator_client.get(moderate_url(sam)).content.decode()
    assert "Warned by phone" in page
    assert "@mod added a staff note on @sam_rivera" in page
    client.force_login(sam)
    assert "Warned by phone" not in client.get("/").content.decode()


def test_a_warning_shows_on_every_page_until_the_member_reads_it(moderator_client, sam, client):
    template = ReasonTemplate.objects.create(
        kind=ReasonKind.WARN, title="Tone", text="Please keep replies civil."
    )
    moderator_client.post(
        moderate_url(sam), {"do": "warn", "warn-template": str(template.pk), "warn-text": ""}
    )
    warning = MemberWarning.objects.get(member=sam)
    assert warning.reason == "Please keep replies civil."
    client.force_login(sam)
    thread = make_thread()
    for url in ["/", "/forums/", thread.get_absolute_url(), "/cases/"]:
        assert "You have an official warning" in client.get(url).content.decode(), url
    page = client.get("/settings/warnings/").content.decode()
    assert "Please keep replies civil." in page
    client.post("/settings/warnings/")
    assert "You have an official warning" not in client.get("/").content.decode()
    assert MemberWarning.objects.get().acknowledged_at is not None


def test_a_warned_members_notice_never_reaches_a_page_shared_with_others(moderator, sam, client):
    moderation.warn_member(sam, by=moderator, reason="Spam links")
    other = UserFactory(professional=True)
    thread = make_thread()
    client.force_login(sam)
    client.get(thread.get_absolute_url())
    client.get("/forums/")
    client.force_login(other)
    for url in [thread.get_absolute_url(), "/forums/"]:
        html = client.get(url).content.decode()
        assert "official warning" not in html
        assert "Spam links" not in html


@pytest.mark.parametrize(
    ("length", "delta"),
    [
        ("1d", timedelta(days=1)),
        ("3d", timedelta(days=3)),
        ("1w", timedelta(weeks=1)),
        ("30d", timedelta(days=30)),
    ],
)
def test_suspension_lengths(moderator_client, sam, length, delta):
    moderator_client.post(
        moderate_url(sam),
        {"do": "suspend", "suspend-length": length, "suspend-text": "Repeated spam"},
    )
    sam.refresh_from_db()
    assert abs(sam.suspended_until - (timezone.now() + delta)) < timedelta(minutes=1)
    assert AuditEntry.objects.get(action="member.suspend").reason == "Repeated spam"


def test_a_custom_suspension_needs_a_future_date_and_loses_nothing(moderator_client, sam):
    page = moderator_client.post(
        moderate_url(sam),
        {"do": "suspend", "suspend-length": "custom", "suspend-text": "Keep this reason"},
    ).content.decode()
    assert "Choose the date the suspension ends." in page
    assert "Keep this reason" in page
    sam.refresh_from_db()
    assert sam.suspended_until is None


def test_a_suspended_member_sees_the_notice_on_every_page_at_once(moderator, sam, client):
    client.force_login(sam)
    thread = make_thread()
    client.get(thread.get_absolute_url())  # a page they were served before
    moderation.suspend_member(
        sam, by=moderator, until=timezone.now() + timedelta(days=3), reason="Spam"
    )
    for url in ["/", "/forums/", thread.get_absolute_url(), "/cases/", "/settings/profile/"]:
        html = client.get(url).content.decode()
        assert "Your account is suspended until" in html, url
        assert "Spam" in html


def test_the_author_keeps_seeing_their_flagged_case_marked_under_review(sam, moderator, client):
    case = publish(make_case(sam), sam, moderator)
    case_moderation.flag_case(case, by=UserFactory(professional=True), reason="A name")
    client.force_login(sam)
    html = client.get("/cases/").content.decode()
    assert case.title in html
    assert "Under review: hidden after a patient-privacy report" in html
