"""Generated case images with identifiers drawn into the pixels, for the OCR tests and the
``image_scan_report`` command.

Each sample knows where every identifier was drawn (its box after rotation), so a finding is
judged by the pixels it covers, which is what redaction needs, not by the text OCR returned.
The backgrounds imitate what case images look like: paper-white labels, dark monitor screens,
coloured slides, and photo-like gradients with noise and blobs.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSansMono.ttf")

# Names the text scanner knows, so the report measures reading the pixels, not the lexicon.
PEOPLE = (
    "John Smith",
    "Maria Lopez",
    "Anna Kowalski",
    "Ahmed Khan",
    "Emily Clarke",
    "David Brown",
    "Sarah Johnson",
    "James Wilson",
)
SIZES = (18, 28, 44, 72)
ANGLES = (0, 4, -8, 90, 270)
BACKGROUNDS = ("white", "dark", "colour", "photo")


@dataclass(frozen=True)
class Sample:
    data: bytes  # PNG
    size: int  # font size in pixels
    angle: int  # degrees, counter-clockwise
    background: str
    # Each identifier drawn: (kind, text, box) with box = (left, top, right, bottom).
    truth: tuple[tuple[str, str, tuple[int, int, int, int]], ...]


def font(size: int, name: str = FONTS[0]) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu when the system has it, else Pillow's own scalable font."""
    path = FONT_DIR / name
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def background(kind: str, size: tuple[int, int], rng: random.Random) -> Image.Image:
    width, height = size
    if kind == "white":
        return Image.new("RGB", size, (250, 250, 247))
    if kind == "dark":
        return Image.new("RGB", size, (18, 20, 28))
    if kind == "colour":
        return Image.new("RGB", size, rng.choice([(40, 90, 160), (200, 120, 40), (30, 120, 80)]))
    # Photo-like: a diagonal colour gradient, soft blobs and sensor noise.
    np_rng = np.random.default_rng(rng.randrange(1 << 30))
    y, x = np.mgrid[0:height, 0:width]
    t = (x / width + y / height) / 2
    base = np.stack(
        [120 + 90 * t, 80 + 60 * (1 - t), 60 + 120 * np.sin(t * math.pi)], axis=-1
    ).astype(np.float32)
    img = Image.fromarray(base.clip(0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(img)
    for _ in range(12):
        cx, cy = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(min(size) // 12, min(size) // 4)
        colour = tuple(rng.randrange(40, 220) for _ in range(3))
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
    img = img.filter(ImageFilter.GaussianBlur(radius=min(size) / 60))
    noisy = np.asarray(img, dtype=np.float32) + np_rng.normal(0, 12, (height, width, 3))
    return Image.fromarray(noisy.clip(0, 255).astype(np.uint8))


def _ink(kind: str, rng: random.Random) -> tuple[int, int, int]:
    if kind == "white":
        return (20, 20, 20)
    if kind in {"dark", "colour"}:
        return (245, 245, 235)
    return rng.choice([(255, 255, 255), (10, 10, 10), (255, 240, 0)])


def _rotate_box(box, angle: int, layer_size, out_size, offset) -> tuple[int, int, int, int]:
    """Where a box on the text layer lands once the layer is rotated (expand=True) and pasted."""
    left, top, right, bottom = box
    w, h = layer_size
    ow, oh = out_size
    rad = math.radians(angle)
    cos, sin = math.cos(rad), math.sin(rad)
    points = []
    for px, py in ((left, top), (right, top), (left, bottom), (right, bottom)):
        dx, dy = px - w / 2, py - h / 2
        # PIL rotates counter-clockwise on screen: y grows downwards.
        rx = dx * cos + dy * sin + ow / 2 + offset[0]
        ry = -dx * sin + dy * cos + oh / 2 + offset[1]
        points.append((rx, ry))
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (int(min(xs)), int(min(ys)), math.ceil(max(xs)), math.ceil(max(ys)))


def label_lines(rng: random.Random) -> list[list[tuple[str, str]]]:
    """A patient label: lines of (kind, text) parts; kind "" for words that identify no one."""
    person = rng.choice(PEOPLE)
    mrn = str(rng.randrange(10_000_000, 99_999_999))
    day, month = rng.randrange(1, 28), rng.randrange(1, 12)
    date = f"{day:02d}/{month:02d}/{rng.randrange(1940, 2026)}"
    return [
        [("", "Patient:"), ("NAME", person)],
        [("", "MRN"), ("MRN", mrn), ("", "DOB"), ("DATE", date)],
    ]


def make_sample(
    *,
    size: int,
    angle: int,
    background_kind: str,
    seed: int,
    canvas: tuple[int, int] = (1200, 900),
) -> Sample:
    rng = random.Random(seed)  # noqa: S311 - reproducible test pictures, not secrets
    face = font(size, rng.choice(FONTS))
    lines = label_lines(rng)
    gap = size // 2
    # Lay the label out on its own transparent layer, remembering each identifier's box.
    layer_w = (
        max(sum(int(face.getlength(text + " ")) for _, text in line) for line in lines) + 2 * gap
    )
    layer_h = len(lines) * int(size * 1.5) + 2 * gap
    layer = Image.new("RGBA", (layer_w, layer_h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    ink = _ink(background_kind, rng)
    boxes = []
    y = gap
    for line in lines:
        x = gap
        for kind, text in line:
            draw.text((x, y), text, font=face, fill=(*ink, 255))
            left, top, right, bottom = draw.textbbox((x, y), text, font=face)
            if kind:
                boxes.append((kind, text, (left, top, right, bottom)))
            x += int(face.getlength(text + " "))
        y += int(size * 1.5)
    rotated = layer.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    width = max(canvas[0], rotated.width + 40)
    height = max(canvas[1], rotated.height + 40)
    img = background(background_kind, (width, height), rng)
    offset = (
        rng.randrange(20, width - rotated.width - 19),
        rng.randrange(20, height - rotated.height - 19),
    )
    img.paste(rotated, offset, rotated)
    truth = tuple(
        (kind, text, _rotate_box(box, angle, layer.size, rotated.size, offset))
        for kind, text, box in boxes
    )
    out = io.BytesIO()
    img.save(out, "PNG")
    return Sample(out.getvalue(), size, angle, background_kind, truth)


def sample_set(*, canvas: tuple[int, int] = (1200, 900)) -> list[Sample]:
    """Every size, angle and background once: 4 x 5 x 4 = 80 images."""
    return [
        make_sample(size=size, angle=angle, background_kind=bg, seed=i, canvas=canvas)
        for i, (size, angle, bg) in enumerate(
            (size, angle, bg) for size in SIZES for angle in ANGLES for bg in BACKGROUNDS
        )
    ]


def covered(box, boxes, *, share: float = 0.6) -> bool:
    """Whether the union of ``boxes`` covers at least ``share`` of ``box``'s area."""
    left, top, right, bottom = box
    area = max(1, (right - left) * (bottom - top))
    mask = np.zeros((bottom - top, right - left), dtype=bool)
    for bl, bt, br, bb in boxes:
        x0, y0 = max(bl, left) - left, max(bt, top) - top
        x1, y1 = min(br, right) - left, min(bb, bottom) - top
        if x1 > x0 and y1 > y0:
            mask[y0:y1, x0:x1] = True
    return mask.sum() / area >= share
