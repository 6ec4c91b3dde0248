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

import random
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from cases.management import image_negatives as negatives
from cases.management.image_drawing import (
    FACES,
    Sheet,
    Truth,
    font,
    noise_background,
    photo,
    place,
    png,
    rotation,
    xray,
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
    f = font(size, rng.choice(FACES))
    ink = rng.choice([(235, 235, 235, 255), (120, 230, 120, 255), (250, 220, 90, 255)])
    y = int(30 * scale)
    sheet.line((30, y), [("NAME", family.upper() + ","), ("NAME", given)], f, ink)
    sheet.line((30, y + int(size * 1.5)), [("", "ID"), ("MRN", _mrn(rng))], f, ink)
    sheet.line((int(w * 0.55), y + int(size * 1.5)), [("", "DOB"), ("DATE", _date(rng))], f, ink)
    big = font(int(80 * scale), rng.choice(FACES))
    for i, (label, value) in enumerate([("HR", "112"), ("SpO2", "94"), ("NIBP", "98/61")]):
        yy = int(h * 0.42) + i * int(110 * scale)
        sheet.line((40, yy), [("", label)], f, (120, 230, 120, 255))
        sheet.line((int(w * 0.35), yy - 20), [("", value)], big, (120, 230, 120, 255))
    W, H = int(w * 1.3), int(h * 1.35)
    bg = noise_background((W, H), rng, (70, 64, 58))
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
    img = place(sheet, bg, cv2.getPerspectiveTransform(src, dst))
    return photo(img, rng, blur=rng.uniform(0.8, 1.6), quality=rng.randint(35, 60)), sheet


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
    f = font(size, rng.choice(FACES))
    ink = (15, 15, 15, 255)
    x0 = int(w * 0.32)
    sheet.line((x0, 20), [("NAME", family.upper() + ","), ("NAME", given)], f, ink)
    sheet.line((x0, 20 + int(size * 1.4)), [("", "DOB:"), ("DATE", _date(rng))], f, ink)
    sheet.line((x0, 20 + int(size * 2.8)), [("", "MRN:"), ("MRN", _mrn(rng))], f, ink)
    if rng.random() < 0.5:
        _barcode(sheet.draw, (w - int(w * 0.14), 25, w - 20, h - 25), rng)
    W, H = int(w * 1.2), int(h * 3.2)
    bg = noise_background(
        (W, H), rng, rng.choice([(205, 160, 130), (150, 105, 80), (235, 200, 175)])
    )
    matrix = rotation(rng.uniform(-6, 6), (w, h), (W // 2, H // 2))
    img = place(sheet, bg, matrix)
    return photo(img, rng, glare=rng.random() < 0.5, blur=0.8, quality=70), sheet


def _lab_report(rng, scale):
    w, h = int(1400 * scale), int(1000 * scale)
    sheet = Sheet((w, h), (252, 252, 250, 255))
    f = font(int(20 * scale), rng.choice(FACES))
    bold = font(int(26 * scale), "DejaVuSans-Bold.ttf")
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
        return photo(img, rng, glare=True, blur=0.7, quality=60), sheet
    return png(img), sheet


def _handwritten(rng, scale):
    w, h = int(1200 * scale), int(800 * scale)
    sheet = Sheet((w, h), (250, 248, 235, 255))
    for y in range(60, h, int(52 * scale)):
        sheet.draw.line((0, y, w, y), fill=(170, 190, 225, 255), width=2)
    f = font(int(rng.randint(30, 38) * scale), rng.choice(HAND_FACES))
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
    return photo(img, rng, glare=rng.random() < 0.5, blur=0.6, quality=70), sheet


def _overlay(rng, scale):
    w, h = int(1024 * scale), int(768 * scale)
    sheet = Sheet((w, h))
    size = int(rng.randint(16, 22) * scale)
    f = font(size, rng.choice(FACES))
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
    img = place(sheet, Image.fromarray(bg.clip(0, 255).astype(np.uint8)).convert("RGB"), np.eye(3))
    return png(img), sheet


def _small_text(rng, scale):
    w, h = int(1000 * scale), int(750 * scale)
    size = rng.randint(10, 14)
    sheet = Sheet((int(w * 0.45), int(size * 7)), (255, 255, 255, 255))
    f = font(size, rng.choice(FACES))
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
    bg = noise_background((w, h), rng, (180, 190, 200))
    at = (
        rng.randint(sheet.image.width // 2 + 10, w - sheet.image.width // 2 - 10),
        rng.randint(60, h - 60),
    )
    img = place(sheet, bg, rotation(0, sheet.image.size, at))
    return png(img), sheet


def _rotated(rng, scale):
    w, h = int(1300 * scale), int(1000 * scale)
    size = int(rng.randint(22, 34) * scale)
    f = font(size, rng.choice(FACES))
    given, family = _person(rng)
    sheet = Sheet((int(size * 17), int(size * 5)), (250, 250, 245, 255))
    ink = (15, 15, 15, 255)
    sheet.line((12, 10), [("", "Name"), ("NAME", given), ("NAME", family)], f, ink)
    sheet.line((12, 10 + int(size * 1.4)), [("", "MRN"), ("MRN", _mrn(rng))], f, ink)
    sheet.line((12, 10 + int(size * 2.8)), [("", "DOB"), ("DATE", _date(rng))], f, ink)
    from cases.management.image_samples import background

    bg = background("photo", (w, h), rng)
    angle = rng.choice([-1, 1]) * rng.uniform(5, 20)
    img = place(sheet, bg, rotation(angle, sheet.image.size, (w // 2, h // 2)))
    return photo(img, rng, glare=False, blur=0.5, quality=80), sheet


def _xray_labelled(rng, scale):
    w, h = int(1100 * scale), int(1300 * scale)
    sheet = Sheet((w, h))
    size = int(rng.randint(22, 30) * scale)
    f = font(size, rng.choice(FACES))
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
    img = place(sheet, xray((w, h), rng), np.eye(3))
    return (
        photo(img, rng, glare=False, blur=0.6, quality=75) if rng.random() < 0.5 else png(img)
    ), sheet


MAKERS = {
    "monitor": _monitor,
    "wristband": _wristband,
    "lab_report": _lab_report,
    "handwritten": _handwritten,
    "overlay": _overlay,
    "small_text": _small_text,
    "rotated": _rotated,
    "xray": _xray_labelled,
    "ecg": negatives.ecg,
    "xray_markers": negatives.markers,
    "dose": negatives.dose,
    "ultrasound": negatives.ultrasound,
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
