"""Case images: cleaning, identifiers in the pixels (OCR and faces), redaction, storage.

- ``scan``: ``find_image_identifiers`` / ``scan_image`` (OCR text through the text scanner,
  faces through OpenCV), each finding boxed in the cleaned image's pixels;
- ``redact``: ``redact_image`` fills boxes solid black and re-encodes;
- ``store``: the services views and admin call (add, review, remove).
"""

from cases.images.ocr import OcrUnavailable
from cases.images.redact import clip_box, redact_image
from cases.images.scan import FACE, ImageFinding, ImageScan, find_image_identifiers, scan_image
from cases.images.store import (
    EXTENSIONS,
    MAX_IMAGES_PER_CASE,
    add_case_image,
    clean_image,
    ensure_images_resolved,
    findings_of,
    remove_case_image,
    review_case_image,
    unresolved,
)

__all__ = [
    "EXTENSIONS",
    "FACE",
    "MAX_IMAGES_PER_CASE",
    "ImageFinding",
    "ImageScan",
    "OcrUnavailable",
    "add_case_image",
    "clean_image",
    "clip_box",
    "ensure_images_resolved",
    "find_image_identifiers",
    "findings_of",
    "redact_image",
    "remove_case_image",
    "review_case_image",
    "scan_image",
    "unresolved",
]
