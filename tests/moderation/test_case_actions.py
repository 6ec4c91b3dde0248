"""Case actions in admin by a moderator who is not a superuser, each through cases.moderation
and each in the audit log."""

from __future__ import annotations

import pytest
from django.core import mail

from accounts.models import AuditEntry
from cases import moderation
from cases.models import Case, CaseStatus, PrivacyFlag
from tests.cases.conftest import make_case, publish, submit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db):
    return UserFactory(professional=True, handle="author", email="author@example.org")


@pytest.fixture(autouse=True)
def private_images(settings, tmp_path):
    settings.CASES_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


def _act(client, url, action, pks, **extra):
    return client.post(url, {"action": action, "_selected_action": pks, **extra})


def test_a_moderator_approves_and_returns_cases(
    moderator_client, mfa_moderator, author, django_capture_on_commit_callbacks
):
    approved, returned = make_case(author), make_case(author, title="Another case")
    submit(approved, author)
    submit(returned, author)
    url = "/admin/cases/case/"
    assert _act(moderator_client, url, "approve", [approved.pk]).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        _act(moderator_client, url, "return_to_author", [returned.pk], apply="1", text="Crop it")
    assert Case.objects.get(pk=approved.pk).status == CaseStatus.PUBLISHED
    assert Case.objects.get(pk=returned.pk).return_reason == "Crop it"
    assert len(mail.outbox) == 1
    assert set(AuditEntry.objects.filter(actor=mfa_moderator).values_list("action", flat=True)) == {
        "case.approve",
        "case.return",
    }


def test_a_moderator_redacts_then_restores_a_flagged_case(
    moderator_client, mfa_moderator, author, moderator
):
    case = publish(make_case(author), author, moderator)
    moderation.flag_case(case, by=UserFactory(professional=True), reason="Names the doctor")
    flag = PrivacyFlag.objects.get()
    url = "/admin/cases/privacyflag/"
    _act(moderator_client, url, "redact_text", [flag.pk], apply="1", text="similar episodes")
    assert "similar episodes" not in Case.objects.get(pk=case.pk).history
    _act(moderator_client, url, "restore", [flag.pk])
    assert not Case.objects.get(pk=case.pk).is_hidden
    actions = set(AuditEntry.objects.filter(actor=mfa_moderator).values_list("action", flat=True))
    assert {"case.redact", "case.restore"} <= actions
    page = moderator_client.get(f"/admin/cases/case/{case.pk}/change/")
    assert page.status_code == 200


def test_case_and_privacy_flag_lists_have_fixed_query_budgets(
    moderator_client, author, moderator, django_assert_num_queries
):
    cases = [make_case(author, title=f"Case {i}") for i in range(55)]
    case = publish(cases[0], author, moderator)
    flagger = UserFactory(professional=True)
    for i in range(55):
        moderation.flag_case(case, by=flagger, reason=f"Flag {i}")
    moderator_client.get("/admin/")  # the moderator's access read once, then from the cache
    # 4: the images filter counts held images and unresolved findings in one aggregate (admin
    # pages read no unread counts: forums.context_processors is lazy; the moderator's
    # permissions and two-factor state come from the cache: accounts.access).
    with django_assert_num_queries(4):
        cases_page = moderator_client.get("/admin/cases/case/")
    assert len(cases_page.context["cl"].result_list) == 50
    # the same for the privacy flags
    with django_assert_num_queries(4):
        flags_page = moderator_client.get("/admin/cases/privacyflag/")
    assert len(flags_page.context["cl"].result_list) == 50


def test_a_privacy_report_on_a_case_flags_and_hides_it_at_once(author, moderator):
    from forums.models import Report, ReportReason, Thread
    from forums.posting.reports import report_content

    case = publish(make_case(author), author, moderator)
    reader = UserFactory(professional=True)
    report = report_content(case, by=reader, reason=ReportReason.PRIVACY, text="Rare job named")
    case.refresh_from_db()
    assert case.is_hidden
    assert Thread.objects.get(pk=case.thread_id).hidden_by_case
    flag = PrivacyFlag.objects.get(case=case)
    assert (flag.flagged_by, flag.reason) == (reader, "Rare job named")
    assert Report.objects.get(pk=report.pk).member == author
