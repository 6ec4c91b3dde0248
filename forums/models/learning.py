"""The CPD learning log: a member's private record of what they learned from threads and cases,
with a reflection, the time spent and a category, and the exports they handed an appraiser.

Written only by ``forums.learning.recording`` (entries, settings) and ``forums.learning.export``
(export records). Nobody but the member reads an entry: no admin, no moderator view, no page of
anyone else's (``forums.learning.selectors`` filters every read by the member).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums.models.content import Thread


class LearningKind(models.TextChoices):
    THREAD = "thread", _("Thread")
    CASE = "case", _("Case study")


class Activity(models.TextChoices):
    """What the member did in the item, derived from rows when they add it (and refreshed)."""

    READ = "read", _("Read")
    STARTED = "started", _("Started the thread")
    REPLIED = "replied", _("Replied")
    POLL_VOTED = "poll_voted", _("Voted in the poll")
    QUIZ_VOTED = "quiz_voted", _("Voted in the quiz")
    POSTED_CASE = "posted_case", _("Posted the case")
    POSTED_OUTCOME = "posted_outcome", _("Posted the outcome")


class LearningCategory(models.TextChoices):
    CLINICAL = "clinical", _("Clinical")
    PROFESSIONAL = "professional", _("Professional (ethics, communication, law)")
    TEACHING = "teaching", _("Teaching and supervision")
    QUALITY = "quality", _("Quality improvement and safety")
    RESEARCH = "research", _("Research and evidence")
    LEADERSHIP = "leadership", _("Leadership and management")
    OTHER = "other", _("Other")


# The reflective template's parts, in order: (field, label, prompt).
REFLECTION_FIELDS: list[tuple[str, str, str]] = [
    (
        "what_happened",
        _("What happened"),
        _("The discussion or case in your own words, without identifying anyone."),
    ),
    ("what_learned", _("What I learned"), _("New knowledge, or what it confirmed or changed.")),
    ("practice_change", _("How it changes my practice"), _("What you will do differently.")),
    ("next_steps", _("What I will do next"), _("Further reading, an audit, teaching others…")),
]
REFLECTION_NAMES = [name for name, _label, _prompt in REFLECTION_FIELDS]


class LearningEntry(models.Model):
    """One thread or case in one member's log. ``kind``, ``ref_id`` and ``specialty`` are kept
    when it is logged, so the entry stands (and exports) if the thread goes; never a title."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_entries"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=LearningKind.choices)
    ref_id = models.PositiveIntegerField()
    specialty = models.CharField(_("specialty"), max_length=120, blank=True)
    activities = ArrayField(models.CharField(max_length=20, choices=Activity.choices), default=list)
    date = models.DateField(_("date"), default=timezone.localdate)
    minutes = models.PositiveIntegerField(_("time spent (minutes)"))
    estimated_minutes = models.PositiveIntegerField(default=0)
    words_read = models.PositiveIntegerField(default=0)
    words_written = models.PositiveIntegerField(default=0)
    category = models.CharField(
        _("category"), max_length=20, choices=LearningCategory.choices, default="clinical"
    )
    what_happened = models.TextField(_("what happened"), blank=True)
    what_happened_html = models.TextField(blank=True, editable=False)
    what_learned = models.TextField(_("what I learned"), blank=True)
    what_learned_html = models.TextField(blank=True, editable=False)
    practice_change = models.TextField(_("how it changes my practice"), blank=True)
    practice_change_html = models.TextField(blank=True, editable=False)
    next_steps = models.TextField(_("what I will do next"), blank=True)
    next_steps_html = models.TextField(blank=True, editable=False)
    # Findings of the identifier scanner the member kept, by the check's key, with the reason.
    kept = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("learning log entry")
        verbose_name_plural = _("learning log entries")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                "user", "thread", condition=Q(thread__isnull=False), name="forums_learning_once"
            ),
        ]
        indexes = [models.Index(fields=["user", "-date", "-id"], name="forums_learning_by_date")]

    def __str__(self) -> str:
        return f"{self.kind} {self.ref_id} ({self.date})"

    @property
    def reference(self) -> str:
        """How exports and pages name the item: its kind and number, never its title."""
        if self.kind == LearningKind.CASE:
            return str(_("Rounds case %(n)s")) % {"n": self.ref_id}
        return str(_("Rounds thread %(n)s")) % {"n": self.ref_id}

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)

    def activity_labels(self) -> list[str]:
        labels = dict(Activity.choices)
        return [str(labels.get(code, code)) for code in self.activities]

    @property
    def has_reflection(self) -> bool:
        return any(getattr(self, name).strip() for name in REFLECTION_NAMES)


class LearningSettings(models.Model):
    """A member's choices for the log: the weekly prompt about what they have not logged."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_settings"
    )
    weekly_prompt = models.BooleanField(
        _("email me once a week when I took part in cases or threads I have not logged"),
        default=False,
    )
    # The Monday of the last week a prompt went for (the ledger's event as well).
    last_prompt_week = models.DateField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return f"{self.user} learning settings"


class LearningExport(models.Model):
    """An export the member made, what its verification link confirms: the period, the totals
    and the SHA-256 of the entries as exported. No reflection is kept here."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_exports"
    )
    start = models.DateField()
    end = models.DateField()
    entry_count = models.PositiveIntegerField()
    minutes = models.PositiveIntegerField()
    by_category = models.JSONField(default=dict)  # category value -> minutes
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"export {self.start}..{self.end} of {self.user_id}"

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 2)
