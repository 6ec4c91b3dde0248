"""The diagnosis quiz: hidden before the reveal, one vote each, everything shown after."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases import authoring, quiz
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz_case(published, author):
    authoring.set_quiz(
        published,
        by=author,
        options=["Athlete's heart", "HOCM", "Aortic stenosis"],
        correct=1,
        explanation="Murmur **louder** on standing.",
    )
    return published


def _page(client, case):
    return client.get(case.get_absolute_url()).content.decode()


def test_before_the_reveal_members_see_options_but_not_answer_or_votes(client, quiz_case, reader):
    other = UserFactory(professional=True)
    quiz.vote(quiz_case, by=other, option=quiz_case.quiz_options.get(text="HOCM"))
    client.force_login(reader)
    html = _page(client, quiz_case)
    assert "Athlete&#x27;s heart" in html
    assert "correct answer" not in html
    assert "1 vote" not in html
    assert "<strong>louder</strong>" not in html
    assert "Hypertrophic obstructive" not in html  # the hidden diagnosis


def test_a_member_votes_once_and_still_sees_no_answer_before_the_reveal(client, quiz_case, reader):
    client.force_login(reader)
    option = quiz_case.quiz_options.get(text="HOCM")
    response = client.post(f"/cases/{quiz_case.pk}/vote/", {"option": option.pk})
    assert response.status_code == 302
    with pytest.raises(ValidationError, match="already voted"):
        quiz.vote(quiz_case, by=reader, option=option)
    option.refresh_from_db()
    assert option.vote_count == 1
    html = _page(client, quiz_case)
    assert "your vote" in html
    assert "correct answer" not in html


def test_after_the_reveal_everyone_sees_distribution_answer_and_explanation(
    client, quiz_case, reader, author
):
    quiz.vote(quiz_case, by=reader, option=quiz_case.quiz_options.get(text="HOCM"))
    client.force_login(author)
    assert client.post(f"/cases/{quiz_case.pk}/reveal/").status_code == 302
    client.force_login(UserFactory(professional=True))
    html = _page(client, quiz_case)
    assert "correct answer" in html
    assert "1 vote" in html
    assert "<strong>louder</strong>" in html
    assert "Hypertrophic obstructive" in html
    with pytest.raises(ValidationError, match="voting is closed"):
        quiz.vote(
            quiz_case, by=UserFactory(professional=True), option=quiz_case.quiz_options.first()
        )


def test_only_the_author_or_a_moderator_can_reveal(client, quiz_case, reader, moderator):
    client.force_login(reader)
    assert client.post(f"/cases/{quiz_case.pk}/reveal/").status_code == 403
    quiz_case.refresh_from_db()
    assert not quiz_case.is_revealed
    quiz.reveal_diagnosis(quiz_case, by=moderator)
    assert quiz_case.is_revealed


def test_the_reveal_happens_by_itself_at_the_set_time(quiz_case):
    quiz_case.reveal_at = timezone.now() + timedelta(hours=1)
    assert not quiz_case.is_revealed
    quiz_case.reveal_at = timezone.now() - timedelta(seconds=1)
    assert quiz_case.is_revealed
    assert quiz_case.stage == "revealed"


def test_the_quiz_is_frozen_once_anyone_has_voted(quiz_case, reader, author):
    quiz.vote(quiz_case, by=reader, option=quiz_case.quiz_options.first())
    with pytest.raises(ValidationError):
        authoring.set_quiz(quiz_case, by=author, options=["A", "B"], correct=0, explanation="")


def test_authors_do_not_vote_on_their_own_case(quiz_case, author):
    with pytest.raises(ValidationError):
        quiz.vote(quiz_case, by=author, option=quiz_case.quiz_options.first())


def test_the_author_sets_the_quiz_and_its_reveal_time_through_the_form(client, published, author):
    client.force_login(author)
    response = client.post(
        f"/cases/{published.pk}/quiz/",
        {
            "options": "Myocarditis\nHOCM\n",
            "correct": "2",
            "explanation": "Septal thickness.",
            "reveal_at": "2030-01-01T09:00",
        },
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert [(o.text, o.is_correct) for o in published.quiz_options.all()] == [
        ("Myocarditis", False),
        ("HOCM", True),
    ]
    assert published.reveal_at.year == 2030
    response = client.post(f"/cases/{published.pk}/quiz/", {"options": "Only one", "correct": "1"})
    assert response.status_code == 200
    assert "at least two options" in response.content.decode()
