"""The CPD learning log (issue 26) with cases: each kind of activity at its real entry point
(the thread page, the composer, the poll, the quiz, the case's review and outcome pages), the
reflection through the identifier scanner (fix or keep with a reason), and the PDF export,
whose text holds the entries and totals and nothing of a case beyond its reference."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.test import TestCase
from django.utils import timezone
from pypdf import PdfReader

from cases import authoring
from cases.models import TEXT_FIELD_NAMES, Case
from forums.learning.activity import READING_WPM, WRITING_WPM, estimate_minutes
from forums.models import Activity, LearningEntry, Thread
from forums.posting.polls import PollSpec, attach_poll
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


def _post(client, url: str, data: dict | None = None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data or {})


def _add(client, thread: Thread) -> LearningEntry:
    response = _post(client, f"/learning/add/{thread.pk}/")
    assert response.status_code == 302, response.content[:500]
    return LearningEntry.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


@pytest.fixture
def quiz_case(published, author):
    authoring.set_quiz(
        published,
        by=author,
        options=["Athlete's heart", "HOCM", "Aortic stenosis"],
        correct=1,
        explanation="Murmur louder on standing.",
    )
    return published


# --- each kind of activity, at its entry point ------------------------------------------------


def test_reading_a_thread_records_read_with_the_words_of_the_posts_read(client, reader):
    words = "word " * 400
    thread = make_thread(body=words, replies=0)
    client.force_login(reader)
    assert client.get(thread.get_absolute_url()).status_code == 200  # the page records reading
    entry = _add(client, thread)
    assert entry.activities == [Activity.READ]
    assert entry.kind == "thread"
    assert entry.ref_id == thread.pk
    assert entry.specialty == thread.category.name
    assert entry.words_read == 400
    assert entry.words_written == 0
    assert entry.minutes == entry.estimated_minutes == 5  # 2 minutes, rounded up to 5


def test_replying_through_the_composer_records_replied_and_the_words_written(client, reader):
    thread = make_thread(body="A question about anticoagulation")
    client.force_login(reader)
    body = " ".join(["considered"] * 100)
    assert _post(client, f"{thread.get_absolute_url()}reply/", {"body": body}).status_code == 302
    entry = _add(client, thread)
    assert entry.activities == [Activity.READ, Activity.REPLIED]
    assert entry.words_written == 100
    assert entry.minutes == estimate_minutes(words_read=entry.words_read, words_written=100)
    assert entry.minutes == 5 * -(-(100 / WRITING_WPM + entry.words_read / READING_WPM) // 5)
    assert entry.date == timezone.localdate()


def test_starting_a_thread_in_the_composer_records_started(client, reader):
    forum = CategoryFactory(slug="cardio")
    client.force_login(reader)
    response = _post(
        client, "/forums/cardio/new/", {"title": "QT and macrolides", "tags": "", "body": "Why?"}
    )
    assert response.status_code == 302
    thread = Thread.objects.get(category=forum)
    entry = _add(client, thread)
    assert Activity.STARTED in entry.activities
    assert Activity.REPLIED not in entry.activities


def test_voting_in_a_poll_records_the_poll_vote(client, reader):
    thread = make_thread()
    attach_poll(thread=thread, by=thread.author, spec=PollSpec(question="Q?", options=("A", "B")))
    client.force_login(reader)
    voted = _post(client, f"{thread.get_absolute_url()}poll/vote/", {"choice": ["1"]})
    assert voted.status_code == 302
    entry = _add(client, thread)
    assert Activity.POLL_VOTED in entry.activities


def test_voting_in_a_case_quiz_records_the_quiz_vote_and_the_case_by_reference(
    client, quiz_case, reader
):
    client.force_login(reader)
    option = quiz_case.quiz_options.get(text="HOCM")
    assert _post(client, f"/cases/{quiz_case.pk}/vote/", {"option": option.pk}).status_code == 302
    page = client.get(quiz_case.get_absolute_url()).content.decode()
    assert f'action="/learning/add/{quiz_case.thread_id}/"' in page  # the button on the case
    entry = _add(client, quiz_case.thread)
    assert entry.kind == "case"
    assert entry.ref_id == quiz_case.pk
    assert entry.specialty == "Cardiology"
    assert Activity.QUIZ_VOTED in entry.activities
    assert Activity.POSTED_CASE not in entry.activities
    assert entry.words_read > 0  # the case's open fields (the hidden diagnosis not counted)


def test_posting_a_case_and_its_outcome_records_both_for_the_author(client, published, author):
    client.force_login(author)
    response = _post(
        client, f"/cases/{published.pk}/outcome/", {"outcome": "Defibrillator fitted; well."}
    )
    assert response.status_code == 302, response.content[:300]
    entry = _add(client, published.thread)
    assert Activity.POSTED_CASE in entry.activities
    assert Activity.POSTED_OUTCOME in entry.activities
    assert Activity.STARTED not in entry.activities  # the site opened the discussion
    assert entry.words_written > 20
    assert entry.words_read == 0


def test_adding_again_refreshes_what_was_done_and_keeps_the_members_time(client, quiz_case, reader):
    client.force_login(reader)
    entry = _add(client, quiz_case.thread)
    LearningEntry.objects.filter(pk=entry.pk).update(minutes=90)
    option = quiz_case.quiz_options.get(text="HOCM")
    _post(client, f"/cases/{quiz_case.pk}/vote/", {"option": option.pk})
    again = _add(client, quiz_case.thread)
    assert again.pk == entry.pk
    assert Activity.QUIZ_VOTED in again.activities
    assert again.minutes == 90


# --- the reflection and the identifier scanner -------------------------------------------------


def _form(**reflection) -> dict:
    return {
        "date": "2026-03-02",
        "minutes": "30",
        "category": "clinical",
        "what_happened": "",
        "what_learned": "",
        "practice_change": "",
        "next_steps": "",
        **reflection,
    }


def test_a_reflection_that_may_identify_a_patient_is_refused_with_the_text_kept(client, reader):
    thread = make_thread()
    client.force_login(reader)
    entry = _add(client, thread)
    text = "Seen with Mrs Jane Smithers on 14/03/2025 at the clinic."
    response = _post(client, f"/learning/entries/{entry.pk}/", _form(what_happened=text))
    assert response.status_code == 400
    html = response.content.decode()
    assert "may identify a patient" in html
    assert "14/03/2025" in html  # the finding, and the text given back in the form
    entry.refresh_from_db()
    assert entry.what_happened == ""


def test_a_finding_kept_with_a_reason_passes_and_the_reason_is_remembered(client, reader):
    thread = make_thread()
    client.force_login(reader)
    entry = _add(client, thread)
    text = "The registrar mentioned 14/03/2025 as the audit deadline."
    refused = _post(client, f"/learning/entries/{entry.pk}/", _form(what_happened=text))
    keys = re.findall(r'name="keep:([^"]+)"', refused.content.decode())
    assert keys
    data = _form(what_happened=text) | {f"keep:{k}": "An audit deadline, no patient" for k in keys}
    assert _post(client, f"/learning/entries/{entry.pk}/", data).status_code == 302
    entry.refresh_from_db()
    assert entry.what_happened == text
    assert "<p>" in entry.what_happened_html  # rendered by the one Markdown pipeline
    assert set(entry.kept) == {k.replace("&quot;", '"') for k in keys}
    # Saved again unchanged: the reason given before still holds.
    again = _post(client, f"/learning/entries/{entry.pk}/", _form(what_happened=text))
    assert again.status_code == 302
    entry.refresh_from_db()
    assert entry.what_happened == text


def test_the_suggested_fixes_are_made_on_request_and_then_save(client, reader):
    thread = make_thread()
    client.force_login(reader)
    entry = _add(client, thread)
    data = _form(what_happened="Reviewed on 14/03/2025 in clinic.") | {"action": "fix"}
    fixed = _post(client, f"/learning/entries/{entry.pk}/", data)
    assert fixed.status_code == 200
    html = fixed.content.decode()
    assert "14/03/2025" not in html.split('id="entry-form"')[1]
    value = re.search(r'<textarea name="what_happened"[^>]*>\s*([^<]*)<', html)
    assert value is not None
    saved = _post(client, f"/learning/entries/{entry.pk}/", _form(what_happened=value[1]))
    assert saved.status_code == 302


# --- the PDF ------------------------------------------------------------------------------------


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_holds_entries_totals_and_the_link_and_no_case_text(client, quiz_case, reader):
    thread = make_thread(title="Warfarin reversal before surgery")
    client.force_login(reader)
    case_entry = _add(client, quiz_case.thread)
    thread_entry = _add(client, thread)
    _post(
        client,
        f"/learning/entries/{case_entry.pk}/",
        _form(
            date="2026-02-10",
            minutes="45",
            what_learned="Exercise advice needs a shared decision.",
        ),
    )
    _post(
        client,
        f"/learning/entries/{thread_entry.pk}/",
        _form(date="2026-03-05", minutes="30", category="professional"),
    )
    response = _post(
        client, "/learning/export/", {"start": "2026-01-01", "end": "2026-12-31", "format": "pdf"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    flat = " ".join(text.split())
    assert f"Rounds case {quiz_case.pk}" in flat
    assert f"Rounds thread {thread.pk}" in flat
    assert "Exercise advice needs a shared decision." in flat
    assert "Total: 1.25 hours in 2 entries." in flat
    assert "Clinical 0.75" in flat
    assert "0.50" in flat
    assert "2026-02 0.75" in flat
    assert "2026-03 0.50" in flat
    assert "/learning/verify/" in flat
    assert "SHA-256" in flat
    assert reader.name in flat
    # Nothing of the case beyond its reference and specialty: no title, no field, no option.
    case = Case.objects.get(pk=quiz_case.pk)
    leaked = [case.title, "Warfarin reversal before surgery"]
    leaked += [getattr(case, name) for name in TEXT_FIELD_NAMES if getattr(case, name)]
    leaked += [option.text for option in case.quiz_options.all()]
    for value in leaked:
        assert value not in flat, value
        assert value[:25] not in flat, value


def test_a_pdf_of_an_empty_period_says_so(client, reader):
    client.force_login(reader)
    response = _post(
        client, "/learning/export/", {"start": "2025-01-01", "end": "2025-12-31", "format": "pdf"}
    )
    text = " ".join(_pdf_text(response.content).split())
    assert "No entries in this period." in text
    assert "Total: 0.00 hours in 0 entries." in text


def test_an_export_form_with_a_bad_period_names_the_field(client, reader):
    client.force_login(reader)
    response = _post(
        client, "/learning/export/", {"start": "2026-05-01", "end": "2026-01-01", "format": "pdf"}
    )
    assert response.status_code == 400
    assert "must not be before the first (From)" in response.content.decode()
    assert date(2026, 5, 1).isoformat() in response.content.decode()  # the input kept


def test_members_from_other_specialties_see_their_own_log_only(client, quiz_case, reader):
    other = UserFactory(professional=True)
    client.force_login(reader)
    mine = _add(client, quiz_case.thread)
    client.force_login(other)
    assert client.get(f"/learning/entries/{mine.pk}/").status_code == 404
    assert f"Rounds case {quiz_case.pk}" not in client.get("/learning/").content.decode()


def test_a_reason_given_on_a_refused_try_is_carried_to_the_next(client, reader):
    thread = make_thread()
    client.force_login(reader)
    entry = _add(client, thread)
    kept_text = "The audit closes on 14/03/2025."
    refused = _post(client, f"/learning/entries/{entry.pk}/", _form(what_happened=kept_text))
    [key] = re.findall(r'name="keep:([^"]+)"', refused.content.decode())
    # The date is kept, but a second part now names someone: refused again, the reason carried.
    data = _form(what_happened=kept_text, next_steps="Ask Mrs Jane Smithers about it.")
    again = _post(client, f"/learning/entries/{entry.pk}/", data | {f"keep:{key}": "Audit"})
    assert again.status_code == 400
    html = again.content.decode()
    assert f'type="hidden" name="keep:{key}" value="Audit"' in html
    keys = re.findall(r'type="text" id="keep-[^"]+" name="keep:([^"]+)"', html)
    assert keys
    assert key not in keys
    final = _form(what_happened=kept_text, next_steps="Ask the ward clerk about it.")
    saved = _post(client, f"/learning/entries/{entry.pk}/", final | {f"keep:{key}": "Audit"})
    assert saved.status_code == 302
    entry.refresh_from_db()
    assert entry.what_happened == kept_text
