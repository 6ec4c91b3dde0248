from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models.case import Case


class QuizOption(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="quiz_options")
    text = models.CharField(_("option"), max_length=200)
    is_correct = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)
    # Denormalised so the results need no COUNT(*) per option on the case page.
    vote_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class QuizVote(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="quiz_votes")
    option = models.ForeignKey(QuizOption, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint("case", "voter", name="cases_one_vote_per_member")]

    def __str__(self) -> str:
        return f"{self.voter_id} -> {self.option_id}"
