"""The sections other apps add to the home page, without forums importing them.

A section is plugged in through ``forums.extensions`` (``HomeProvider``: a template and a
provider that takes the request and returns the template's context, or None to show nothing).
The provider owns its own queries and permission checks (``Case.objects.visible_to(user)``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from forums import extensions


@dataclass(frozen=True)
class HomeSection:
    template: str
    context: dict


def home_sections(request: HttpRequest) -> list[HomeSection]:
    sections = []
    for provider in extensions.home_sections():
        context = provider.provide(request)
        if context is not None:
            sections.append(HomeSection(provider.template, context))
    return sections
