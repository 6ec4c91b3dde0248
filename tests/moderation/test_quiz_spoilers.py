"""Quizzes without spoilers (issue 21 part 7): with a quiz, the fields that give the answer
away stay hidden until the reveal for readers and in search; the author may hide more; the
"hide" controls sit with their fields. ``send_outcome_reminders --now``."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from cases import authoring, quiz
from cases.forms import CaseForm
from cases.models import Case
from cases.search import search_cases
from tests.cases.conftest import make_case, publish
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_images(settings, tmp_path):
    settings.CASES_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def author(db):
    return UserFactory(professional=True, handle="author", email="author@example.org")


@pytest.fixture
def quiz_case(author, moderator):
    case = make_case(
        author,
        differential="Vasovagal syncope versus cardiomyopathy.",
        management="Beta blocker and septal myectomy referral.",
        learning_points="Murmur louder on standing suggests outflow obstruction.",
    )
    authoring.set_quiz(
        case,
        by=author,
        options=["HOCM", "Vasovagal"],
        correct=0,
        explanation="Classic dynamic murmur.",
    )
    return publish(Case.objects.get(pk=case.pk), author, moderator)


def test_with_a_quiz_the_giveaway_fields_are_hidden_until_the_reveal(
    quiz_case, client, author, moderator
):
    reader = UserFactory(professional=True)
    client.force_login(reader)
    html = client.get(quiz_case.get_absolute_url()).content.decode()
    for text in ["septal myectomy", "Vasovagal syncope versus", "outflow obstruction"]:
        assert text not in html
    assert "Hidden until the reveal" in html
    assert "Collapse while running" in html  # the open fields still show
    client.force_login(author)
    assert "septal myectomy" in client.get(quiz_case.get_absolute_url()).content.decode()
    quiz.reveal_diagnosis(quiz_case, by=author)
    client.force_login(reader)
    assert "septal myectomy" in client.get(quiz_case.get_absolute_url()).content.decode()


def test_search_does_not_find_a_case_by_its_hidden_fields_before_the_reveal(quiz_case, author):
    reader = UserFactory(professional=True)
    assert list(search_cases(user=reader, query="myectomy")) == []
    assert list(search_cases(user=reader, query="murmur")) == [quiz_case]  # examination: open
    assert list(search_cases(user=author, query="myectomy")) == [quiz_case]
    quiz.reveal_diagnosis(quiz_case, by=author)
    assert list(search_cases(user=reader, query="myectomy")) == [quiz_case]


def test_an_author_hides_another_field_without_a_quiz(author, moderator, client):
    case = publish(
        make_case(author, investigations="Echo showed septal thickening."), author, moderator
    )
    authoring.update_case(case, by=author, values={"spoiler_fields": ["investigations"]})
    reader = UserFactory(professional=True)
    client.force_login(reader)
    assert "septal thickening" not in client.get(case.get_absolute_url()).content.decode()
    assert list(search_cases(user=reader, query="thickening")) == []


def test_each_hide_control_sits_right_after_the_field_it_hides():
    names = list(CaseForm().fields)
    assert names.index("hide_diagnosis") == names.index("diagnosis") + 1
    assert names.index("hide_management") == names.index("management") + 1
    form = CaseForm(
        data={"title": "T", "specialty": "cardiology", "hide_outcome": "on", "tags": ""}
    )
    assert form.is_valid(), form.errors
    assert form.values()["spoiler_fields"] == ["outcome"]


def test_send_outcome_reminders_takes_now(author, moderator, django_capture_on_commit_callbacks):
    publish(make_case(author), author, moderator)
    out = StringIO()
    call_command("send_outcome_reminders", stdout=out)
    assert "Sent 0" in out.getvalue()
    later = (timezone.now() + timedelta(weeks=4, days=1)).strftime("%Y-%m-%dT%H:%M")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_outcome_reminders", "--now", later, stdout=out)
    assert "Sent 1" in out.getvalue()
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError):
        call_command("send_outcome_reminders", "--now", "next tuesday")
