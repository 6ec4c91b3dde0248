"""A second set of case images for measuring the image check, written apart from the OCR code
and never used to tune it (``image_scan_report`` prints it beside the first set).

The first set (``image_samples``) was drawn alongside the OCR passes: one label, four fonts,
flat or blob backgrounds. This one imitates what clinicians actually photograph and upload,
in styles the passes were not written against:

- ``monitor``: a bedside monitor's header photographed at an angle (perspective, blur, glare,
  JPEG noise), light text on a dark screen;
- ``wristband``: a hospital band on skin with barcode stripes beside the text;
- ``lab_report``: a printed results table with a patient header;
- ``handwritten``: a note on lined paper in a jittered oblique hand (no handwriting font ships
  with the machine or the registry wheels we use, so each letter is placed and tilted by hand);
- ``overlay``: white corner text on a dark scan (ultrasound, CT);
- ``small_text``: a sticker in 10-14 px print;
- ``rotated``: a label turned 5-20 degrees on a photo-like background;
- ``xray``: text over an X-ray-like gradient;

and negatives that identify no one, where every finding is a false one: ``ecg`` strips,
``xray_markers`` ("LEFT", "AP ERECT", a scale bar), ``dose`` annotations (DLP, CTDIvol, kVp),
``ultrasound`` measurements.

Splits: ``dev`` images may be looked at when the OCR is changed; ``held_out`` images (other
seeds) are only measured. Names come from many countries and are not the first set's.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass

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
HAND_FACES = ("DejaVuSans-Oblique.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSansCondensed-Oblique.ttf")
# (given, family): from Nigeria, Japan, Poland, Ireland, India, Lebanon, Brazil, Russia,
# South Africa, China, the Netherlands, Ghana, Spain, Wales, Vietnam, Turkey.
PEOPLE = (
    ("Chidi", "Okonkwo"),
    ("Kenji", "Hayashi"),
    ("Agnieszka", "Kowalczyk"),
    ("Siobhan", "Murphy"),
    ("Rahul", "Mehta"),
    ("Fatima", "Haddad"),
    ("Lucas", "Pereira"),
    ("Olga", "Ivanova"),
    ("Thabo", "Nkosi"),
    ("Wei", "Zhang"),
    ("Pieter", "Jansen"),
    ("Kwame", "Mensah"),
    ("Lucia", "Fernandez"),
    ("Rhys", "Evans"),
    ("Linh", "Nguyen"),
    ("Emre", "Yilmaz"),
)
POSITIVE = (
    "monitor",
    "wristband",
    "lab_report",
    "handwritten",
    "overlay",
    "small_text",
    "rotated",
    "xray",
)
NEGATIVE = ("ecg", "xray_markers", "dose", "ultrasound")
SPLITS = {"dev": 0, "held_out": 50_000}  # seed offsets: the two splits never share an image


@dataclass(frozen=True)
class HeldOutSample:
    data: bytes
    kind: str  # one of POSITIVE or NEGATIVE
    split: str
    seed: int
    truth: tuple[Truth, ...]  # (identifier kind, text, box); empty for negatives
    lines: tuple[str, ...]  # the text drawn, line by line (what a perfect OCR would read)

    @property
    def negative(self) -> bool:
        return self.kind in NEGATIVE


def _font(size: int, name: str | None) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
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


def _warp(img: Image.Image, matrix: np.ndarray, size: tuple[int, int]) -> Image.Image:
    out = cv2.warpPerspective(
        np.asarray(img), matrix, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT
    )
    return Image.fromarray(out, "RGBA")


def _warp_box(box: Box, matrix: np.ndarray) -> Box:
    left, top, right, bottom = box
    corners = np.array([[[left, top], [right, top], [left, bottom], [right, bottom]]], np.float64)
    moved = cv2.perspectiveTransform(corners, matrix)[0]
    return (
        int(moved[:, 0].min()),
        int(moved[:, 1].min()),
        math.ceil(moved[:, 0].max()),
        math.ceil(moved[:, 1].max()),
    )


def _place(sheet: Sheet, background: Image.Image, matrix: np.ndarray) -> Image.Image:
    """Lay the sheet over the background through ``matrix``; its truth boxes move with it."""
    layer = _warp(sheet.image, matrix, background.size)
    out = background.convert("RGBA")
    out.alpha_composite(layer)
    sheet.truth = [(k, t, _warp_box(b, matrix)) for k, t, b in sheet.truth]
    return out.convert("RGB")


def _rotation(angle: float, sheet: tuple[int, int], at: tuple[int, int]) -> np.ndarray:
    """A 3x3 matrix turning a sheet ``angle`` degrees about its centre, centred at ``at``."""
    w, h = sheet
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    turn[0, 2] += at[0] - w / 2
    turn[1, 2] += at[1] - h / 2
    return np.vstack([turn, [0, 0, 1]])


def _photo(img: Image.Image, rng: random.Random, *, glare=True, blur=1.2, quality=45) -> bytes:
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


def _png(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _noise_background(size, rng, base, spread=25) -> Image.Image:
    np_rng = np.random.default_rng(rng.randrange(1 << 30))
    w, h = size
    y, x = np.mgrid[0:h, 0:w]
    shade = (x / w * rng.uniform(-30, 30) + y / h * rng.uniform(-30, 30))[..., None]
    pixels = np.array(base, np.float32) + shade + np_rng.normal(0, spread / 3, (h, w, 3))
    return Image.fromarray(pixels.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(2))


def _xray(size, rng) -> Image.Image:
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


def _person(rng) -> tuple[str, str]:
    return rng.choice(PEOPLE)


def _mrn(rng) -> str:
    return rng.choice(["", "K", "RX", "H"]) + str(rng.randrange(1_000_000, 99_999_999))


def _date(rng) -> str:
    d, m, y = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(1935, 2025)
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    return rng.choice([f"{d:02d}/{m:02d}/{y}", f"{d} {months[m - 1]} {y}", f"{d:02d}.{m:02d}.{y}"])


# --- positives ----------------------------------------------------------------------------


def _monitor(rng, scale):
    w, h = int(1100 * scale), int(700 * scale)
    sheet = Sheet((w, h), (12, 14, 22, 255))
    given, family = _person(rng)
    size = int(rng.randint(26, 34) * scale)
    f = _font(size, rng.choice(FACES))
    ink = rng.choice([(235, 235, 235, 255), (120, 230, 120, 255), (250, 220, 90, 255)])
    y = int(30 * scale)
    sheet.line((30, y), [("NAME", family.upper() + ","), ("NAME", given)], f, ink)
    sheet.line((30, y + int(size * 1.5)), [("", "ID"), ("MRN", _mrn(rng))], f, ink)
    sheet.line((int(w * 0.55), y + int(size * 1.5)), [("", "DOB"), ("DATE", _date(rng))], f, ink)
    big = _font(int(80 * scale), rng.choice(FACES))
    for i, (label, value) in enumerate([("HR", "112"), ("SpO2", "94"), ("NIBP", "98/61")]):
        yy = int(h * 0.42) + i * int(110 * scale)
        sheet.line((40, yy), [("", label)], f, (120, 230, 120, 255))
        sheet.line((int(w * 0.35), yy - 20), [("", value)], big, (120, 230, 120, 255))
    W, H = int(w * 1.3), int(h * 1.35)
    bg = _noise_background((W, H), rng, (70, 64, 58))
    # A photo taken from the side and above: the screen's corners pulled unevenly.
    jitter = [rng.uniform(0.0, 0.08) for _ in range(8)]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    ox, oy = (W - w) / 2, (H - h) / 2
    dst = np.float32(
        [
            [ox + jitter[0] * w, oy + jitter[1] * h],
            [ox + w - jitter[2] * w, oy + jitter[3] * h],
            [ox + w - jitter[4] * w, oy + h - jitter[5] * h],
            [ox + jitter[6] * w, oy + h - jitter[7] * h],
        ]
    )
    img = _place(sheet, bg, cv2.getPerspectiveTransform(src, dst))
    return _photo(img, rng, blur=rng.uniform(0.8, 1.6), quality=rng.randint(35, 60)), sheet


def _barcode(draw, box, rng):
    left, top, right, bottom = box
    x = left
    while x < right:
        bar = rng.choice([2, 2, 3, 5])
        draw.rectangle((x, top, x + bar - 1, bottom), fill=(10, 10, 10, 255))
        x += bar + rng.choice([2, 3, 4])


def _wristband(rng, scale):
    w, h = int(1000 * scale), int(190 * scale)
    sheet = Sheet((w, h), (245, 245, 240, 255))
    _barcode(sheet.draw, (20, 25, int(w * 0.28), h - 25), rng)
    given, family = _person(rng)
    size = int(rng.randint(20, 26) * scale)
    f = _font(size, rng.choice(FACES))
    ink = (15, 15, 15, 255)
    x0 = int(w * 0.32)
    sheet.line((x0, 20), [("NAME", family.upper() + ","), ("NAME", given)], f, ink)
    sheet.line((x0, 20 + int(size * 1.4)), [("", "DOB:"), ("DATE", _date(rng))], f, ink)
    sheet.line((x0, 20 + int(size * 2.8)), [("", "MRN:"), ("MRN", _mrn(rng))], f, ink)
    if rng.random() < 0.5:
        _barcode(sheet.draw, (w - int(w * 0.14), 25, w - 20, h - 25), rng)
    W, H = int(w * 1.2), int(h * 3.2)
    bg = _noise_background(
        (W, H), rng, rng.choice([(205, 160, 130), (150, 105, 80), (235, 200, 175)])
    )
    matrix = _rotation(rng.uniform(-6, 6), (w, h), (W // 2, H // 2))
    img = _place(sheet, bg, matrix)
    return _photo(img, rng, glare=rng.random() < 0.5, blur=0.8, quality=70), sheet


def _lab_report(rng, scale):
    w, h = int(1400 * scale), int(1000 * scale)
    sheet = Sheet((w, h), (252, 252, 250, 255))
    f = _font(int(20 * scale), rng.choice(FACES))
    bold = _font(int(26 * scale), "DejaVuSans-Bold.ttf")
    ink = (20, 20, 20, 255)
    given, family = _person(rng)
    sheet.line((40, 30), [("", "CLINICAL BIOCHEMISTRY REPORT")], bold, ink)
    sheet.line((40, 90), [("", "Patient:"), ("NAME", given), ("NAME", family)], f, ink)
    sheet.line((int(w * 0.55), 90), [("", "Hospital No:"), ("MRN", _mrn(rng))], f, ink)
    sheet.line((40, 125), [("", "DOB:"), ("DATE", _date(rng))], f, ink)
    sheet.line((int(w * 0.55), 125), [("", "Collected:"), ("DATE", _date(rng))], f, ink)
    rows = [
        ("Sodium", "131", "mmol/L", "133-146"),
        ("Potassium", "5.9", "mmol/L", "3.5-5.3"),
        ("Urea", "14.2", "mmol/L", "2.5-7.8"),
        ("Creatinine", "212", "umol/L", "59-104"),
        ("CRP", "87", "mg/L", "<5"),
        ("Haemoglobin", "102", "g/L", "130-170"),
    ]
    top, row_h = 200, int(44 * scale)
    cols = [40, int(w * 0.35), int(w * 0.55), int(w * 0.75), w - 40]
    for i, row in enumerate([("Test", "Result", "Units", "Range"), *rows]):
        y = top + i * row_h
        sheet.draw.line((cols[0], y, cols[-1], y), fill=(90, 90, 90, 255), width=1)
        for col, value in zip(cols, row, strict=False):
            sheet.draw.text((col + 8, y + 10), value, font=f, fill=ink)
        sheet.lines.append(" ".join(row))
    for col in cols:
        sheet.draw.line((col, top, col, top + (len(rows) + 1) * row_h), fill=(90, 90, 90, 255))
    img = sheet.image.convert("RGB")
    if rng.random() < 0.5:  # a phone photo of the printout
        return _photo(img, rng, glare=True, blur=0.7, quality=60), sheet
    return _png(img), sheet


def _handwritten(rng, scale):
    w, h = int(1200 * scale), int(800 * scale)
    sheet = Sheet((w, h), (250, 248, 235, 255))
    for y in range(60, h, int(52 * scale)):
        sheet.draw.line((0, y, w, y), fill=(170, 190, 225, 255), width=2)
    f = _font(int(rng.randint(30, 38) * scale), rng.choice(HAND_FACES))
    ink = rng.choice([(20, 30, 120, 255), (25, 25, 25, 255)])
    given, family = _person(rng)
    step = int(52 * scale)
    sheet.line(
        (50, 60 + step - f.size - 12),
        [("", "Pt"), ("NAME", given), ("NAME", family)],
        f,
        ink,
        rng=rng,
        hand=True,
    )
    sheet.line(
        (50, 60 + 2 * step - f.size - 12),
        [("", "Hosp no"), ("MRN", _mrn(rng))],
        f,
        ink,
        rng=rng,
        hand=True,
    )
    sheet.line(
        (50, 60 + 3 * step - f.size - 12),
        [("", "seen"), ("DATE", _date(rng))],
        f,
        ink,
        rng=rng,
        hand=True,
    )
    sheet.line(
        (50, 60 + 4 * step - f.size - 12),
        [("", "chest pain on exertion, ECG normal")],
        f,
        ink,
        rng=rng,
        hand=True,
    )
    img = sheet.image.convert("RGB")
    return _photo(img, rng, glare=rng.random() < 0.5, blur=0.6, quality=70), sheet


def _overlay(rng, scale):
    w, h = int(1024 * scale), int(768 * scale)
    sheet = Sheet((w, h))
    size = int(rng.randint(16, 22) * scale)
    f = _font(size, rng.choice(FACES))
    ink = (240, 240, 240, 255)
    given, family = _person(rng)
    sheet.line((12, 10), [("NAME", f"{family.upper()}^{given.upper()}")], f, ink)
    sheet.line((12, 10 + int(size * 1.3)), [("MRN", _mrn(rng))], f, ink)
    sheet.line((int(w * 0.62), 10), [("", "Study"), ("DATE", _date(rng))], f, ink)
    sheet.line((int(w * 0.62), 10 + int(size * 1.3)), [("", "C4-5 Abd 3.5 MHz")], f, ink)
    sheet.line((12, h - 2 * size), [("", "W 400 L 40")], f, ink)
    bg = np.zeros((h, w), np.float32)
    cv2.ellipse(bg, (w // 2, h // 2 + 40), (w // 3, h // 3), 0, 200, 340, 90, -1)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 25, (h, w))
    bg = cv2.GaussianBlur(bg + noise * (bg > 0), (0, 0), 2)
    img = _place(sheet, Image.fromarray(bg.clip(0, 255).astype(np.uint8)).convert("RGB"), np.eye(3))
    return _png(img), sheet


def _small_text(rng, scale):
    w, h = int(1000 * scale), int(750 * scale)
    size = rng.randint(10, 14)
    sheet = Sheet((int(w * 0.45), int(size * 7)), (255, 255, 255, 255))
    f = _font(size, rng.choice(FACES))
    ink = (10, 10, 10, 255)
    given, family = _person(rng)
    sheet.line((6, 4), [("NAME", family.upper()), ("NAME", given)], f, ink)
    sheet.line(
        (6, 4 + int(size * 1.5)),
        [("", "MRN"), ("MRN", _mrn(rng)), ("", "DOB"), ("DATE", _date(rng))],
        f,
        ink,
    )
    sheet.line((6, 4 + int(size * 3)), [("", "Ward 7B Bed 12 Cons: ENT")], f, ink)
    bg = _noise_background((w, h), rng, (180, 190, 200))
    at = (
        rng.randint(sheet.image.width // 2 + 10, w - sheet.image.width // 2 - 10),
        rng.randint(60, h - 60),
    )
    img = _place(sheet, bg, _rotation(0, sheet.image.size, at))
    return _png(img), sheet


def _rotated(rng, scale):
    w, h = int(1300 * scale), int(1000 * scale)
    size = int(rng.randint(22, 34) * scale)
    f = _font(size, rng.choice(FACES))
    given, family = _person(rng)
    sheet = Sheet((int(size * 17), int(size * 5)), (250, 250, 245, 255))
    ink = (15, 15, 15, 255)
    sheet.line((12, 10), [("", "Name"), ("NAME", given), ("NAME", family)], f, ink)
    sheet.line((12, 10 + int(size * 1.4)), [("", "MRN"), ("MRN", _mrn(rng))], f, ink)
    sheet.line((12, 10 + int(size * 2.8)), [("", "DOB"), ("DATE", _date(rng))], f, ink)
    from cases.management.image_samples import background

    bg = background("photo", (w, h), rng)
    angle = rng.choice([-1, 1]) * rng.uniform(5, 20)
    img = _place(sheet, bg, _rotation(angle, sheet.image.size, (w // 2, h // 2)))
    return _photo(img, rng, glare=False, blur=0.5, quality=80), sheet


def _xray_labelled(rng, scale):
    w, h = int(1100 * scale), int(1300 * scale)
    sheet = Sheet((w, h))
    size = int(rng.randint(22, 30) * scale)
    f = _font(size, rng.choice(FACES))
    ink = (rng.randint(170, 230),) * 3 + (255,)
    given, family = _person(rng)
    sheet.line((int(w * 0.05), int(h * 0.04)), [("NAME", family), ("NAME", given)], f, ink)
    sheet.line(
        (int(w * 0.05), int(h * 0.04) + int(size * 1.4)),
        [("MRN", _mrn(rng)), ("DATE", _date(rng))],
        f,
        ink,
    )
    sheet.line((int(w * 0.75), int(h * 0.04)), [("", "PA")], f, ink)
    img = _place(sheet, _xray((w, h), rng), np.eye(3))
    return (
        _photo(img, rng, glare=False, blur=0.6, quality=75) if rng.random() < 0.5 else _png(img)
    ), sheet


# --- negatives ------------------------------------------------------------------------------


def _ecg(rng, scale):
    w, h = int(1600 * scale), int(600 * scale)
    img = Image.new("RGB", (w, h), (255, 240, 240))
    draw = ImageDraw.Draw(img)
    for x in range(0, w, 10):
        draw.line((x, 0, x, h), fill=(245, 190, 190) if x % 50 else (230, 130, 130))
    for y in range(0, h, 10):
        draw.line((0, y, w, y), fill=(245, 190, 190) if y % 50 else (230, 130, 130))
    f = _font(int(22 * scale), rng.choice(FACES))
    leads = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"]
    for row in range(3):
        base = int(h * (0.2 + 0.28 * row))
        points = []
        for x in range(0, w, 2):
            t = (x % 160) / 160
            y = (
                base
                - (60 if 0.3 < t < 0.32 else 0)
                + (15 if 0.33 < t < 0.35 else 0)
                - 10 * math.sin(t * 12) * (t > 0.6)
            )
            points.append((x, y))
        draw.line(points, fill=(20, 20, 20), width=2)
        for col in range(4):
            draw.text((col * w // 4 + 10, base - 70), leads[row * 4 + col], font=f, fill=(0, 0, 0))
    draw.text((10, h - 40), "25 mm/s  10 mm/mV  0.5-40 Hz  ~ 50 Hz", font=f, fill=(0, 0, 0))
    draw.text((w * 0.6, 10), "Sinus tachycardia  Rate 112  QTc 452 ms", font=f, fill=(0, 0, 0))
    return _photo(img, rng, glare=rng.random() < 0.5, blur=0.6, quality=70), None


def _markers(rng, scale):
    w, h = int(1100 * scale), int(1300 * scale)
    img = _xray((w, h), rng)
    draw = ImageDraw.Draw(img)
    f = _font(int(34 * scale), rng.choice(FACES))
    draw.text(
        (int(w * 0.06), int(h * 0.05)),
        rng.choice(["LEFT", "RIGHT", "L", "R"]),
        font=f,
        fill=(235, 235, 235),
    )
    draw.text(
        (int(w * 0.6), int(h * 0.05)),
        rng.choice(["AP ERECT", "PA", "AP SUPINE", "PORTABLE"]),
        font=f,
        fill=(235, 235, 235),
    )
    draw.text(
        (int(w * 0.6), int(h * 0.05) + 45),
        rng.choice(["INSPIRATION", "LATERAL DECUBITUS", "WEIGHT BEARING"]),
        font=f,
        fill=(235, 235, 235),
    )
    x0, y0 = int(w * 0.08), int(h * 0.92)
    draw.line((x0, y0, x0 + 200, y0), fill=(240, 240, 240), width=3)
    for i in range(6):
        draw.line((x0 + i * 40, y0 - 10, x0 + i * 40, y0), fill=(240, 240, 240), width=2)
    draw.text((x0 + 210, y0 - 20), "5 cm", font=f, fill=(240, 240, 240))
    return _png(img), None


def _dose(rng, scale):
    w, h = int(1200 * scale), int(900 * scale)
    img = _xray((w, h), rng)
    draw = ImageDraw.Draw(img)
    f = _font(int(22 * scale), rng.choice(FACES))
    lines = [
        f"kVp {rng.choice([80, 100, 120])}  mAs {rng.randint(100, 400)}",
        f"CTDIvol {rng.uniform(3, 20):.1f} mGy",
        f"DLP {rng.randint(150, 900)} mGy.cm",
        f"Slice {rng.choice([0.625, 1.25, 2.5, 5])} mm  Pitch 0.984",
        f"W {rng.choice([350, 400, 1500])} L {rng.choice([40, 50, -600])}",
        "Series 3  Image 112 of 240",
    ]
    for i, line in enumerate(lines):
        draw.text((int(w * 0.62), 20 + i * 30), line, font=f, fill=(230, 230, 230))
    return _png(img), None


def _ultrasound(rng, scale):
    w, h = int(1024 * scale), int(768 * scale)
    img = Image.new("RGB", (w, h), (0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.pieslice((w * 0.15, -h * 0.3, w * 0.85, h * 0.95), 55, 125, fill=(70, 70, 70))
    f = _font(int(20 * scale), rng.choice(FACES))
    for i, line in enumerate(
        [
            "D1 2.31 cm",
            "D2 1.87 cm",
            f"EF {rng.randint(35, 65)} %",
            "GA 32w4d",
            "FR 28 Hz",
            "Gn 52  DR 66",
        ]
    ):
        draw.text((12, 12 + i * 28), line, font=f, fill=(230, 230, 230))
    draw.text((w * 0.7, 12), "C5-1 ABD  MI 1.1  TIS 0.4", font=f, fill=(230, 230, 230))
    return _png(img), None


MAKERS = {
    "monitor": _monitor,
    "wristband": _wristband,
    "lab_report": _lab_report,
    "handwritten": _handwritten,
    "overlay": _overlay,
    "small_text": _small_text,
    "rotated": _rotated,
    "xray": _xray_labelled,
    "ecg": _ecg,
    "xray_markers": _markers,
    "dose": _dose,
    "ultrasound": _ultrasound,
}


def make_heldout(
    kind: str, *, seed: int, split: str = "held_out", scale: float = 1.0
) -> HeldOutSample:
    """One image of ``kind``; ``scale`` 1.0 gives images of about 1,000-1,600 px."""
    rng = random.Random(SPLITS[split] + seed * 101 + sorted(MAKERS).index(kind))  # noqa: S311
    data, sheet = MAKERS[kind](rng, scale)
    truth = tuple(sheet.truth) if sheet is not None else ()
    lines = tuple(sheet.lines) if sheet is not None else ()
    return HeldOutSample(data, kind, split, seed, truth, lines)


def heldout_set(
    *, split: str, per_kind: int = 6, negatives_per_kind: int = 4
) -> Iterator[HeldOutSample]:
    """``per_kind`` images of each positive kind and ``negatives_per_kind`` of each negative."""
    for kind in POSITIVE:
        for seed in range(per_kind):
            yield make_heldout(kind, seed=seed, split=split)
    for kind in NEGATIVE:
        for seed in range(negatives_per_kind):
            yield make_heldout(kind, seed=seed, split=split)
