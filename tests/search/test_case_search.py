"""Cases in site search: who finds them, the hidden answer, and redaction reaching the index."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cases import authoring, moderation, quiz
from cases.models import Case
from forums.search.query import search
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

VALUES = {
    "title": "Syncope on exertion in a runner",
    "specialty": "cardiology",
    "age_band": "30-39",
    "sex": "male",
    "care_setting": "emergency",
    "presenting_complaint": "Collapse during a marathon, no prodrome.",
    "history": "Two similar episodes.",
    "diagnosis": "Hypertrophic obstructive cardiomyopathy.",
    "question": "Would you allow him to keep running?",
}


@pytest.fixture
def author(db):
    return UserFactory(professional=True, handle="author")


@pytest.fixture
def reader(db):
    return UserFactory(professional=True, handle="reader")


def make_case(author, moderator=None, **values) -> Case:
    case = authoring.create_case(author=author, values={**VALUES, **values}, tags=["ecg"])
    if moderator is not None:
        authoring.submit_case(case, by=author, consent_basis="patient", attest=True)
        case = moderation.approve_case(case, by=moderator)
    return case


def cases_found(user, query, **filters) -> list[Case]:
    return search(user=user, query=query, type="case", **filters).results


def test_a_published_case_is_found_by_verified_professionals_only(author, reader, moderator):
    case = make_case(author, moderator)
    make_case(author, title="Marathon collapse, still a draft")
    member = UserFactory()
    assert cases_found(reader, "marathon") == [case]
    assert cases_found(reader, "runner", tag="ecg", author="author") == [case]
    assert cases_found(reader, "runner", tag="other") == []
    assert cases_found(member, "marathon") == []
    assert cases_found(AnonymousUser(), "marathon") == []


def test_the_diagnosis_matches_only_for_those_who_may_see_the_answer(author, reader, moderator):
    case = make_case(author, moderator)
    assert cases_found(reader, "cardiomyopathy") == []
    assert cases_found(author, "cardiomyopathy") == [case]
    assert cases_found(moderator, "cardiomyopathy") == [case]
    quiz.reveal_diagnosis(case, by=author)
    assert cases_found(reader, "cardiomyopathy") == [case]


def test_a_timed_reveal_opens_the_diagnosis_to_search_without_any_write(author, reader, moderator):
    case = make_case(author, moderator)
    Case.objects.filter(pk=case.pk).update(reveal_at=timezone.now() - timedelta(minutes=1))
    assert cases_found(reader, "cardiomyopathy") == [case]


def test_a_flagged_case_and_its_thread_leave_search_for_other_members(author, reader, moderator):
    case = make_case(author, moderator)
    moderation.flag_case(case, by=reader, reason="The job is too rare")
    assert cases_found(reader, "marathon") == []
    assert search(user=reader, query="runner").results == []
    assert cases_found(author, "marathon") == [case]


def test_a_redacted_word_no_longer_finds_the_case_or_its_posts(author, reader, moderator):
    # An unusual word that is no identifier (an employer, "worked at Quarrington", now is one).
    case = make_case(author, moderator, history="Exposed to quarrington dust at the mill.")
    assert cases_found(reader, "quarrington") == [case]
    moderation.redact_case(case, by=moderator, text="quarrington")
    assert cases_found(reader, "quarrington") == []
    assert cases_found(moderator, "quarrington") == []
    assert cases_found(reader, "mill") == [case]


def test_editing_a_case_updates_its_vector(author, reader, moderator):
    case = make_case(author, moderator)
    authoring.update_case(case, by=author, values={"history": "Treated for sarcoidosis."})
    assert cases_found(reader, "sarcoidosis") == [case]


def test_everything_search_previews_cases_above_posts(client, author, reader, moderator):
    make_case(author, moderator)
    client.force_login(reader)
    response = client.get("/search/", {"q": "marathon"})
    html = response.content.decode()
    assert "Syncope on exertion in a runner" in html
    assert "type=case" in html
    assert response.context["page"].previews[0][0] == "case"


def test_the_preview_ranks_fewer_candidates_than_the_cases_tab(
    author, reader, moderator, monkeypatch
):
    from cases import search as case_search

    best = make_case(author, moderator, title="Marathon marathon marathon collapse")
    for i in range(3):
        make_case(author, moderator, title=f"Runner {i}")  # newer, "marathon" in the text only
    monkeypatch.setattr(case_search, "PREVIEW_CANDIDATES", 2)
    previews = search(user=reader, query="marathon").previews
    previewed = [case.pk for case in previews[0][2]]
    assert len(previewed) == 2
    assert best.pk not in previewed  # the oldest match is past the preview's bound
    assert cases_found(reader, "marathon")[0] == best  # the tab ranks all 200 newest


def test_verified_readers_share_the_preview_but_each_also_finds_their_own_cases(
    author, reader, moderator, settings, local_cache, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.VISITOR_PAGE_SECONDS = 30
    public = make_case(author, moderator, title="Marathon collapse, public")
    flagged = make_case(author, moderator, title="Marathon collapse, flagged")
    moderation.flag_case(flagged, by=reader, reason="A rare job is named")

    def previewed(user) -> list[str]:
        return [case.title for case in search(user=user, query="marathon").previews[0][2]]

    assert previewed(reader) == [public.title]
    # The author also finds their own case while it is hidden for review; nobody else does.
    # (As a request has them: with the "Case author" badge their first publication earned.)
    author.refresh_from_db()
    assert sorted(previewed(author)) == sorted([public.title, flagged.title])
    other = UserFactory(professional=True)
    with CaptureQueriesContext(connection) as captured:
        assert previewed(other) == [public.title]
    # A reader who never had a case published has nothing of their own to add: no case query,
    # the published cases came from the cache.
    assert not [q for q in captured.captured_queries if "cases_case" in q["sql"]]
    # An author of published cases is asked whether they have any (then ranks their own).
    with CaptureQueriesContext(connection) as captured:
        previewed(author)
    case_queries = [q for q in captured.captured_queries if '"cases_case"' in q["sql"]]
    assert len(case_queries) == 2
    assert case_queries[0]["sql"].startswith("SELECT 1 AS")
    assert f'"author_id" = {author.pk} AND' in case_queries[0]["sql"]
    # Restored after review, the case is previewed for everyone at once.
    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_case(flagged, by=moderator)
    assert sorted(previewed(other)) == sorted([public.title, flagged.title])
