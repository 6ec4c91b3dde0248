"""Against unequal participation: what the home page adds for the member.

- "Unanswered in your specialty" (``unanswered_for_home``): threads and cases in the member's
  specialties with no reply ``UNANSWERED_AFTER_HOURS`` after they opened
  (``forums.selectors.unanswered``).
- A gentle prompt (``prompt_for_home``) to members who read often but have never posted,
  pointing at one of those: at most once a week (``Preferences.participation_prompted_at``),
  never once they turned it off in Settings → Preferences
  (``Preferences.participation_prompts``).

Both are ``forums.extensions.HomeProvider`` values, plugged in by ``forums/plugins.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import Preferences, Profile, Specialty, User
from forums.models import ThreadState
from forums.selectors.common import reads_for
from forums.selectors.unanswered import unanswered_for
from forums.sharing.own_pages import own_pages_changed

_USER, _PROFILE, _PREFERENCES, _SPECIALTY = (
    model._meta.db_table for model in (User, Profile, Preferences, Specialty)
)
_FOLLOWED = Preferences.followed_specialties.through._meta.db_table
PROMPT_EVERY = timedelta(days=7)
# "Reads often": has read at least this many threads (their read positions).
READS_NEEDED = 5


@dataclass(frozen=True)
class Facts:
    """What the home page's participation sections need to know of the member (one query)."""

    contributions: int
    prompts: bool
    prompted_at: datetime | None
    specialties: frozenset[str]


# Plain SQL without GROUP BY: the ORM's form (four joins and an ArrayAgg) took PostgreSQL
# 5 ms to plan for 0.3 ms of work, on every home page a member opened.
_FACTS_SQL = f"""
SELECT profile.contributions, preferences.participation_prompts,
       preferences.participation_prompted_at, own.slug,
       ARRAY(SELECT specialty.slug FROM {_FOLLOWED} followed
               JOIN {_SPECIALTY} specialty ON specialty.id = followed.specialty_id
              WHERE followed.preferences_id = preferences.id)
  FROM {_USER} member
  LEFT JOIN {_PROFILE} profile ON profile.user_id = member.id
  LEFT JOIN {_SPECIALTY} own ON own.id = profile.specialty_id
  LEFT JOIN {_PREFERENCES} preferences ON preferences.user_id = member.id
 WHERE member.id = %s
"""  # noqa: S608 - table names from the models, the member's id bound as a parameter


def member_facts(request: HttpRequest) -> Facts | None:
    """Read once per request: the member's contributions counter, prompt preferences and
    specialty slugs (profile and followed) in one query. None for visitors."""
    if not hasattr(request, "_rounds_participation"):
        facts = None
        if request.user.is_authenticated:
            with reads_for(User).cursor() as cursor:
                cursor.execute(_FACTS_SQL, [request.user.pk])
                row = cursor.fetchone()
            if row is not None:
                contributions, prompts, prompted_at, own, followed = row
                facts = Facts(
                    contributions=contributions or 0,
                    prompts=prompts is not False,  # no preferences row: the default, on
                    prompted_at=prompted_at,
                    specialties=frozenset(slug for slug in (own, *followed) if slug),
                )
        request._rounds_participation = facts  # type: ignore[attr-defined]
    return request._rounds_participation  # type: ignore[attr-defined]


def _unanswered(request: HttpRequest) -> list:
    """Read once per request: the prompt points at the first of the section's items."""
    if not hasattr(request, "_rounds_unanswered"):
        facts = member_facts(request)
        request._rounds_unanswered = (  # type: ignore[attr-defined]
            unanswered_for(request.user, specialties=set(facts.specialties)) if facts else []
        )
    return request._rounds_unanswered  # type: ignore[attr-defined]


def unanswered_for_home(request: HttpRequest) -> dict | None:
    items = _unanswered(request)
    if not items:
        return None
    return {"items": items, "hours": settings.UNANSWERED_AFTER_HOURS}


def prompt_for_home(request: HttpRequest) -> dict | None:
    """The prompt's context, or None. Nothing more than the member's facts for those who
    posted, turned it off, saw it this week or have no specialty; for the others one query
    for their reading, then the unanswered items (read once for the page); and the moment
    it is shown is written, so it waits a week."""
    facts = member_facts(request)
    now = timezone.now()
    if facts is None or facts.contributions or not facts.prompts or not facts.specialties:
        return None
    if facts.prompted_at is not None and facts.prompted_at > now - PROMPT_EVERY:
        return None
    user_id: int = request.user.pk  # type: ignore[assignment]  # signed in: facts say so
    reads = ThreadState.objects.filter(user_id=user_id, last_read_number__gt=0)
    if len(reads.values_list("pk", flat=True)[:READS_NEEDED]) < READS_NEEDED:
        return None
    items = _unanswered(request)
    if not items:
        return None
    Preferences.objects.update_or_create(
        user_id=user_id, defaults={"participation_prompted_at": now}
    )
    own_pages_changed([user_id])  # shown once: the home page kept for them shows it no more
    return {"item": items[0]}
