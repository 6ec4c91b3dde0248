"""Reading the text drawn into an image with Debian's tesseract (through pytesseract).

One tesseract run misses a lot on case images: light text on a dark monitor, labels on a
coloured slide or a photo, small print, text turned on its side. ``read_text`` therefore reads
a few prepared versions of the image (``PASSES``), two at a time (tesseract runs as a separate
process, so threads use both cores), and turns the image when it finds little text upright.
Print it read small (words under ``SMALL_HEIGHT`` px) is read once more, only where it lies,
cropped from the image as given and enlarged so tesseract sees it at a size it reads well.
Every word comes back with its box in the pixels of the image it was given.

When the tesseract program is missing, ``read_text`` raises ``OcrUnavailable``: the caller
holds the image for a moderator rather than pretend it was read.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import cv2
import numpy as np
import pytesseract
from PIL import Image

# Tesseract's own thread pool fights ours on two cores; one thread per process is faster.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# Long side the passes work at: small images are enlarged (tesseract reads glyphs of 20-40 px
# best), big ones reduced so a pass stays well under a second.
TARGET_SIDE = 1800
MAX_UPSCALE = 3.0
MIN_CONFIDENCE = 30
# Fewer recognised letters than this after the upright passes: try the image turned.
FEW_LETTERS = 12
TIMEOUT_SECONDS = 20
# A slant found from the pixels alone is acted on only beyond this (degrees): print a few
# degrees off level reads well as it is.
SLANT_DEGREES = 3
# How much darker than its neighbourhood a pixel must be to count as ink.
THRESHOLD_OFFSET = 20
# Ink thinner than this (pixels, on average along its length) and long is a rule, not a letter.
RULE_THICKNESS = 10
# Print read smaller than this (median word height, pixels of the read image) is read again,
# cropped to where it is and enlarged so its words stand about SMALL_TARGET tall: tesseract
# misreads capitals and digits 10-20 px tall ("MPN" for "MRN", a record number dropped).
SMALL_HEIGHT = 22
SMALL_TARGET = 34
# The enlarged crop may hold at most this share of the read image's pixels (its cost).
SMALL_MAX_AREA = 0.5
# Sparse text: find as many words as possible, in no particular order (labels on photos).
CONFIG = "--oem 1 --psm 11"


class OcrUnavailable(Exception):
    """The OCR engine is not installed on this machine."""


@dataclass(frozen=True)
class Word:
    text: str
    box: tuple[int, int, int, int]  # left, top, right, bottom in the source image's pixels
    line: tuple[int, ...]  # which read (pass and turn) and which line in it
    confidence: float
    # The box in the pixels of the read (scaled, turned) image: lines are laid out there.
    read_box: tuple[int, int, int, int] = (0, 0, 0, 0)


def available() -> bool:
    return shutil.which(pytesseract.pytesseract.tesseract_cmd) is not None


def _gray(img: Image.Image) -> np.ndarray:
    if img.mode in {"RGBA", "LA", "PA", "P"}:
        # Transparent areas read as white paper, not as whatever colour they hide.
        rgba = img.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(paper, rgba)
    return np.asarray(img.convert("L"))


def _dark_text(gray: np.ndarray) -> np.ndarray:
    """Dark print on light, coloured or gradient backgrounds, as black on white.

    A local threshold follows gradients and coloured panels where one global threshold fails.
    The median filter first removes sensor noise, which would otherwise come out as thousands
    of specks that slow tesseract down tenfold; the neighbourhood is wide enough (about 1/25 of
    the image) that the thick strokes of large print stay filled rather than hollow.
    """
    block = max(31, (max(gray.shape) // 25) | 1)
    binary = cv2.adaptiveThreshold(
        cv2.medianBlur(gray, 3),
        255,
        cv2.ADAPTIVE_THRESH_MEAN_C,
        cv2.THRESH_BINARY,
        block,
        THRESHOLD_OFFSET,
    )
    return _without_rules(binary)


def _without_rules(binary: np.ndarray) -> np.ndarray:
    """``binary`` (black ink on white) with long straight lines made white: table borders,
    the grid of an ECG, the edges of a label or a wristband, barcode stripes.

    Tesseract takes such lines for part of the page's layout: beside a barcode it read a
    wristband's three lines of print as one word of noise, and on an ECG grid it read the
    lines as letters. A line counts when it is far longer than any letter
    stroke: a sixth of the image across or down (letters are read at 20-150 px here).
    """
    height, width = binary.shape
    ink = cv2.bitwise_not(binary)
    rules = np.zeros_like(ink)
    for kernel in ((max(60, width // 6), 1), (1, max(60, height // 6))):
        rules |= cv2.morphologyEx(
            ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel)
        )
    # Slanted lines and bars (a band photographed askew) are not straight down or across: a
    # blot as long as a line and thinner than any letter that tall is one too.
    _count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    longest = np.hypot(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    thin = (longest >= max(60, min(height, width) // 8)) & (
        stats[:, cv2.CC_STAT_AREA] <= RULE_THICKNESS * longest
    )
    thin[0] = False  # the background
    if thin.any():
        rules |= (thin[labels] * 255).astype(np.uint8)
    if not rules.any():
        return binary
    # Grown a pixel so the anti-aliased edge of a line goes with it.
    rules = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    return cv2.bitwise_or(binary, rules)


def _light_text(gray: np.ndarray) -> np.ndarray:
    """Light print on dark, coloured or busy backgrounds: the same, on the inverted image."""
    return _dark_text(255 - gray)


PASSES: tuple[Callable[[np.ndarray], np.ndarray], ...] = (_dark_text, _light_text)


def _run(image: np.ndarray, tag: tuple[int, ...]) -> list[Word]:
    try:
        data = pytesseract.image_to_data(
            Image.fromarray(image),
            lang="eng",
            config=CONFIG,
            output_type=pytesseract.Output.DICT,
            timeout=TIMEOUT_SECONDS,
        )
    except pytesseract.TesseractNotFoundError as exc:
        raise OcrUnavailable(str(exc)) from exc
    except RuntimeError as exc:  # pytesseract's "Tesseract process timeout"
        raise OcrUnavailable(str(exc)) from exc
    words = []
    for i, text in enumerate(data["text"]):
        text = text.strip()
        confidence = float(data["conf"][i])
        if not text or confidence < MIN_CONFIDENCE:
            continue
        left, top = data["left"][i], data["top"][i]
        box = (left, top, left + data["width"][i], top + data["height"][i])
        line = (*tag, data["block_num"][i], data["par_num"][i], data["line_num"][i])
        words.append(Word(text, box, line, confidence))
    return words


def _letters(words: list[Word]) -> int:
    return sum(sum(ch.isalnum() for ch in w.text) for w in words if w.confidence >= 60)


def _turned(image: np.ndarray, degrees: float) -> tuple[np.ndarray, np.ndarray]:
    """``image`` turned counter-clockwise (the canvas grown to hold it, new corners white) and
    the affine matrix that takes the turned image's pixels back to ``image``'s."""
    height, width = image.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = round(height * sin + width * cos), round(height * cos + width * sin)
    matrix[0, 2] += new_w / 2 - width / 2
    matrix[1, 2] += new_h / 2 - height / 2
    turned = cv2.warpAffine(image, matrix, (new_w, new_h), flags=cv2.INTER_LINEAR, borderValue=255)
    return turned, cv2.invertAffineTransform(matrix)


def _skew(words: list[Word]) -> float:
    """The median slope (degrees, counter-clockwise) of the lines read with several words."""
    lines: dict[tuple[int, ...], list[Word]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    angles = []
    for line in lines.values():
        if len(line) < 2:
            continue
        first, last = min(line, key=lambda w: w.box[0]), max(line, key=lambda w: w.box[0])
        dx = (last.box[0] + last.box[2] - first.box[0] - first.box[2]) / 2
        dy = (last.box[1] + last.box[3] - first.box[1] - first.box[3]) / 2
        if dx > 0:
            angles.append(np.degrees(np.arctan2(-dy, dx)))
    return float(np.median(angles)) if angles else 0.0


def _ink_angle(binary: np.ndarray) -> float:
    """The slant (degrees, counter-clockwise) at which the ink of ``binary`` lines up best in
    rows: the projection of its pixels is sharpest along lines of print. Found from the pixels
    alone, for when tesseract reads too little of slanted print to tell the slant."""
    small_scale = min(1.0, 500 / max(binary.shape))
    small = cv2.resize(binary, None, fx=small_scale, fy=small_scale, interpolation=cv2.INTER_AREA)
    ys, xs = np.nonzero(small < 128)
    if len(xs) < 50:
        return 0.0
    best, sharpest = 0.0, -1.0
    for degrees in range(-24, 25, 2):
        rows = np.round(ys + xs * np.tan(np.radians(degrees))).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        sharpness = float((counts.astype(np.float64) ** 2).sum())
        if sharpness > sharpest:
            best, sharpest = float(degrees), sharpness
    return best


def _small_print(
    words: list[Word], shape: tuple[int, ...]
) -> tuple[tuple[int, int, int, int], float] | None:
    """Where small print was read (a box in the read image's pixels) and how much to enlarge
    it, or None when the words read stand tall enough (or the crop would cost too much)."""
    small = [
        w
        for w in words
        if sum(ch.isalnum() for ch in w.text) >= 2
        and 0 < w.read_box[3] - w.read_box[1] < SMALL_HEIGHT
    ]
    if len(small) < 2:
        return None
    height = float(np.median([w.read_box[3] - w.read_box[1] for w in small]))
    pad = int(2 * height)
    left = max(0, min(w.read_box[0] for w in small) - pad)
    top = max(0, min(w.read_box[1] for w in small) - pad)
    right = min(shape[1], max(w.read_box[2] for w in small) + pad)
    bottom = min(shape[0], max(w.read_box[3] for w in small) + pad)
    area = (right - left) * (bottom - top)
    factor = min(
        MAX_UPSCALE, SMALL_TARGET / height, np.sqrt(SMALL_MAX_AREA * shape[0] * shape[1] / area)
    )
    if factor < 1.3:
        return None
    return (left, top, right, bottom), float(factor)


def read_text(img: Image.Image) -> list[Word]:
    """Every word tesseract reads in ``img``, boxed in ``img``'s pixels.

    Raises OcrUnavailable when tesseract is missing or a read does not finish in time (the
    text was then not read, which must never pass for "no text").
    """
    if not available():
        raise OcrUnavailable(pytesseract.pytesseract.tesseract_cmd)
    original = _gray(img)
    gray = original
    height, width = gray.shape
    scale = min(MAX_UPSCALE, TARGET_SIDE / max(width, height))
    if abs(scale - 1) > 0.05:
        interpolation = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=interpolation)
    prepared = [prepare(gray) for prepare in PASSES]

    def placed(
        found: list[Word], back: np.ndarray | None, factor: float, origin: tuple[float, float]
    ) -> list[Word]:
        """``found`` boxed in ``img``'s pixels: turned back by ``back``, divided by
        ``factor``, moved by ``origin`` (where a crop starts in ``img``)."""
        out = []
        for w in found:
            corners = np.array(
                [
                    [w.box[0], w.box[1]],
                    [w.box[2], w.box[1]],
                    [w.box[0], w.box[3]],
                    [w.box[2], w.box[3]],
                ],
                dtype=np.float64,
            )
            if back is not None:
                corners = corners @ back[:, :2].T + back[:, 2]
            corners = corners / factor + origin
            box = (
                max(0, int(corners[:, 0].min())),
                max(0, int(corners[:, 1].min())),
                min(width, int(np.ceil(corners[:, 0].max()))),
                min(height, int(np.ceil(corners[:, 1].max()))),
            )
            out.append(Word(w.text, box, w.line, w.confidence, read_box=w.box))
        return out

    def read(job: tuple[int, float]) -> list[Word]:
        index, degrees = job
        image, back = prepared[index], None
        if degrees:
            image, back = _turned(image, degrees)
        return placed(_run(image, (index, round(degrees * 10))), back, scale, (0.0, 0.0))

    def read_small(job: tuple[int, tuple[int, int, int, int], float]) -> list[Word]:
        """Small print again: the crop ``box`` (read image's pixels) of the image as given,
        enlarged ``factor`` times more, prepared anew (the thresholds suit its size)."""
        index, box, factor = job
        left, top, right, bottom = (round(v / scale) for v in box)
        crop = original[top:bottom, left:right]
        total = scale * factor
        crop = cv2.resize(crop, None, fx=total, fy=total, interpolation=cv2.INTER_CUBIC)
        found = _run(PASSES[index](crop), (len(PASSES) + index, 0))
        return placed(found, None, total, (float(left), float(top)))

    with ThreadPoolExecutor(max_workers=2) as pool:
        upright = list(pool.map(read, [(i, 0.0) for i in range(len(PASSES))]))
        words = [w for found in upright for w in found]
        best = max(range(len(PASSES)), key=lambda i: _letters(upright[i]))
        small = _small_print(upright[best], prepared[best].shape)
        if _letters(words) < FEW_LETTERS:
            # Little upright text: a label may be turned on its side, or slanted too far for
            # tesseract (the slant then comes from the pixels).
            jobs = [(i, turn) for turn in (90.0, 270.0) for i in range(len(PASSES))]
            jobs += [
                (i, -angle)
                for i in range(len(PASSES))
                if abs(angle := _ink_angle(prepared[i])) > SLANT_DEGREES
            ]
            words += [w for found in pool.map(read, jobs) for w in found]
        else:
            # Text read at a slant is read again straightened: tesseract reads level lines
            # far better. Lines it partly read tell the slant; else the pixels do.
            skew = _skew(upright[best])
            if not 1.5 < abs(skew) < 30:
                skew = _ink_angle(prepared[best])
                skew = skew if abs(skew) > SLANT_DEGREES else 0.0
            if 1.5 < abs(skew) < 30:
                if small is not None:
                    # Both at once, one on each core.
                    straight = pool.submit(read, (best, -skew))
                    words += read_small((best, *small))
                    words += straight.result()
                    small = None
                else:
                    words += read((best, -skew))
        if small is not None:
            words += read_small((best, *small))
    return words
