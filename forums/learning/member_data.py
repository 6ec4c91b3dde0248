"""The learning log in "my data" and its removal with the account (plugged into accounts by
``forums/plugins.py``). The export holds everything the member wrote there, reflections
included: it is theirs. Deletion removes every row, whether or not posts are kept."""

from __future__ import annotations

from accounts.models import User
from forums.models import (
    REFLECTION_NAMES,
    LearningEntry,
    LearningExport,
    LearningSettings,
)


def export_learning_log(user: User) -> dict:
    settings = LearningSettings.objects.filter(user=user).first()
    return {
        "weekly_prompt": bool(settings and settings.weekly_prompt),
        "entries": [
            {
                "date": e.date.isoformat(),
                "reference": e.reference,
                "thread": e.thread_id,
                "specialty": e.specialty,
                "activities": list(e.activities),
                "minutes": e.minutes,
                "estimated_minutes": e.estimated_minutes,
                "category": e.category,
                **{name: getattr(e, name) for name in REFLECTION_NAMES},
                "kept_findings": e.kept,
                "created_at": e.created_at.isoformat(),
            }
            for e in LearningEntry.objects.filter(user=user).order_by("date", "pk")
        ],
        "exports": [
            {
                "start": x.start.isoformat(),
                "end": x.end.isoformat(),
                "entries": x.entry_count,
                "minutes": x.minutes,
                "sha256": x.digest,
                "created_at": x.created_at.isoformat(),
            }
            for x in LearningExport.objects.filter(user=user).order_by("created_at")
        ],
    }


def remove_learning_log(user: User, *, keep_posts: bool) -> None:
    """Always, kept posts or not: the log is personal, not something others replied to. The
    export records go too, so their verification links stop confirming anything."""
    LearningEntry.objects.filter(user=user).delete()
    LearningExport.objects.filter(user=user).delete()
    LearningSettings.objects.filter(user=user).delete()
