"""The case review page kept for the moderator who opens it again (issue 28: the review page at
0.30x of the hello view), and what keeps that safe (cases.review_admin.review_view): a change
to any row it reads shows at once, the claim it states is never out of date, the reader's own
CSRF token is put in, and Approve is refused when the case changed after the page was read,
kept copy or not."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import ReasonKind, ReasonTemplate
from cases import moderation
from cases.models import Case, CaseStatus, KeptFinding
from forums.sharing.fragments import CSRF_PLACEHOLDER
from tests.cases.conftest import make_case, submit
from tests.factories import UserFactory
from tests.moderation.test_review_page import shown_on, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keeping(settings, tmp_path):
    settings.VISITOR_PAGE_SECONDS = 30
    settings.CASES_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def author(db):
    return UserFactory(professional=True, handle="author", email="author@example.org")


@pytest.fixture
def pending(author):
    case = make_case(author)
    submit(case, author)
    return case


def opened(client, case) -> str:
    """The page as the moderator sees it after opening it (claimed, then kept)."""
    client.get(url(case))  # claims the case: a write, so this copy is not the one kept
    return client.get(url(case)).content.decode()  # rendered under the claim, and kept


def test_opening_the_case_again_is_served_the_kept_page_without_a_query(moderator_client, pending):
    first = opened(moderator_client, pending)
    with CaptureQueriesContext(connection) as queries:
        again = moderator_client.get(url(pending))
    assert again.status_code == 200
    assert len(queries) == 0, [q["sql"][:80] for q in queries]
    html = again.content.decode()
    assert html.count("csrfmiddlewaretoken") == first.count("csrfmiddlewaretoken") > 3
    assert CSRF_PLACEHOLDER not in html
    assert "You are reviewing this case until" in html
    # Its forms work: the reader's own token was put in, and the hash is the one shown.
    token = moderator_client.cookies["csrftoken"].value
    moderator_client.handler.enforce_csrf_checks = True
    try:
        import re

        form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        assert form_token != token  # masked, as Django's own are
        response = moderator_client.post(
            url(pending),
            {"do": "approve", "shown": shown_on(html), "csrfmiddlewaretoken": form_token},
        )
    finally:
        moderator_client.handler.enforce_csrf_checks = False
    assert response.status_code == 302
    assert Case.objects.get(pk=pending.pk).status == CaseStatus.PUBLISHED


def test_a_row_the_page_reads_shows_at_once_when_saved(moderator_client, pending, author):
    opened(moderator_client, pending)
    KeptFinding.objects.create(
        case=pending,
        field="history",
        kind="NAME",
        text="sudden",
        reason="Not a name here",
        kept_by=author,
    )
    assert "Not a name here" in moderator_client.get(url(pending)).content.decode()
    ReasonTemplate.objects.create(kind=ReasonKind.RETURN, title="Ward names", text="Remove it.")
    assert "Ward names" in moderator_client.get(url(pending)).content.decode()


def test_approve_is_refused_when_the_case_changed_after_the_page_was_read(
    moderator_client, pending
):
    html = opened(moderator_client, pending)
    # A change no service made (SQL, a bulk update): nothing moves the page's generations, so
    # the kept copy may be served for up to VISITOR_PAGE_SECONDS; the decision may not.
    Case.objects.filter(pk=pending.pk).update(history="Seen with his wife Maria Lopez.")
    stale = moderator_client.get(url(pending)).content.decode()
    assert "Maria Lopez" not in stale
    response = moderator_client.post(
        url(pending), {"do": "approve", "shown": shown_on(html)}, follow=True
    )
    page = response.content.decode()
    assert "The case changed after this page was opened: nothing was done." in page
    assert Case.objects.get(pk=pending.pk).status == CaseStatus.PENDING
    assert "Maria Lopez" in page  # shown again, read now (a message is pending: not kept)
    moderator_client.post(url(pending), {"do": "approve", "shown": shown_on(page)})
    assert Case.objects.get(pk=pending.pk).status == CaseStatus.PUBLISHED


def test_approve_without_the_hash_is_refused(moderator_client, pending):
    opened(moderator_client, pending)
    moderator_client.post(url(pending), {"do": "approve"})
    assert Case.objects.get(pk=pending.pk).status == CaseStatus.PENDING


def another_moderator(mfa_moderator, handle: str) -> Client:
    """A second moderator's browser (``moderator_client`` is pytest-django's ``client``)."""
    other = UserFactory(handle=handle, is_staff=True)
    other.groups.add(*mfa_moderator.groups.all())
    TOTP.activate(other, generate_totp_secret())
    browser = Client()
    browser.force_login(other)
    browser.user = other
    return browser


def test_another_moderator_taking_over_shows_on_the_kept_page(
    moderator_client, mfa_moderator, pending
):
    opened(moderator_client, pending)
    another_moderator(mfa_moderator, "mod_two").post(url(pending), {"do": "take_over"})
    html = moderator_client.get(url(pending)).content.decode()
    assert "Being reviewed by @mod_two until" in html
    assert 'value="approve"' not in html


def test_the_kept_page_is_not_served_once_the_claim_is_due_for_renewal(moderator_client, pending):
    opened(moderator_client, pending)
    half = timedelta(minutes=moderation.CLAIM_MINUTES / 2)
    case = Case.objects.get(pk=pending.pk)
    case.claimed_until = timezone.now() + half + timedelta(seconds=1)
    case.save(update_fields=["claimed_until"])  # a service's save: the page is rendered again
    moderator_client.get(url(pending))  # more than half to go: kept, without renewing
    assert Case.objects.get(pk=pending.pk).claimed_until == case.claimed_until
    time.sleep(1.2)  # now less than half: the kept copy would say the old time
    moderator_client.get(url(pending))
    renewed = Case.objects.get(pk=pending.pk).claimed_until
    assert renewed > timezone.now() + timedelta(minutes=moderation.CLAIM_MINUTES - 1)


def test_a_second_moderator_reading_along_is_kept_their_own_copy(
    moderator_client, mfa_moderator, pending
):
    opened(moderator_client, pending)
    other = another_moderator(mfa_moderator, "mod_three")
    for _ in range(2):  # rendered, then kept for them
        html = other.get(url(pending)).content.decode()
        assert "Being reviewed by @mod until" in html  # not the first moderator's "You are"
        assert "You are reviewing" not in html
        assert f"<strong>{other.user.get_short_name()}</strong>" in html  # their own header
        assert mfa_moderator.get_short_name() not in html


def test_the_hash_moves_with_every_row_the_page_reads_and_not_with_the_claim(author, moderator):
    """``cases.review.shown``: a bare SQL-level update (no signal, no service) of any row the
    review page shows moves the hash Approve and Restore are checked against; the claim, which
    every opening renews, does not."""
    from cases.discussion import post_case_reply
    from cases.models import CaseImage, CaseRevision, PrivacyFlag, QuizOption
    from cases.review import shown
    from forums.models import Post
    from tests.cases.conftest import publish

    case = publish(make_case(author), author, moderator)
    reply = post_case_reply(
        case, by=UserFactory(professional=True), body="Consider an echocardiogram."
    )
    moderation.flag_case(case, by=moderator, reason="a name", post=reply)
    QuizOption.objects.create(case=case, text="HOCM", is_correct=True)
    KeptFinding.objects.create(
        case=case, field="history", kind="NAME", text="sudden", reason="r", kept_by=author
    )
    image = CaseImage.objects.create(
        case=case, file="cases/x.png", content_type="image/png", alt_text="ECG"
    )
    changes = {
        "a field": lambda: Case.objects.filter(pk=case.pk).update(history="Named now."),
        "the status": lambda: Case.objects.filter(pk=case.pk).update(status=CaseStatus.RETURNED),
        "a quiz option": lambda: QuizOption.objects.filter(case=case).update(is_correct=False),
        "the consent": lambda: case.consents.update(policy_reason="changed"),
        "a kept finding": lambda: KeptFinding.objects.filter(case=case).update(reason="other"),
        "an image's findings": lambda: CaseImage.objects.filter(pk=image.pk).update(
            findings=[{"kind": "NAME", "text": "Okafor", "box": [1, 2, 3, 4]}]
        ),
        "a flag": lambda: PrivacyFlag.objects.filter(case=case).update(reason="two names"),
        "the flagged reply": lambda: Post.objects.filter(pk=reply.pk).update(
            source="Consider a stress test."
        ),
        "a new revision": lambda: CaseRevision.objects.create(
            case=case, number=99, content={"history": "old"}
        ),
    }
    assert case.consents.exists()
    for what, change in changes.items():
        before = shown(case.pk)
        change()
        assert shown(case.pk).content != before.content, what
    before = shown(case.pk)
    Case.objects.filter(pk=case.pk).update(
        claimed_by=moderator, claimed_until=timezone.now() + timedelta(minutes=15)
    )
    after = shown(case.pk)
    assert after.content == before.content
    assert after.claimed_by_id == moderator.pk
    assert shown(10**9) is None
