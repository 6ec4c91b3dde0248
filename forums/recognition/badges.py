"""The badges Rounds awards, described once: code, name, what earns it, and the mark shown
beside a member's name. The rule that earns each is applied where its event happens
(``forums.recognition.events``, called by the event's own service); nothing else grants one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Badge:
    code: str
    name: str | Promise
    description: str | Promise
    mark: str  # a short glyph beside the name in bylines; the name is its text alternative


FIRST_CASE = "first_case"
OUTCOMES = "outcomes_5"
HELPFUL = "helpful_10"
ACCEPTED = "first_accepted"
FIRST_RESPONDER = "first_responder"
VERIFIED = "verified"

OUTCOMES_NEEDED = 5
HELPFUL_NEEDED = 10

BADGES: dict[str, Badge] = {
    badge.code: badge
    for badge in (
        Badge(FIRST_CASE, _("Case author"), _("Published a first case study."), "✎"),
        Badge(
            OUTCOMES,
            _("Follows through"),
            _("Posted the outcome of five case studies."),
            "↻",
        ),
        Badge(HELPFUL, _("Helpful"), _("Colleagues marked their posts helpful ten times."), "♥"),
        Badge(ACCEPTED, _("Accepted answer"), _("Wrote a reply its thread accepted."), "✓"),
        Badge(
            FIRST_RESPONDER,
            _("First responder"),
            _("Gave the first reply to a colleague's case study."),
            "➜",
        ),
        Badge(
            VERIFIED,
            _("Verified clinician"),
            _("Had their professional registration checked by a moderator."),
            "✚",
        ),
    )
}

# Shown beside the name in bylines; "Verified" already shows there while it is valid.
BYLINE_BADGES = [code for code in BADGES if code != VERIFIED]


def badges_of(codes: list[str] | None) -> list[Badge]:
    """The member's badges in the order above (unknown codes, from a badge since retired, are
    left out)."""
    held = set(codes or ())
    return [badge for code, badge in BADGES.items() if code in held]
