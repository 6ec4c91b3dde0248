"""Finding faces with OpenCV's bundled Haar cascades (frontal and profile; the profile cascade
looks one way, so the mirrored image is read too). The cascades ship in the
``opencv-python-headless`` wheel: nothing is downloaded at run time.

Haar cascades are fast and dated: they find most faces seen from the front or the side and
sometimes mistake a pattern for a face. A false alarm costs the author a reason; a miss is
what the author's own look, and the moderator's, are for.
"""

from __future__ import annotations

from functools import cache

import cv2
import numpy as np

# Faces are looked for at this long side: fast, and faces smaller than ~1/25 of the image
# (MIN_SIZE at this scale) are too small to recognise anyone by.
WORK_SIDE = 640
MIN_SIZE = 24
# Grow each box so the redaction covers hair, ears and chin, not just the eyes-to-mouth core.
MARGIN = 0.2


@cache
def _cascade(name: str) -> cv2.CascadeClassifier:
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + name)
    if cascade.empty():
        raise RuntimeError(f"OpenCV's {name} is missing from the installed wheel.")
    return cascade


def find_faces(gray: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Face boxes (left, top, right, bottom) in ``gray``'s pixels, overlapping ones merged."""
    height, width = gray.shape
    scale = min(1.0, WORK_SIDE / max(width, height))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    small = cv2.equalizeHist(small)
    found = []
    for name, image, mirrored in (
        ("haarcascade_frontalface_default.xml", small, False),
        ("haarcascade_profileface.xml", small, False),
        ("haarcascade_profileface.xml", np.ascontiguousarray(small[:, ::-1]), True),
    ):
        hits = _cascade(name).detectMultiScale(
            image, scaleFactor=1.1, minNeighbors=5, minSize=(MIN_SIZE, MIN_SIZE)
        )
        for x, y, w, h in hits:
            if mirrored:
                x = image.shape[1] - x - w
            found.append((x, y, x + w, y + h))
    boxes = []
    for left, top, right, bottom in _merge(found):
        dx, dy = (right - left) * MARGIN, (bottom - top) * MARGIN
        boxes.append(
            (
                max(0, int((left - dx) / scale)),
                max(0, int((top - dy) / scale)),
                min(width, int((right + dx) / scale) + 1),
                min(height, int((bottom + dy) / scale) + 1),
            )
        )
    return boxes


def _merge(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Union boxes that overlap (the same face seen by two cascades)."""
    merged: list[tuple[int, int, int, int]] = []
    for box in sorted(boxes):
        for i, other in enumerate(merged):
            if overlap(box, other) > 0.3:
                merged[i] = union(box, other)
                break
        else:
            merged.append(box)
    return merged


def union(a, b) -> tuple[int, int, int, int]:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def overlap(a, b) -> float:
    """Intersection over the smaller box's area: 1.0 when one box lies inside the other."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return (w * h) / max(1, smaller)
