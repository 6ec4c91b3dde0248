from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from cases.models.case import Case


class PrivateCaseStorage(FileSystemStorage):
    """Case images live outside MEDIA_ROOT and have no URL: only ``cases:image`` serves them.

    The location is read from settings on each use so tests can point it at a temporary folder.
    """

    @property
    def base_location(self) -> str:  # type: ignore[override]
        default = Path(settings.VAR_DIR) / "private" / "cases"
        return str(getattr(settings, "CASES_PRIVATE_ROOT", default))

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)

    @cached_property
    def base_url(self):  # type: ignore[override]
        return None

    def url(self, name):
        raise ValueError("Case images have no public URL; link to cases:image instead.")


def private_storage():
    """Where case images live: ``STORAGES["case_images"]`` (this folder by default, a private
    S3 bucket prefix when ``MEDIA_S3_BUCKET`` is set; see config/settings/base.py)."""
    return storages["case_images"]


def _image_path(instance: CaseImage, filename: str) -> str:
    return f"{instance.case_id}/{filename}"


class ImageCheck(models.TextChoices):
    """Where an image stands with the identifier check (cases.images)."""

    CLEAR = "clear", _("checked")  # every finding redacted or kept with a reason: shown
    OPEN = "open", _("findings to resolve")  # author must redact or keep: not shown, no submit
    HELD = "held", _("held for a moderator")  # the text could not be read: not shown until a
    # moderator has looked at it


class CaseImageQuerySet(models.QuerySet):
    def shown(self) -> CaseImageQuerySet:
        """Images readers may see: checked, with nothing left to resolve."""
        return self.filter(check_state=ImageCheck.CLEAR)


class CaseImage(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(storage=private_storage, upload_to=_image_path, max_length=200)
    content_type = models.CharField(max_length=20)
    alt_text = models.CharField(_("description (alt text)"), max_length=300)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)
    # Images stored before the check existed were never read: held until a moderator looks.
    check_state = models.CharField(
        max_length=10, choices=ImageCheck.choices, default=ImageCheck.HELD
    )
    # What the check found in the stored pixels: [{"kind", "text", "box": [l, t, r, b],
    # "reason": why the author or a moderator kept it, or absent}] (cases.images.ImageFinding).
    findings = models.JSONField(default=list, blank=True)
    text_read = models.BooleanField(default=False)  # False: OCR was unavailable, faces only
    checked_at = models.DateTimeField(null=True, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)

    objects = CaseImageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_text

    def get_absolute_url(self) -> str:
        # The stored name changes with every redaction: a new URL, so no browser or proxy can
        # answer with the pixels from before.
        url = reverse("cases:image", kwargs={"pk": self.case_id, "image_pk": self.pk})
        return f"{url}?v={Path(self.file.name).stem[:12]}"
