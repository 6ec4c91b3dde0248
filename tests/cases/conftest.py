"""Fixtures for the cases tests: case authors, readers and cases at each lifecycle step."""

from __future__ import annotations

import pytest

from cases import authoring, moderation
from cases.models import CaseStatus
from forums.posting import SITE
from tests.factories import UserFactory

CASE_VALUES = {
    "title": "Syncope on exertion in a runner",
    "specialty": "cardiology",
    "age_band": "30-39",
    "sex": "male",
    "care_setting": "emergency",
    "presenting_complaint": "Collapse while running, **no** prodrome.",
    "history": "Two similar episodes. Family history of sudden death.",
    "examination": "Ejection systolic murmur louder on standing.",
    "timeline": "Day 0 collapse. Day +2 echo.",
    "diagnosis": "Hypertrophic obstructive cardiomyopathy.",
    "question": "Would you allow him to keep running?",
}


@pytest.fixture(autouse=True)
def private_images(settings, tmp_path):
    """Case images go to a temporary private folder; media to another, to prove the split."""
    settings.CASES_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.CASES_PRIVATE_ROOT


@pytest.fixture
def author(db):
    return UserFactory(professional=True, handle="author", email="author@example.org")


@pytest.fixture
def reader(db):
    return UserFactory(professional=True, handle="reader", email="reader@example.org")


@pytest.fixture
def member(db):
    """Signed in with a verified email, but not a verified professional."""
    return UserFactory(handle="member", email="member@example.org")


def make_case(author, **values):
    return authoring.create_case(
        author=author, values={**CASE_VALUES, **values}, tags=["ecg"], origin=SITE
    )


def submit(case, author, **kwargs):
    return authoring.submit_case(case, by=author, consent_basis="patient", attest=True, **kwargs)


def publish(case, author, moderator):
    submit(case, author)
    return moderation.approve_case(case, by=moderator)


@pytest.fixture
def draft(author):
    return make_case(author)


@pytest.fixture
def published(author, moderator):
    case = publish(make_case(author), author, moderator)
    assert case.status == CaseStatus.PUBLISHED
    return case
