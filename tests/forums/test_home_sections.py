"""Home page sections other apps register (cases adds its newest case studies this way)."""

from __future__ import annotations

from pathlib import Path

import pytest

from forums import home

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(monkeypatch, settings):
    # An isolated registry: what the test registers does not leak into other tests.
    monkeypatch.setattr(home, "_providers", [])
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], Path(__file__).parent / "templates"]
    settings.TEMPLATES = templates
    return home


def test_a_registered_section_is_included_only_when_its_provider_answers(client, registry):
    registry.register_home_section(
        "forums/tests/home_section.html",
        lambda request: {"greeting": "hello from a provider"} if request.GET.get("x") else None,
    )
    assert "hello from a provider" in client.get("/?x=1").content.decode()
    assert "hello from a provider" not in client.get("/").content.decode()
