"""The CPD learning log (issue 26): totals, the CSV export, the verification link (valid,
tampered, expired, gone with the account), query budgets with more entries than a page, the
log's privacy (no other member, moderator or admin reads it), "my data" and deletion, and the
weekly prompt (counts and a link only, once a week, stopped in one click)."""

from __future__ import annotations

import csv
import io
import time
from datetime import date, timedelta
from unittest import mock

import pytest
from django.contrib import admin
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from accounts.deletion import delete_account
from accounts.export import export_user_data
from forums.learning import export as exporting
from forums.learning import prompts, selectors
from forums.learning.recording import EntryValues, log_thread, set_weekly_prompt, update_entry
from forums.models import LearningEntry, LearningExport, LearningSettings
from forums.posting import SITE, create_reply
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

EMPTY = {"what_happened": "", "what_learned": "", "practice_change": "", "next_steps": ""}


def _entry(user, *, day: date, minutes: int, category="clinical", forum=None, **reflection):
    thread = make_thread(category=forum)
    entry, _new = log_thread(user=user, thread=thread)
    values = EntryValues(
        date=day, minutes=minutes, category=category, reflection={**EMPTY, **reflection}
    )
    return update_entry(entry, by=user, values=values, kept={})


def _post(client, url, data=None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data or {})


# --- totals ---------------------------------------------------------------------------------


def test_totals_add_up_per_category_month_and_specialty(user):
    cardio = CategoryFactory(name="Cardiology")
    _entry(user, day=date(2026, 1, 5), minutes=30, forum=cardio)
    _entry(user, day=date(2026, 1, 20), minutes=45, category="teaching", forum=cardio)
    _entry(user, day=date(2026, 3, 2), minutes=60, category="teaching")
    entries = selectors.period_entries(user, start=date(2026, 1, 1), end=date(2026, 12, 31))
    totals = selectors.totals_of(entries)
    assert totals.minutes == 135
    assert totals.hours == 2.25
    assert totals.count == 3
    assert totals.by_category == {"Clinical": 30, "Teaching and supervision": 105}
    assert totals.by_month == {"2026-01": 75, "2026-03": 60}
    assert totals.by_specialty["Cardiology"] == 75
    summary = selectors.year_summary(user, year=2026)
    assert [minutes for _day, minutes in summary.months] == [75, 0, 60] + [0] * 9


def test_an_entry_outside_the_period_is_not_exported(user):
    _entry(user, day=date(2025, 12, 31), minutes=30)
    _entry(user, day=date(2026, 1, 1), minutes=15)
    made = exporting.export_period(user=user, start=date(2026, 1, 1), end=date(2026, 6, 30))
    assert [e.minutes for e in made.entries] == [15]
    assert made.record.minutes == 15
    assert made.record.entry_count == 1


# --- CSV ------------------------------------------------------------------------------------


def test_the_csv_has_a_row_per_entry_the_totals_and_the_link(client, user):
    thread_entry = _entry(
        user,
        day=date(2026, 2, 1),
        minutes=90,
        what_learned="=1+2 is how a spreadsheet starts a formula",
    )
    client.force_login(user)
    response = _post(
        client, "/learning/export/", {"start": "2026-01-01", "end": "2026-12-31", "format": "csv"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["Date", "Reference", "Specialty", "Activity", "Hours", "Category"]
    assert rows[0][6:] == [
        "What happened",
        "What I learned",
        "How it changes my practice",
        "What I will do next",
    ]
    assert rows[1][:2] == ["2026-02-01", f"Rounds thread {thread_entry.ref_id}"]
    assert rows[1][4] == "1.50"
    assert rows[1][7].startswith("'=1+2")  # not run as a formula
    assert ["Total hours", "1.50"] in rows
    assert ["Clinical", "1.50"] in rows
    assert ["2026-02", "1.50"] in rows
    link = next(row[1] for row in rows if row and row[0] == "Verify this log at")
    assert "/learning/verify/" in link
    digest = next(row[1] for row in rows if row and row[0] == "SHA-256 of the entries")
    assert digest == LearningExport.objects.get(user=user).digest
    assert "A question" not in response.content.decode()  # the thread's title


# --- the verification link -------------------------------------------------------------------


@pytest.fixture
def made(user):
    _entry(user, day=timezone.localdate(), minutes=75, what_learned="A private reflection")
    today = timezone.localdate()
    return exporting.export_period(user=user, start=today - timedelta(days=365), end=today)


def _path(made) -> str:
    return made.url.removeprefix("http://testserver").split("://", 1)[-1].split("/", 1)[-1]


def test_a_valid_link_shows_member_period_totals_and_hash_but_no_reflection(client, made, user):
    response = client.get("/" + _path(made))
    assert response.status_code == 200
    html = response.content.decode()
    assert user.name in html
    assert made.record.digest in html
    assert "1.25" in html
    assert "A private reflection" not in html
    assert response["X-Robots-Tag"] == "noindex"


def test_a_tampered_link_is_not_found(client, made):
    path = _path(made)
    token = path.rstrip("/").rsplit("/", 1)[-1]
    forged = path.replace(token, token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"))
    assert client.get("/" + forged).status_code == 404
    other = LearningExport.objects.create(
        user=made.member,
        start=made.record.start,
        end=made.record.end,
        entry_count=0,
        minutes=0,
        digest="0" * 64,
    )
    # A token signed for one export names only that export: its hash must match.
    real = exporting.make_token(made.record)
    swapped = exporting.signing.loads(real, salt=exporting.SALT)
    swapped["x"] = other.pk
    resigned = exporting.signing.dumps(swapped, salt=exporting.SALT)
    assert exporting.read_token(resigned) is None
    # Signed with another salt (an unsubscribe token): refused.
    assert exporting.read_token(exporting.signing.dumps({"x": made.record.pk})) is None


def test_an_expired_link_is_not_found(client, made, settings):
    settings.LEARNING_VERIFY_DAYS = 30
    past = time.time() - 31 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=past):
        old = exporting.make_token(made.record)
    assert client.get(f"/learning/verify/{old}/").status_code == 404
    with mock.patch("django.core.signing.time.time", return_value=past + 2 * 24 * 3600):
        recent = exporting.make_token(made.record)
    assert client.get(f"/learning/verify/{recent}/").status_code == 200


def test_the_link_stops_working_when_the_account_is_deleted(client, made, user):
    path = "/" + _path(made)
    delete_account(user, keep_posts=True)
    assert client.get(path).status_code == 404


# --- privacy and data rights --------------------------------------------------------------------


def test_no_one_else_opens_an_entry_not_even_a_moderator(client, user, moderator):
    entry = _entry(user, day=timezone.localdate(), minutes=10, what_learned="Mine alone")
    for other in (UserFactory(), moderator):
        client.force_login(other)
        assert client.get(f"/learning/entries/{entry.pk}/").status_code == 404
        assert _post(client, f"/learning/entries/{entry.pk}/delete/").status_code == 404
        assert "Mine alone" not in client.get("/learning/").content.decode()
    assert LearningEntry.objects.filter(pk=entry.pk).exists()


def test_the_admin_has_no_page_for_the_learning_log():
    for model in (LearningEntry, LearningExport, LearningSettings):
        assert not admin.site.is_registered(model)


def test_the_log_is_in_my_data_and_goes_with_the_account(user):
    _entry(user, day=date(2026, 1, 5), minutes=30, what_learned="Check the QT first")
    set_weekly_prompt(user=user, on=True)
    exporting.export_period(user=user, start=date(2026, 1, 1), end=date(2026, 1, 31))
    data = export_user_data(user)["learning_log"]
    assert data["weekly_prompt"] is True
    assert data["entries"][0]["what_learned"] == "Check the QT first"
    assert data["exports"][0]["minutes"] == 30
    delete_account(user, keep_posts=True)
    assert not LearningEntry.objects.exists()
    assert not LearningExport.objects.exists()
    assert not LearningSettings.objects.exists()


# --- query budgets --------------------------------------------------------------------------


def _many_entries(user, count: int) -> None:
    forum = CategoryFactory()
    thread = make_thread(category=forum)
    LearningEntry.objects.bulk_create(
        LearningEntry(
            user=user,
            thread=thread if i == 0 else None,
            kind="thread",
            ref_id=1000 + i,
            specialty="Cardiology",
            activities=["read"],
            date=date(2026, 1 + i % 12, 1 + i % 27),
            minutes=15,
            category="clinical",
        )
        for i in range(count)
    )


def test_the_log_page_costs_the_same_queries_with_more_entries_than_a_page(
    client, user, django_assert_num_queries
):
    _many_entries(user, selectors.PAGE_SIZE * 2 + 3)
    client.force_login(user)
    client.get("/learning/summary/")  # the member and their counts, cached for the session
    # One query: a page of entries with their threads, the year's totals and the prompt's
    # setting beside them (3 before the totals and the setting came with the rows).
    with django_assert_num_queries(1):
        response = client.get("/learning/")
    html = response.content.decode()
    assert html.count('class="learning-entry"') == selectors.PAGE_SIZE
    assert 'rel="next"' in html
    with django_assert_num_queries(1):
        third = client.get("/learning/?page=3").content.decode()
    assert third.count('class="learning-entry"') == 3
    # Past the end there is no row to carry them: the totals and the setting on their own.
    with django_assert_num_queries(3):
        past = client.get("/learning/?page=4").content.decode()
    assert "Nothing logged yet" in past
    assert (
        third.split('class="learning-year"')[1][:80] == past.split('class="learning-year"')[1][:80]
    )


def test_a_logged_row_from_the_cache_follows_the_entry_and_its_thread(
    client, user, moderator, local_cache
):
    """Each row of the log is kept in the cache by what it shows (issue 28): a reflection
    written, new minutes or a thread hidden show at once, and nobody else's log shows it."""
    from forums.posting.moderation import hide_thread

    entry = _entry(user, day=timezone.localdate(), minutes=30)
    entry.thread.title = "Syncope in a young athlete"
    entry.thread.save(update_fields=["title"])
    client.force_login(user)
    html = client.get("/learning/").content.decode()
    assert "Add your reflection" in html
    assert "0.50 h" in html
    assert "Syncope in a young athlete" in html
    values = EntryValues(
        date=entry.date,
        minutes=45,
        category="clinical",
        reflection={**EMPTY, "what_learned": "Screen the family"},
    )
    update_entry(entry, by=user, values=values, kept={})
    html = client.get("/learning/").content.decode()
    assert "Reflection written." in html
    assert "0.75 h" in html
    hide_thread(entry.thread, by=moderator)
    assert "Syncope in a young athlete" not in client.get("/learning/").content.decode()
    other = UserFactory()
    client.force_login(other)
    assert "Rounds thread" not in client.get("/learning/").content.decode()


def test_the_summary_page_costs_three_queries(client, user, django_assert_num_queries):
    _many_entries(user, 60)
    client.force_login(user)
    client.get("/learning/")  # the member and their counts, cached for the session
    with django_assert_num_queries(1):  # the year's entries
        response = client.get("/learning/summary/?year=2026")
    html = response.content.decode()
    assert html.count('class="chart-bar"') == 12 + 1  # months, and one specialty
    assert 'role="img"' in html
    assert "<title id=" in html
    assert "<table>" in html


def test_the_suggestions_page_costs_the_same_with_many_threads(
    client, user, django_assert_num_queries
):
    forum = CategoryFactory()
    for _ in range(selectors.SUGGESTIONS_SHOWN + 5):
        thread = make_thread(category=forum)
        create_reply(thread=thread, author=user, body="My view", origin=SITE)
    client.force_login(user)
    client.get("/learning/")  # the member and their counts, cached for the session
    # the threads with their forums, and the cases app's cases among them (no case here: no
    # query for quiz votes)
    with django_assert_num_queries(2):
        html = client.get("/learning/not-logged/").content.decode()
    assert html.count('class="learning-suggestion"') == selectors.SUGGESTIONS_SHOWN


# --- the weekly prompt -------------------------------------------------------------------------


def test_the_weekly_prompt_counts_unlogged_items_once_a_week(client, user, smtp_settings):
    forum = CategoryFactory()
    for _ in range(3):
        create_reply(thread=make_thread(category=forum), author=user, body="Yes", origin=SITE)
    logged = make_thread(category=forum, title="Logged already")
    create_reply(thread=logged, author=user, body="Agreed", origin=SITE)
    log_thread(user=user, thread=logged)
    quiet = UserFactory()  # turned on, but took part nowhere
    set_weekly_prompt(user=user, on=True)
    set_weekly_prompt(user=quiet, on=True)
    UserFactory()  # never turned on
    assert prompts.send_learning_prompts() == 1
    assert prompts.send_learning_prompts() == 0  # the same week: once
    [message] = smtp_settings.messages
    assert message["To"] == user.email
    text = message.get_payload()[0].get_payload(decode=True).decode()
    assert "3 threads you took part in are not logged yet." in text
    assert "/learning/not-logged/" in text
    assert "A question" not in str(message)  # no title of any thread
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    stop = message["List-Unsubscribe"].split("<", 1)[1].split(">", 1)[0]
    path = stop.split("://", 1)[1].split("/", 1)[1]
    assert client.post("/" + path).status_code == 200
    assert not LearningSettings.objects.get(user=user).weekly_prompt


def test_the_prompt_switch_on_the_log_page(client, user):
    client.force_login(user)
    assert _post(client, "/learning/reminder/", {"weekly_prompt": "on"}).status_code == 302
    assert LearningSettings.objects.get(user=user).weekly_prompt
    assert "checked" in client.get("/learning/").content.decode()
    _post(client, "/learning/reminder/", {})
    assert not LearningSettings.objects.get(user=user).weekly_prompt
    assert not mail.outbox


def test_the_pdf_keeps_greek_letters_and_maths_signs_where_dejavu_is_installed(user):
    from pypdf import PdfReader

    from forums.learning import pdf

    if pdf._font_files()[0].name != "DejaVuSans.ttf":
        pytest.skip("Debian's fonts-dejavu-core is not installed: the PDF falls back to Vera")
    _entry(user, day=date(2026, 1, 5), minutes=30, what_learned="Start a β-blocker at ≥ 60 bpm")
    made = exporting.export_period(user=user, start=date(2026, 1, 1), end=date(2026, 1, 31))
    reader = PdfReader(io.BytesIO(pdf.export_pdf(made)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Start a β-blocker at ≥ 60 bpm" in text


def test_exports_past_the_rate_limit_are_refused_with_the_form_kept(
    client, user, settings, local_cache
):
    settings.ROUNDS_RATE_LIMITS = {"learning_export": "2/h/member"}  # off in the test settings
    client.force_login(user)
    data = {"start": "2026-01-01", "end": "2026-06-30", "format": "csv"}
    assert _post(client, "/learning/export/", data).status_code == 200
    assert _post(client, "/learning/export/", data).status_code == 200
    refused = _post(client, "/learning/export/", data)
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "The limit is 2 requests per hour." in html
    assert 'value="2026-06-30"' in html
    assert LearningExport.objects.filter(user=user).count() == 2
