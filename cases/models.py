"""Anonymised case studies. A case's discussion is a forums Thread linked one-to-one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for review")
    RETURNED = "returned", _("Returned to author")
    PUBLISHED = "published", _("Published")


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseQuerySet:
        from accounts.permissions import case_visibility_filter

        return self.filter(case_visibility_filter(user))


class Case(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="cases"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.DRAFT
    )
    thread = models.OneToOneField(
        "forums.Thread", null=True, blank=True, on_delete=models.SET_NULL, related_name="case"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        indexes = [models.Index(fields=["status", "-published_at"], name="cases_case_listing")]

    def __str__(self) -> str:
        return self.title
