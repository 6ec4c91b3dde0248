"""Images in forum posts: store an upload, attach it to the post that shows it, clean up.

An upload goes through ``accounts.images.clean_image`` (sniffed, limited, metadata stripped,
re-encoded), then through every image check plugged in (``forums.extensions.image_checks``: cases
refuses an image that may identify a patient in a case discussion), and is stored under a
random name. The composer inserts ``![alt](/uploads/<key>.<ext>)``; when a post with that
Markdown is saved, ``attach_images`` ties the image to the post, whose thread then decides who
may see it (``forums.permissions.can_view_post_image``).
"""

from __future__ import annotations

import io
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from accounts import images as shared
from accounts.models import User
from forums import extensions
from forums.models import Category, Post, PostImage, Thread

# Smaller than a case image's 10 MB: a post illustrates; a phone photo fits well under this.
MAX_BYTES = 8 * 1024 * 1024
MAX_ALT_CHARS = 300
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# The path the images are served at, in Markdown and in the sanitiser's allowlist
# (forums.rendering keeps it in step: it may not import this module's models).
URL_PREFIX = "/uploads/"
_IMAGE_URL = re.compile(r"/uploads/([0-9a-f]{32})\.(?:jpg|png|webp)\b")
# Unattached uploads older than this are deleted (the composer was left, or the image removed).
KEEP_UNATTACHED = timedelta(days=1)


class UploadError(ValueError):
    """An image refused for a reason the uploader can act on; ``field`` names the form field."""

    def __init__(self, message: str, *, field: str = "image"):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class CheckedUpload:
    data: bytes  # cleaned: re-encoded, metadata stripped
    alt_text: str
    format: str  # "JPEG", "PNG" or "WEBP"
    width: int
    height: int


def checked_upload(
    data: bytes, alt_text: str, *, thread: Thread | None, private: bool = False
) -> CheckedUpload:
    """An image a member adds to a post or a private message, cleaned and passed by every
    plugged-in image check (``thread`` None and ``private`` True for a private consult).
    Raises UploadError, the field named, for anything the uploader can act on."""
    alt_text = " ".join(alt_text.replace("\x00", "").split())
    if not alt_text:
        raise UploadError(
            _(
                "Describe the image in “Image description (alt text)” for readers who cannot "
                "see it; the image was not added."
            ),
            field="alt_text",
        )
    if len(alt_text) > MAX_ALT_CHARS:
        raise UploadError(
            _("The image description may be at most %(limit)s characters.")
            % {"limit": MAX_ALT_CHARS},
            field="alt_text",
        )
    try:
        cleaned = shared.clean_image(data, max_bytes=MAX_BYTES)
    except ValidationError as exc:
        raise UploadError(exc.messages[0]) from exc
    checks = extensions.image_checks()
    if messages := [m for check in checks for m in check(thread, cleaned, private=private)]:
        raise UploadError(" ".join(messages))
    with Image.open(io.BytesIO(cleaned)) as img:
        width, height = img.size
    return CheckedUpload(cleaned, alt_text, shared.image_format(cleaned), width, height)


def store_post_image(
    *,
    by: User,
    data: bytes,
    alt_text: str,
    thread: Thread | None = None,
    category: Category | None = None,
) -> PostImage:
    """Clean, check and store one image for ``thread`` (a reply or an edit) or ``category`` (a
    new thread). The caller has checked that ``by`` may write there. Raises UploadError."""
    if thread is None and category is None:
        raise ValueError("An image belongs to a thread or a forum.")
    upload = checked_upload(data, alt_text, thread=thread)
    # A random name: the uploaded file name may say who or what is in the picture.
    image = PostImage(
        key=uuid.uuid4().hex,
        extension=EXTENSIONS[upload.format],
        content_type=shared.ALLOWED_FORMATS[upload.format],
        width=upload.width,
        height=upload.height,
        size=len(upload.data),
        alt_text=upload.alt_text,
        uploader=by,
        thread=thread,
        category=category if thread is None else None,
    )
    image.file.save(f"{image.key}.{image.extension}", ContentFile(upload.data), save=False)
    image.save()
    return image


def markdown_for(image: PostImage) -> str:
    """What the composer inserts: brackets in the alt text would end it early."""
    alt = image.alt_text.replace("[", "(").replace("]", ")")
    return f"![{alt}]({image.get_absolute_url()})"


def image_keys(body: str) -> list[str]:
    return sorted(set(_IMAGE_URL.findall(body)))


def attach_images(*, post: Post, by: User) -> int:
    """Tie the images ``post`` shows to it: those ``by`` uploaded for its thread (or its forum,
    for a thread's first post) and not yet shown by another post. Called by the posting
    services in their transaction. An image uploaded for another thread stays its uploader's
    (its thread's checks, such as a case discussion's, were not run for this one)."""
    keys = image_keys(post.source)
    if not keys:
        return 0
    place = Q(thread_id=post.thread_id)
    if post.number == 1:
        place |= Q(thread__isnull=True, category_id=post.thread.category_id)
    return PostImage.objects.filter(place, key__in=keys, uploader=by, post__isnull=True).update(
        post=post, thread_id=post.thread_id
    )


def delete_unattached_images(*, now: datetime | None = None) -> int:
    """Delete uploads no post shows a day after they were made; return how many. Files go after
    the rows, once the transaction commits (a failure leaves a file, never a broken row)."""
    cutoff = (now or timezone.now()) - KEEP_UNATTACHED
    stale = list(PostImage.objects.filter(post__isnull=True, created_at__lt=cutoff)[:1000])
    if not stale:
        return 0
    with transaction.atomic():
        PostImage.objects.filter(pk__in=[image.pk for image in stale]).delete()
        for image in stale:
            transaction.on_commit(partial(image.file.storage.delete, str(image.file.name)))
    return len(stale)
