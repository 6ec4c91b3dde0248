"""Case images: the shared cleaning pipeline plus the case rules (ten at most, alt text).

Files are stored by ``cases.models.private_storage`` outside MEDIA_ROOT; the only way to read
one is the ``cases:image`` view, which asks ``can_view_case`` first.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts import images as shared
from accounts.models import User
from cases.models import Case, CaseImage
from forums.caching import content_changed

MAX_IMAGES_PER_CASE = 10
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def clean_image(data: bytes) -> bytes:
    """Sniff, limit, refuse bombs, apply orientation, strip all metadata (ValidationError)."""
    return shared.clean_image(data)


@transaction.atomic
def add_case_image(
    case: Case, *, by: User, data: bytes, alt_text: str, caption: str = ""
) -> CaseImage:
    """Clean and store one image. Raises ValidationError with a message for the author."""
    if not alt_text.strip():
        raise ValidationError(
            _("Describe the image for readers who cannot see it (alt text)."), code="alt"
        )
    # Lock the case so two uploads at once cannot both be the tenth.
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.images.count() >= MAX_IMAGES_PER_CASE:
        raise ValidationError(
            _("A case can have at most %(n)s images.") % {"n": MAX_IMAGES_PER_CASE}, code="count"
        )
    cleaned = clean_image(data)
    fmt = shared.image_format(cleaned)
    position = (case.images.aggregate(n=Max("position"))["n"] or 0) + 1
    image = CaseImage(
        case=case,
        content_type=shared.ALLOWED_FORMATS[fmt],
        alt_text=alt_text.strip()[:300],
        caption=caption.strip()[:300],
        position=position,
        uploaded_by=by,
    )
    # A random name: the uploaded file name may itself identify the patient.
    image.file.save(f"{uuid.uuid4().hex}.{EXTENSIONS[fmt]}", ContentFile(cleaned), save=False)
    image.save()
    content_changed()  # shared case pages show the images (cases.selectors.case_page)
    return image


@transaction.atomic
def remove_case_image(image: CaseImage, *, by: User) -> None:
    name = image.file.name
    storage = image.file.storage
    image.delete()
    content_changed()
    transaction.on_commit(lambda: storage.delete(name))
