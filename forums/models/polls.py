"""A thread's poll and its members' votes.

A poll keeps its options and their counts in arrays on its own row, as Misago keeps its
choices with their votes on the poll (``misago/polls``): the thread page reads the poll in the
thread's own query (a join), so a thread with a poll costs the page no query more, and results
are never a ``COUNT(*)``. ``forums.posting.polls`` writes both rows under a lock on the poll, so the
counts always equal the votes.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums.models.content import Thread


class PollResults(models.TextChoices):
    """When a poll's results show to a member (moderators and authors too: one rule for all)."""

    ALWAYS = "always", _("Always")
    VOTED = "voted", _("Once the member has voted")
    CLOSED = "closed", _("Once the poll has closed")


class Poll(models.Model):
    thread = models.OneToOneField(Thread, on_delete=models.CASCADE, related_name="poll")
    question = models.CharField(_("question"), max_length=300)
    options = ArrayField(models.CharField(max_length=200), verbose_name=_("options"))
    # counts[i]: members whose vote includes options[i]; written only by forums.polls.
    counts = ArrayField(models.PositiveIntegerField(), editable=False)
    voter_count = models.PositiveIntegerField(default=0, editable=False)
    multiple = models.BooleanField(_("multiple choice"), default=False)
    max_choices = models.PositiveSmallIntegerField(_("choices allowed"), default=1)
    results = models.CharField(
        _("results shown"), max_length=10, choices=PollResults.choices, default=PollResults.ALWAYS
    )
    changeable = models.BooleanField(_("votes may be changed until close"), default=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_choices__gte=1), name="forums_poll_max_choices_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.question

    def closed_time(self) -> datetime | None:
        """When the poll closed (by hand, or at its close date), None while open."""
        if self.closed_at is not None:
            return self.closed_at
        if self.closes_at is not None and self.closes_at <= timezone.now():
            return self.closes_at
        return None

    @property
    def is_closed(self) -> bool:
        # Read at each request: a poll closes at its date with no task to run (the page shared
        # between members fills the poll per request, so it shows closed on time).
        return self.closed_time() is not None

    def shows_results(self, *, voted: bool) -> bool:
        if self.results == PollResults.ALWAYS or self.is_closed:
            return True
        return self.results == PollResults.VOTED and voted


class PollVote(models.Model):
    """One member's vote: the positions of the options they chose. One row per member and
    poll (changed in place while the poll allows it)."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    # A departed member's vote stays counted, as nobody's: the counts and rows stay equal.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    choices = ArrayField(models.PositiveSmallIntegerField())
    created_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("poll vote")
        verbose_name_plural = _("poll votes")
        constraints = [
            models.UniqueConstraint("poll", "user", name="forums_pollvote_one_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.poll}"
