"""Case images: the services that store, check, redact and remove them.

Files are stored by ``cases.models.private_storage`` outside MEDIA_ROOT; the only way to read
one is the ``cases:image`` view, which asks ``can_view_case`` first. Every stored image has been
checked (``cases.images.scan``): its findings are kept on the row, and it is shown to readers
only once each finding is redacted or kept with a reason (``ImageCheck.CLEAR``).
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from accounts import images as shared
from accounts.models import User
from accounts.permissions import is_moderator
from cases.images.faces import overlap
from cases.images.redact import Box, redact_image
from cases.images.scan import ImageFinding, scan_image
from cases.models import Case, CaseImage, ImageCheck
from forums.sharing.cache import content_changed

MAX_IMAGES_PER_CASE = 10
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def clean_image(data: bytes) -> bytes:
    """Sniff, limit, refuse bombs, apply orientation, strip all metadata (ValidationError)."""
    return shared.clean_image(data)


def findings_of(image: CaseImage) -> list[tuple[ImageFinding, str]]:
    """The image's findings with the reason each was kept ("" while unresolved)."""
    return [(ImageFinding.from_json(item), item.get("reason", "")) for item in image.findings]


def unresolved(image: CaseImage) -> list[ImageFinding]:
    return [finding for finding, reason in findings_of(image) if not reason.strip()]


def _state(image: CaseImage, *, looked_at_by_moderator: bool) -> str:
    if unresolved(image):
        return ImageCheck.OPEN
    if not image.text_read and not looked_at_by_moderator:
        return ImageCheck.HELD
    return ImageCheck.CLEAR


def _store(image: CaseImage, cleaned: bytes, *, reasons: Mapping[str, str] | None = None) -> None:
    """Check ``cleaned`` and save it under a fresh random name, with what the check found.

    ``reasons`` carries reasons given for an earlier version of the pixels over to the same
    finding found again (same kind, mostly the same place).
    """
    fmt = shared.image_format(cleaned)
    scan = scan_image(cleaned)
    earlier = [(ImageFinding.from_json(i), i["reason"]) for i in (reasons or {}).values()]
    findings = []
    for finding in scan.findings:
        item = finding.as_json()
        for old, reason in earlier:
            if old.kind == finding.kind and overlap(old.box, finding.box) > 0.5:
                item["reason"] = reason
                break
        findings.append(item)
    with Image.open(io.BytesIO(cleaned)) as img:
        image.width, image.height = img.size
    image.content_type = shared.ALLOWED_FORMATS[fmt]
    image.findings = findings
    image.text_read = scan.text_read
    image.checked_at = timezone.now()
    # A random name: the uploaded file name may itself identify the patient.
    image.file.save(f"{uuid.uuid4().hex}.{EXTENSIONS[fmt]}", ContentFile(cleaned), save=False)


@transaction.atomic
def add_case_image(
    case: Case, *, by: User, data: bytes, alt_text: str, caption: str = ""
) -> CaseImage:
    """Clean, check and store one image. Raises ValidationError with a message for the author.

    The image is read for text (OCR) and faces while the author waits; it is shown to readers
    only when nothing is left to resolve (see ``review_case_image``).
    """
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
    position = (case.images.aggregate(n=Max("position"))["n"] or 0) + 1
    image = CaseImage(
        case=case,
        alt_text=alt_text.strip()[:300],
        caption=caption.strip()[:300],
        position=position,
        uploaded_by=by,
    )
    _store(image, cleaned)
    image.check_state = _state(image, looked_at_by_moderator=False)
    image.save()
    content_changed()  # shared case pages show the images (cases.selectors.case_page)
    return image


@transaction.atomic
def review_case_image(
    image: CaseImage,
    *,
    by: User,
    boxes: Iterable[Box] = (),
    keep: Mapping[str, str] | None = None,
) -> CaseImage:
    """Black out ``boxes`` and keep the findings named in ``keep`` (finding key -> reason).

    The redacted image replaces the stored one under a new name; the old file is deleted once
    the transaction commits, and the shared pages that showed it are retired. The new pixels
    are checked again: what the check still finds must be redacted or kept in turn. A
    moderator's review also releases an image held because its text could not be read.
    """
    image = CaseImage.objects.select_for_update().get(pk=image.pk)
    keep = {key: reason.strip() for key, reason in (keep or {}).items() if reason.strip()}
    reasons = {
        finding.key: {**finding.as_json(), "reason": keep.get(finding.key) or reason}
        for finding, reason in findings_of(image)
        if keep.get(finding.key) or reason
    }
    boxes = list(boxes)
    if boxes:
        old_name, storage = image.file.name, image.file.storage
        with image.file.open("rb") as handle:
            redacted = redact_image(handle.read(), boxes)
        _store(image, redacted, reasons=reasons)
        transaction.on_commit(lambda: storage.delete(old_name))
    else:
        for item in image.findings:
            key = ImageFinding.from_json(item).key
            if key in reasons:
                item["reason"] = reasons[key]["reason"]
    image.check_state = _state(image, looked_at_by_moderator=is_moderator(by))
    image.save()
    content_changed()
    return image


def ensure_images_resolved(case: Case) -> None:
    """Raise ValidationError while an image of ``case`` has findings neither redacted nor kept."""
    if case.images.filter(check_state=ImageCheck.OPEN).exists():
        raise ValidationError(
            _(
                "An image may identify the patient: on the images page, black out each boxed "
                "finding or keep it with a reason."
            ),
            code="images",
        )


@transaction.atomic
def remove_case_image(image: CaseImage, *, by: User) -> None:
    name = image.file.name
    storage = image.file.storage
    image.delete()
    content_changed()
    transaction.on_commit(lambda: storage.delete(name))
