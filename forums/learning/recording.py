"""Writing the learning log: adding a thread or case, the member's reflection and time, removing
an entry, the weekly prompt's switch. Every function acts on the member's own rows only.

A reflection runs the forums' text checks (``forums.posting.check_text`` with no thread: the
identifier scanner that cases plugs in) and is rendered by the one Markdown pipeline
(``forums.rendering``); findings the member keeps with a reason are stored on the entry, so a
later edit does not ask again for the same text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from forums import extensions
from forums.extensions import TextFinding
from forums.learning.activity import derive
from forums.models import (
    REFLECTION_NAMES,
    LearningCategory,
    LearningEntry,
    LearningSettings,
    Thread,
)
from forums.posting.checks import PostingError, check_text
from forums.rendering import RenderError, render_markdown
from forums.sharing.own_pages import own_pages_changed

MAX_MINUTES = 24 * 60  # one entry is at most a day's learning
MAX_REFLECTION = 10_000  # characters per part


class ReflectionRefused(ValueError):
    """The reflection may identify a patient, or cannot be rendered: ``findings`` per field
    (each to fix or keep with a reason), ``errors`` per field for the member."""

    def __init__(self, findings: dict[str, list[TextFinding]], errors: dict[str, str]):
        super().__init__(_("Some of your reflection needs a change before it can be saved."))
        self.findings = findings
        self.errors = errors


@dataclass(frozen=True)
class EntryValues:
    date: date
    minutes: int
    category: str
    reflection: Mapping[str, str]


@transaction.atomic
def log_thread(*, user: User, thread: Thread) -> tuple[LearningEntry, bool]:
    """Add ``thread`` (or the case it discusses) to ``user``'s log, or refresh what they did
    there when it is logged already (their own time and date stay as they set them).
    Returns the entry and whether it is new. The caller checked that ``user`` may read it."""
    derived = derive(user=user, thread=thread)
    existing = LearningEntry.objects.select_for_update().filter(user=user, thread=thread).first()
    if existing is not None:
        existing.activities = derived.activities
        existing.words_read, existing.words_written = derived.words_read, derived.words_written
        existing.estimated_minutes = derived.minutes
        existing.updated_at = timezone.now()
        existing.save(
            update_fields=[
                "activities",
                "words_read",
                "words_written",
                "estimated_minutes",
                "updated_at",
            ]
        )
        return existing, False
    entry = LearningEntry(
        user=user,
        thread=thread,
        kind=derived.kind,
        ref_id=derived.ref_id,
        specialty=derived.specialty[:120],
        activities=derived.activities,
        date=derived.last_active or timezone.localdate(),
        minutes=derived.minutes,
        estimated_minutes=derived.minutes,
        words_read=derived.words_read,
        words_written=derived.words_written,
        category=LearningCategory.CLINICAL,
    )
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:  # the same member's second click, a moment apart
        return LearningEntry.objects.get(user=user, thread=thread), False
    return entry, True


def scan_reflection(
    reflection: Mapping[str, str], kept: Mapping[str, str]
) -> dict[str, list[TextFinding]]:
    """The findings of the plugged-in scanners not yet kept, per reflection field."""
    found: dict[str, list[TextFinding]] = {}
    for name in REFLECTION_NAMES:
        text = reflection.get(name, "")
        items = [f for s in extensions.text_scanners() for f in s.find(body=text, kept=kept)]
        if items:
            found[name] = items
    return found


def fix_reflection(reflection: Mapping[str, str]) -> dict[str, str]:
    """Every suggested fix applied, field by field."""
    fixed = dict(reflection)
    for name in REFLECTION_NAMES:
        for scanner in extensions.text_scanners():
            fixed[name] = scanner.fix_all(fixed.get(name, ""))
    return fixed


@transaction.atomic
def update_entry(
    entry: LearningEntry, *, by: User, values: EntryValues, kept: Mapping[str, str]
) -> LearningEntry:
    """Save the member's date, time, category and reflection. Raises ``ReflectionRefused``
    (nothing saved) while a part may identify a patient and is neither fixed nor kept with a
    reason, or cannot be rendered. ``kept`` adds to the reasons kept before."""
    if entry.user_id != by.pk:
        raise PermissionError("Only the member writes their learning log.")
    if values.category not in LearningCategory.values:
        raise ValueError(values.category)
    reasons = {**entry.kept, **{k: v.strip() for k, v in kept.items() if v.strip()}}
    errors: dict[str, str] = {}
    for name in REFLECTION_NAMES:
        try:
            check_text(thread=None, body=values.reflection.get(name, ""), kept=reasons)
        except PostingError as refused:
            errors[name] = str(refused)
    findings = scan_reflection(values.reflection, reasons) if errors else {}
    rendered: dict[str, str] = {}
    for name in REFLECTION_NAMES:
        try:
            rendered[name] = render_markdown(values.reflection.get(name, ""))
        except RenderError as error:
            errors.setdefault(name, str(error))
    if errors:
        raise ReflectionRefused(findings, errors)
    entry.date = values.date
    entry.minutes = max(0, min(values.minutes, MAX_MINUTES))
    entry.category = values.category
    for name in REFLECTION_NAMES:
        setattr(entry, name, values.reflection.get(name, ""))
        setattr(entry, f"{name}_html", rendered[name])
    # Only the reasons for findings still in the text are kept.
    entry.kept = {key: reason for key, reason in reasons.items() if _still_in(key, values)}
    entry.updated_at = timezone.now()
    entry.save()
    return entry


def _still_in(key: str, values: EntryValues) -> bool:
    """Whether the text a kept finding's key names is still in the reflection (keys end with
    the words found: ``<field>:<kind>:<text>``)."""
    text = key.split(":", 2)[-1]
    return any(text in values.reflection.get(name, "") for name in REFLECTION_NAMES)


def delete_entry(entry: LearningEntry, *, by: User) -> None:
    if entry.user_id != by.pk:
        raise PermissionError("Only the member writes their learning log.")
    entry.delete()


def set_weekly_prompt(*, user: User, on: bool) -> LearningSettings:
    settings, _created = LearningSettings.objects.update_or_create(
        user=user, defaults={"weekly_prompt": on}
    )
    own_pages_changed([user.pk])  # also from an email's link, without a session
    return settings
