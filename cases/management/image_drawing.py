"""Drawing helpers for the held-out image set (``image_heldout``): a sheet that remembers where
each identifier was drawn, the warps that move it (and its boxes) onto a background, what a
phone camera does to a picture, and backgrounds (noise, an X-ray-like film)."""

from __future__ import annotations

import io
import math
import random

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from cases.management.image_samples import FONT_DIR

Box = tuple[int, int, int, int]
Truth = tuple[str, str, Box]

FACES = (
    "DejaVuSansCondensed.ttf",
    "DejaVuSerifCondensed.ttf",
    "DejaVuSansMono-Bold.ttf",
    "DejaVuSans-ExtraLight.ttf",
    "DejaVuSerif-Bold.ttf",
    None,  # Pillow's own font (Aileron), unlike any DejaVu face
)


def font(size: int, name: str | None) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if name is not None and (FONT_DIR / name).exists():
        return ImageFont.truetype(str(FONT_DIR / name), size)
    return ImageFont.load_default(size)


class Sheet:
    """An RGBA drawing that remembers where each identifier was drawn."""

    def __init__(self, size: tuple[int, int], fill=(0, 0, 0, 0)):
        self.image = Image.new("RGBA", size, fill)
        self.draw = ImageDraw.Draw(self.image)
        self.truth: list[Truth] = []
        self.lines: list[str] = []

    def line(self, xy, parts, font, ink, *, rng: random.Random | None = None, hand=False) -> int:
        """Draw ``parts`` [(kind, text)] left to right from ``xy``; returns the x it ended at.
        With ``hand``, each letter is nudged and tilted like handwriting."""
        x, y = xy
        for kind, text in parts:
            if hand and rng is not None:
                box, x_end = self._hand(x, y, text, font, ink, rng)
            else:
                self.draw.text((x, y), text, font=font, fill=ink)
                box = self.draw.textbbox((x, y), text, font=font)
                x_end = x + font.getlength(text)
            if kind:
                self.truth.append((kind, text, tuple(int(v) for v in box)))
            x = int(x_end + font.getlength(" "))
        self.lines.append(" ".join(text for _, text in parts))
        return x

    def _hand(self, x, y, text, font, ink, rng) -> tuple[Box, float]:
        boxes = []
        for ch in text:
            if ch == " ":
                x += font.getlength(" ")
                continue
            w = int(font.getlength(ch)) + 8
            h = int(font.size * 1.6)
            glyph = Image.new("RGBA", (w + 8, h), (0, 0, 0, 0))
            ImageDraw.Draw(glyph).text((4, 2), ch, font=font, fill=ink)
            glyph = glyph.rotate(rng.uniform(-8, 8), resample=Image.Resampling.BICUBIC)
            dy = rng.randint(-font.size // 10, font.size // 10)
            self.image.alpha_composite(glyph, (int(x) - 4, int(y) + dy - 2))
            bbox = glyph.getbbox()
            if bbox:
                boxes.append(
                    (
                        int(x) - 4 + bbox[0],
                        y + dy - 2 + bbox[1],
                        int(x) - 4 + bbox[2],
                        y + dy - 2 + bbox[3],
                    )
                )
            x += font.getlength(ch) * rng.uniform(0.95, 1.12)
        left = min(b[0] for b in boxes)
        return (
            left,
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        ), x


def warp(img: Image.Image, matrix: np.ndarray, size: tuple[int, int]) -> Image.Image:
    out = cv2.warpPerspective(
        np.asarray(img), matrix, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT
    )
    return Image.fromarray(out, "RGBA")


def warp_box(box: Box, matrix: np.ndarray) -> Box:
    left, top, right, bottom = box
    corners = np.array([[[left, top], [right, top], [left, bottom], [right, bottom]]], np.float64)
    moved = cv2.perspectiveTransform(corners, matrix)[0]
    return (
        int(moved[:, 0].min()),
        int(moved[:, 1].min()),
        math.ceil(moved[:, 0].max()),
        math.ceil(moved[:, 1].max()),
    )


def place(sheet: Sheet, background: Image.Image, matrix: np.ndarray) -> Image.Image:
    """Lay the sheet over the background through ``matrix``; its truth boxes move with it."""
    layer = warp(sheet.image, matrix, background.size)
    out = background.convert("RGBA")
    out.alpha_composite(layer)
    sheet.truth = [(k, t, warp_box(b, matrix)) for k, t, b in sheet.truth]
    return out.convert("RGB")


def rotation(angle: float, sheet: tuple[int, int], at: tuple[int, int]) -> np.ndarray:
    """A 3x3 matrix turning a sheet ``angle`` degrees about its centre, centred at ``at``."""
    w, h = sheet
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    turn[0, 2] += at[0] - w / 2
    turn[1, 2] += at[1] - h / 2
    return np.vstack([turn, [0, 0, 1]])


def photo(img: Image.Image, rng: random.Random, *, glare=True, blur=1.2, quality=45) -> bytes:
    """What a phone does to a picture of a screen or a label: blur, glare, noise, JPEG."""
    np_rng = np.random.default_rng(rng.randrange(1 << 30))
    img = img.filter(ImageFilter.GaussianBlur(radius=blur))
    pixels = np.asarray(img, dtype=np.float32)
    h, w = pixels.shape[:2]
    if glare:
        y, x = np.mgrid[0:h, 0:w]
        cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.1, 0.5) * h
        spread = rng.uniform(0.25, 0.45) * max(w, h)
        pixels += (rng.uniform(60, 110) * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / spread**2))[
            ..., None
        ]
    pixels += np_rng.normal(0, 6, pixels.shape)
    out = io.BytesIO()
    Image.fromarray(pixels.clip(0, 255).astype(np.uint8)).save(out, "JPEG", quality=quality)
    return out.getvalue()


def png(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def noise_background(size, rng, base, spread=25) -> Image.Image:
    np_rng = np.random.default_rng(rng.randrange(1 << 30))
    w, h = size
    y, x = np.mgrid[0:h, 0:w]
    shade = (x / w * rng.uniform(-30, 30) + y / h * rng.uniform(-30, 30))[..., None]
    pixels = np.array(base, np.float32) + shade + np_rng.normal(0, spread / 3, (h, w, 3))
    return Image.fromarray(pixels.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(2))


def xray(size, rng) -> Image.Image:
    """Dark film with a bright, soft chest-like shape and ribs."""
    w, h = size
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    body = np.exp(-(((x - w / 2) / (0.32 * w)) ** 2 + ((y - h * 0.55) / (0.45 * h)) ** 2))
    ribs = 0.25 * (np.sin(y / h * 40 + np.abs(x - w / 2) / w * 8) > 0.6) * body
    lungs = np.exp(
        -(((np.abs(x - w / 2) - 0.14 * w) / (0.09 * w)) ** 2 + ((y - h / 2) / (0.25 * h)) ** 2)
    )
    grey = 20 + 170 * body + 60 * ribs - 90 * lungs + rng.uniform(0, 20) * y / h
    grey = cv2.GaussianBlur(grey, (0, 0), 6) + np.random.default_rng(rng.randrange(1 << 30)).normal(
        0, 4, grey.shape
    )
    return Image.fromarray(grey.clip(0, 255).astype(np.uint8)).convert("RGB")
