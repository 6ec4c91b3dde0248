"""A case from draft to outcome: consent, scanning, review, publication, revisions, reminders."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from accounts.models import AuditEntry
from cases import authoring, moderation
from cases.authoring import UnresolvedFindings, finding_key
from cases.models import CaseConsent, CaseStatus, KeptFinding
from cases.reminders import send_outcome_reminders
from tests.cases.conftest import make_case, publish, submit

pytestmark = pytest.mark.django_db


def test_a_draft_stores_markdown_source_beside_rendered_html(draft):
    assert draft.status == CaseStatus.DRAFT
    assert draft.presenting_complaint.startswith("Collapse")
    assert "<strong>no</strong>" in draft.presenting_complaint_html
    assert list(draft.tags.names()) == ["ecg"]


def test_text_that_cannot_render_names_its_field(author):
    with pytest.raises(authoring.CaseTextError) as exc:
        make_case(author, history="x" * 50_000)
    assert exc.value.field == "history"


def test_submitting_needs_consent_basis_and_attestation(draft, author):
    with pytest.raises(ValidationError, match="attest"):
        authoring.submit_case(draft, by=author, consent_basis="patient", attest=False)
    with pytest.raises(ValidationError, match="reason"):
        authoring.submit_case(draft, by=author, consent_basis="policy", attest=True)
    draft.refresh_from_db()
    assert draft.status == CaseStatus.DRAFT


def test_submission_records_consent_wording_and_time(draft, author):
    authoring.submit_case(
        draft, by=author, consent_basis="policy", policy_reason="Ethics board rule 4", attest=True
    )
    consent = CaseConsent.objects.get(case=draft)
    assert consent.policy_reason == "Ethics board rule 4"
    assert "institution's policy" in consent.consent_wording
    assert "no patient identifiers" in consent.attestation_wording
    assert consent.agreed_at <= timezone.now()
    draft.refresh_from_db()
    assert draft.status == CaseStatus.PENDING


def test_findings_block_submission_until_fixed_or_kept_with_a_reason(author):
    case = make_case(author, history="Seen by Dr Okafor on 12/03/2024.")
    with pytest.raises(UnresolvedFindings) as exc:
        submit(case, author)
    found = exc.value.findings["history"]
    assert [f.kind for f in found] == ["NAME", "DATE"]
    name, date = found
    authoring.fix_findings(case, by=author, fixes={"history": [(date.start, date.end, "Day 0")]})
    case.refresh_from_db()
    assert case.history == "Seen by Dr Okafor on Day 0."
    submit(case, author, kept={finding_key("history", name): "Dr Okafor is the author, consents"})
    kept = KeptFinding.objects.get(case=case)
    assert (kept.kind, kept.text, kept.reason) == (
        "NAME",
        "Dr Okafor",
        "Dr Okafor is the author, consents",
    )


def test_approval_publishes_and_opens_a_link_back_thread_in_the_case_forum(
    draft, author, moderator
):
    case = publish(draft, author, moderator)
    assert case.published_at is not None
    thread = case.thread
    assert thread.category.slug == "case-discussions"
    assert thread.category.visibility == "verified"
    first = thread.posts.get(number=1)
    assert case.get_absolute_url() in first.html
    assert "Hypertrophic" not in first.source
    assert "running" not in first.source
    assert AuditEntry.objects.filter(action="case.approve", actor=moderator).exists()


def test_returning_a_case_tells_the_author_after_commit_and_shows_the_reason_on_the_site(
    client, draft, author, moderator, django_capture_on_commit_callbacks
):
    submit(draft, author)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.return_case(draft, by=moderator, reason="Remove the family history detail.")
    draft.refresh_from_db()
    assert draft.status == CaseStatus.RETURNED
    (message,) = mail.outbox
    assert message.to == ["author@example.org"]
    assert message.subject == "[Rounds] A moderator returned your case"
    body = message.body + message.alternatives[0][0]
    # What happened and a link: nothing of the case (the scan in tests/conftest.py checks
    # every field), not even the moderator's reason, which may quote what identifies.
    assert "Remove the family history detail." not in body
    assert "Syncope" not in body
    link = f"http://127.0.0.1:8000/cases/{draft.pk}-case/"
    assert link in body
    client.force_login(author)
    page = client.get(link.removeprefix("http://127.0.0.1:8000"), follow=True)
    assert "Remove the family history detail." in page.content.decode()
    entry = AuditEntry.objects.get(action="case.return")
    assert entry.reason == "Remove the family history detail."


def test_a_return_needs_a_reason_and_only_a_pending_case_can_be_reviewed(draft, moderator):
    with pytest.raises(ValidationError):
        moderation.approve_case(draft, by=moderator)
    with pytest.raises(ValidationError):
        moderation.return_case(draft, by=moderator, reason=" ")


def test_a_returned_case_can_be_edited_and_resubmitted(draft, author, moderator):
    submit(draft, author)
    moderation.return_case(draft, by=moderator, reason="Too specific")
    draft.refresh_from_db()
    authoring.update_case(draft, by=author, values={"history": "Two episodes."})
    submit(draft, author)
    draft.refresh_from_db()
    assert draft.status == CaseStatus.PENDING
    assert draft.return_reason == ""


def test_edits_to_a_published_case_are_kept_as_revisions(published, author):
    authoring.update_case(published, by=author, values={"history": "Three episodes."})
    authoring.update_case(published, by=author, values={"history": "Four episodes."})
    revisions = list(published.revisions.order_by("number"))
    assert [r.content["history"] for r in revisions] == [
        "Two similar episodes. Family history of sudden death.",
        "Three episodes.",
    ]
    assert published.history_html == "<p>Four episodes.</p>"


def test_edits_to_a_published_case_are_scanned_too(published, author):
    with pytest.raises(UnresolvedFindings):
        authoring.update_case(published, by=author, values={"history": "Lives in Manchester."})
    assert not published.revisions.exists()


def test_posting_the_outcome_moves_the_case_to_outcome_posted(published, author):
    authoring.post_outcome(published, by=author, text="Implantable defibrillator; well.")
    assert published.stage == "outcome"
    assert "defibrillator" in published.outcome_html


def test_authors_are_reminded_once_four_weeks_after_publication_without_outcome(
    published, author, moderator, django_capture_on_commit_callbacks
):
    answered = publish(make_case(author, title="Answered"), author, moderator)
    authoring.post_outcome(answered, by=author, text="Recovered.")
    later = timezone.now() + timedelta(weeks=4, minutes=1)
    assert send_outcome_reminders(now=timezone.now()) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert send_outcome_reminders(now=later) == 1
        assert send_outcome_reminders(now=later) == 0
    (message,) = mail.outbox
    assert message.subject == "[Rounds] What happened next? Post the outcome of your case"
    assert "Syncope" not in message.body


def test_the_reminder_command_reports_how_many_it_sent(published, capsys):
    published.published_at = timezone.now() - timedelta(weeks=5)
    published.save()
    call_command("send_outcome_reminders")
    assert "Sent 1 outcome reminder(s)." in capsys.readouterr().out


def test_scanner_report_command_prints_recall_and_precision(capsys):
    call_command("scanner_report")
    out = capsys.readouterr().out
    assert "recall:" in out
    assert "precision:" in out


def test_scanner_report_times_only_with_the_least_of_repeated_scans(capsys):
    call_command("scanner_report", "--timing-only", "--repeat", "2")
    out = capsys.readouterr().out
    assert "recall:" not in out
    timing = re.search(r"p95 per 5,000 characters: ([\d.]+) ms wall clock, ([\d.]+) ms CPU time "
                       r"\(median ([\d.]+) ms CPU; least of 2 scans each, after 100 fields of "
                       r"other text\)", out)  # fmt: skip
    assert timing
    p95, median = float(timing.group(2)), float(timing.group(3))
    assert 0 < median <= p95
    assert "scanner: " in out


def test_scanner_report_warms_up_on_other_text_before_timing(capsys, monkeypatch):
    import cases.scanner_eval as scanner_eval

    scanned: list[str] = []
    real = scanner_eval.find_identifiers

    def counting(text):
        scanned.append(text)
        return real(text)

    monkeypatch.setattr(scanner_eval, "find_identifiers", counting)
    call_command("scanner_report", "--timing-only", "--warm-up", "3")
    out = capsys.readouterr().out
    assert "one scan of each of 40 fields, after 3 fields of other text)" in out
    warm, timed = scanned[1:4], scanned[4:]
    assert len(timed) == 40
    assert all(len(text) == 5000 for text in warm)
    assert not set(warm) & set(timed)


def test_the_celery_task_sends_the_same_reminders(published):
    from cases.tasks import send_outcome_reminders

    published.published_at = timezone.now() - timedelta(weeks=5)
    published.save()
    assert send_outcome_reminders.delay().get() == 1
    assert send_outcome_reminders.delay().get() == 0


def test_a_reason_given_once_still_holds_when_the_same_text_comes_back(author, moderator):
    case = make_case(author, history="Seen by Dr Okafor.")
    publish_kept = {"history:NAME:Dr Okafor": "the author's own name"}
    submit(case, author, kept=publish_kept)
    case = moderation.approve_case(case, by=moderator)
    authoring.update_case(case, by=author, values={"history": "Seen twice by Dr Okafor."})
    assert KeptFinding.objects.filter(case=case).count() == 1
    with pytest.raises(UnresolvedFindings):
        authoring.update_case(case, by=author, values={"history": "Seen by Dr Adeyemi."})
