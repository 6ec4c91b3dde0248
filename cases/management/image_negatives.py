"""The held-out set's negatives (``image_heldout``): images with print that identifies no one,
where every finding is a false one."""

from __future__ import annotations

import math

from PIL import Image, ImageDraw

from cases.management.image_drawing import FACES, font, photo, png, xray


def ecg(rng, scale):
    w, h = int(1600 * scale), int(600 * scale)
    img = Image.new("RGB", (w, h), (255, 240, 240))
    draw = ImageDraw.Draw(img)
    for x in range(0, w, 10):
        draw.line((x, 0, x, h), fill=(245, 190, 190) if x % 50 else (230, 130, 130))
    for y in range(0, h, 10):
        draw.line((0, y, w, y), fill=(245, 190, 190) if y % 50 else (230, 130, 130))
    f = font(int(22 * scale), rng.choice(FACES))
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
    return photo(img, rng, glare=rng.random() < 0.5, blur=0.6, quality=70), None


def markers(rng, scale):
    w, h = int(1100 * scale), int(1300 * scale)
    img = xray((w, h), rng)
    draw = ImageDraw.Draw(img)
    f = font(int(34 * scale), rng.choice(FACES))
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
    return png(img), None


def dose(rng, scale):
    w, h = int(1200 * scale), int(900 * scale)
    img = xray((w, h), rng)
    draw = ImageDraw.Draw(img)
    f = font(int(22 * scale), rng.choice(FACES))
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
    return png(img), None


def ultrasound(rng, scale):
    w, h = int(1024 * scale), int(768 * scale)
    img = Image.new("RGB", (w, h), (0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.pieslice((w * 0.15, -h * 0.3, w * 0.85, h * 0.95), 55, 125, fill=(70, 70, 70))
    f = font(int(20 * scale), rng.choice(FACES))
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
    return png(img), None
