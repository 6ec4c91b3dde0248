"""Home page sections other apps register (cases adds its newest case studies this way)."""

from __future__ import annotations

from pathlib import Path

import pytest

from forums import extensions

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(settings):
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], Path(__file__).parent / "templates"]
    settings.TEMPLATES = templates
    yield extensions
    extensions.unplug("test")  # what the test plugs in does not leak into other tests


def test_a_registered_section_is_included_only_when_its_provider_answers(client, registry):
    section = registry.HomeProvider(
        "forums/tests/home_section.html",
        lambda request: {"greeting": "hello from a provider"} if request.GET.get("x") else None,
    )
    registry.plug_in(registry.Extension(name="test", home_sections=(section,)))
    assert "hello from a provider" in client.get("/?x=1").content.decode()
    assert "hello from a provider" not in client.get("/").content.decode()
