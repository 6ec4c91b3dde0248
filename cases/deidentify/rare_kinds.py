"""Round 15's passes for the kinds new text still missed, called last by ``find_identifiers``.

Each pass lives in a module named by what it finds (``ages_beside``, ``dates_partial``,
``id_fragments``, ``names_opening``, ``unique_roles``,
``unique_events``); they run after every other pass so
they can read its findings (a name before "is 104"), and their look-alike filters run last.
"""

from __future__ import annotations

from cases.deidentify.ages_beside import age_look_alike, find_ages_beside
from cases.deidentify.dates_partial import date_look_alike, find_partial_dates
from cases.deidentify.finding import Finding
from cases.deidentify.id_fragments import find_id_fragments
from cases.deidentify.names_opening import find_opening_names, name_look_alike
from cases.deidentify.unique_events import find_unique_events
from cases.deidentify.unique_roles import find_unique_roles


def find_rare_kinds(text: str, low: str, found: list[Finding]) -> None:
    find_opening_names(text, low, found)
    find_ages_beside(text, low, found)
    find_partial_dates(text, low, found)
    find_id_fragments(text, low, found)
    find_unique_roles(low, text, found)
    find_unique_events(text, low, found)


def quiet_rare_kinds(text: str, found: list[Finding]) -> list[Finding]:
    """Drop the look-alikes of ages, dates and names, in one pass over the findings."""
    return [
        f
        for f in found
        if not (
            (f.kind == "AGE_OVER_89" and age_look_alike(text, f))
            or (f.kind == "DATE" and date_look_alike(text, f))
            or (f.kind == "NAME" and name_look_alike(f))
        )
    ]
