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

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import Preferences, User
from forums.models import ThreadState
from forums.selectors.unanswered import unanswered_for

PROMPT_EVERY = timedelta(days=7)
# "Reads often": has read at least this many threads (their read positions).
READS_NEEDED = 5


def _unanswered(request: HttpRequest) -> list:
    """Read once per request: the prompt points at the first of the section's items."""
    if not hasattr(request, "_rounds_unanswered"):
        request._rounds_unanswered = unanswered_for(request.user)  # type: ignore[attr-defined]
    return request._rounds_unanswered  # type: ignore[attr-defined]


def unanswered_for_home(request: HttpRequest) -> dict | None:
    items = _unanswered(request)
    if not items:
        return None
    return {"items": items, "hours": settings.UNANSWERED_AFTER_HOURS}


def prompt_for_home(request: HttpRequest) -> dict | None:
    """The prompt's context, or None. One query for members who posted, turned it off or saw
    it this week; for the others one more for their reading, then the unanswered items (read
    once for the page); and the moment it is shown is written, so it waits a week."""
    user = request.user
    if not user.is_authenticated:
        return None
    found = (
        User.objects.filter(pk=user.pk)
        .values_list(
            "profile__contributions",
            "preferences__participation_prompts",
            "preferences__participation_prompted_at",
        )
        .first()
    )
    if found is None:
        return None
    contributions, wanted, prompted_at = found
    now = timezone.now()
    if contributions or wanted is False:  # no preferences row: the default, on
        return None
    if prompted_at is not None and prompted_at > now - PROMPT_EVERY:
        return None
    reads = ThreadState.objects.filter(user_id=user.pk, last_read_number__gt=0)
    if len(reads.values_list("pk", flat=True)[:READS_NEEDED]) < READS_NEEDED:
        return None
    items = _unanswered(request)
    if not items:
        return None
    Preferences.objects.update_or_create(
        user_id=user.pk, defaults={"participation_prompted_at": now}
    )
    return {"item": items[0]}
