"""Images members add to forum posts from the composer (``forums.uploads`` writes them)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums.models.content import Category, Post, Thread


def post_image_storage():
    """``STORAGES["private"]``: outside MEDIA_ROOT (or a private S3 prefix), so the only way to
    read a post image is ``forums:post_image``, which asks who may read its thread first."""
    return storages["private"]


def _image_path(instance: PostImage, filename: str) -> str:
    return f"post-images/{instance.key}.{filename.rsplit('.', 1)[-1]}"


class PostImage(models.Model):
    """One uploaded image, cleaned (``accounts.images.clean_image``) and stored under a random
    name. It belongs to the thread (reply, edit) or the forum (new thread) it was uploaded for;
    ``post`` is set when a post that shows it is saved, and from then on the image is served
    with that post's thread's permissions. Until then only its uploader sees it; unattached
    uploads are deleted after a day (``forums.uploads.delete_unattached_images``)."""

    key = models.CharField(max_length=32, unique=True, editable=False)
    file = models.FileField(storage=post_image_storage, upload_to=_image_path, max_length=200)
    extension = models.CharField(max_length=4)
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    size = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("description (alt text)"), max_length=300)
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="images"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("post image")
        verbose_name_plural = _("post images")
        indexes = [
            # The daily clean-up reads only the unattached ones, oldest first.
            models.Index(
                fields=["created_at"],
                condition=Q(post__isnull=True),
                name="forums_postimage_unattached",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False) | Q(category__isnull=False),
                name="forums_postimage_has_place",
            )
        ]

    def __str__(self) -> str:
        return f"{self.key}.{self.extension}"

    def get_absolute_url(self) -> str:
        return reverse("forums:post_image", kwargs={"key": self.key, "ext": self.extension})
