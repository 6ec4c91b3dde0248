"""Fixtures for the accounts tests."""

from __future__ import annotations

import shutil

import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def _roles_and_specialties(db):
    """What migration 0004 creates. Transactional tests (the browser ones) flush the database,
    and --reuse-db keeps it flushed, so tests here do not rely on migration data."""
    from django.utils.text import slugify

    from accounts.models import Specialty
    from accounts.roles import ensure_moderators_group

    ensure_moderators_group()
    for name in ["Cardiology", "Neurology", "Paediatrics"]:
        Specialty.objects.get_or_create(slug=slugify(name), defaults={"name": name})


@pytest.fixture(autouse=True)
def _clean_media():
    """Uploaded files land under the test MEDIA_ROOT; start and end each test without them."""
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    shutil.rmtree(settings.STORAGES["private"]["OPTIONS"]["location"], ignore_errors=True)


@pytest.fixture(autouse=True)
def _fresh_celery_producer_pool():
    """``.delay`` (the verification email) takes a producer from the Celery app's pool, which
    kombu also keeps in a global registry keyed by broker. tests/fixtures/celery_worker.py resets
    ``app._pool`` but not these, so they point at a closed pool and break the next real-worker
    test ("Acquire on closed pool"). Drop them after each test here until that fixture does."""
    yield
    from kombu import pools

    from config.celery import app

    app.amqp._producer_pool = None
    pools.reset()
