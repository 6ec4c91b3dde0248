"""Sections other apps add to the home page, without forums importing them.

``cases`` (which may import forums) registers a provider in its ``AppConfig.ready``::

    from forums.home import register_home_section
    register_home_section("cases/includes/home_cases.html", newest_cases_for_home)

A provider takes the request and returns the template's context, or None to show nothing.
It owns its own queries and permission checks (``Case.objects.visible_to(request.user)``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

Provider = Callable[[HttpRequest], dict | None]


@dataclass(frozen=True)
class HomeSection:
    template: str
    context: dict


_providers: list[tuple[str, Provider]] = []


def register_home_section(template: str, provider: Provider) -> None:
    if (template, provider) not in _providers:
        _providers.append((template, provider))


def home_sections(request: HttpRequest) -> list[HomeSection]:
    sections = []
    for template, provider in _providers:
        context = provider(request)
        if context is not None:
            sections.append(HomeSection(template, context))
    return sections
