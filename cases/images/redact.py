"""Redaction that destroys pixels: boxes are filled solid black on the cleaned image, which is
then encoded afresh. Blurring or pixelating is not redaction (both can be undone in part);
nothing of what was under a box survives in the returned bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from PIL import Image, ImageDraw

from accounts import images as shared

Box = tuple[int, int, int, int]
# JPEG codes 8x8 blocks of brightness and, with the default chroma subsampling, 16x16 blocks
# of colour; a box grown to that grid fills whole blocks, so every pixel inside decodes black.
JPEG_BLOCK = 16


def _grown(box: Box, size: tuple[int, int], block: int) -> Box:
    left, top, right, bottom = box
    width, height = size
    return (
        max(0, left // block * block),
        max(0, top // block * block),
        min(width, -(-right // block) * block),
        min(height, -(-bottom // block) * block),
    )


def clip_box(box: Iterable[float], size: tuple[int, int]) -> Box | None:
    """``box`` as whole pixels inside an image of ``size``, or None when nothing is left."""
    left, top, right, bottom = (round(v) for v in box)
    left, right = sorted((left, right))
    top, bottom = sorted((top, bottom))
    left, top = max(0, left), max(0, top)
    right, bottom = min(size[0], right), min(size[1], bottom)
    if right <= left or bottom <= top:
        return None
    return (left, top, right, bottom)


def redact_image(data: bytes, boxes: Iterable[Iterable[float]]) -> bytes:
    """The cleaned image ``data`` with each box (left, top, right, bottom, in the cleaned
    image's pixels) filled opaque black, re-encoded in its own format with no metadata.

    ``data`` is cleaned first (a no-op but for the encoding on an already clean image), so the
    boxes always refer to the upright, stored pixels. Raises ValidationError like clean_image.
    """
    cleaned = shared.clean_image(data)
    fmt = shared.image_format(cleaned)
    with Image.open(io.BytesIO(cleaned)) as img:
        img.load()
        pixels = img.copy()
    draw = ImageDraw.Draw(pixels)
    black = {"L": 0, "LA": (0, 255), "RGB": (0, 0, 0), "RGBA": (0, 0, 0, 255)}[pixels.mode]
    for raw in boxes:
        box = clip_box(raw, pixels.size)
        if box is None:
            continue
        if fmt == "JPEG":
            box = _grown(box, pixels.size, JPEG_BLOCK)
        # ImageDraw's rectangle includes its right and bottom edges; ours are exclusive.
        draw.rectangle((box[0], box[1], box[2] - 1, box[3] - 1), fill=black)
    return shared.encode(pixels, fmt)
