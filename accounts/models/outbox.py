from __future__ import annotations

from django.db import models
from django.utils import timezone


class OutboxTask(models.Model):
    """A task that could not reach the broker after its commit, kept until it can
    (accounts.outbox). Rows live only while the broker is down, and a minute or so after."""

    name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name}{tuple(self.args)}"
