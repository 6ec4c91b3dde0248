"""Print OCR recall on the generated case images and the time per 2,000-pixel image."""

from __future__ import annotations

import io
import resource
import time
from collections import defaultdict

import numpy as np
from django.core.management.base import BaseCommand
from PIL import Image

from cases.images import ocr, scan_image
from cases.images.faces import find_faces
from cases.images.scan import FACE
from cases.management.image_samples import covered, make_sample, sample_set


def _cpu() -> float:
    """CPU seconds of this process and its finished children (tesseract runs as a child)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _percentiles(values: list[float]) -> str:
    return f"p50 {np.percentile(values, 50):.2f} s, p95 {np.percentile(values, 95):.2f} s"


class Command(BaseCommand):
    help = "OCR recall by text size, angle and background; p50/p95 seconds for OCR and faces."

    def add_arguments(self, parser):
        parser.add_argument("--timed", type=int, default=20, help="2,000-px images to time")
        parser.add_argument("--verbose", action="store_true", help="list the misses")

    def handle(self, *args, timed=20, verbose=False, **options):
        if not ocr.available():
            self.stderr.write("tesseract is not installed (make tesseract).")
            return
        samples = sample_set()
        self.stdout.write(f"Recall on {len(samples)} generated images (1200 x 900 and up)...")
        found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for sample in samples:
            boxes = [f.box for f in scan_image(sample.data).findings if f.kind != FACE]
            for kind, text, box in sample.truth:
                hit = covered(box, boxes)
                for key in (
                    "all",
                    f"size {sample.size} px",
                    f"angle {sample.angle}",
                    f"background {sample.background}",
                    f"kind {kind}",
                ):
                    found[key][0] += hit
                    found[key][1] += 1
                if verbose and not hit:
                    self.stdout.write(
                        f"  MISS {kind} {text!r} size {sample.size} angle {sample.angle} "
                        f"{sample.background}"
                    )
        for key in sorted(found, key=lambda k: (k != "all", k)):
            hits, total = found[key]
            self.stdout.write(f"recall {key:<22} {hits / total:.3f} ({hits}/{total})")

        self.stdout.write(f"Timing {timed} images of 2000 x 1500 pixels (one at a time)...")
        ocr_wall, ocr_cpu, face_wall = [], [], []
        settings = [
            (size, angle, bg)
            for size in (18, 44)
            for angle in (0, 4, 90)
            for bg in ("white", "dark", "colour", "photo")
        ]
        for i in range(timed):
            size, angle, bg = settings[i % len(settings)]
            sample = make_sample(
                size=size, angle=angle, background_kind=bg, seed=1000 + i, canvas=(2000, 1500)
            )
            with Image.open(io.BytesIO(sample.data)) as img:
                img.load()
                gray = np.asarray(img.convert("L"))
                wall, cpu = time.perf_counter(), _cpu()
                ocr.read_text(img)
                ocr_wall.append(time.perf_counter() - wall)
                ocr_cpu.append(_cpu() - cpu)
                wall = time.perf_counter()
                find_faces(gray)
                face_wall.append(time.perf_counter() - wall)
        self.stdout.write(f"OCR per image (wall): {_percentiles(ocr_wall)}")
        self.stdout.write(f"OCR per image (CPU, both cores summed): {_percentiles(ocr_cpu)}")
        self.stdout.write(f"faces per image (wall): {_percentiles(face_wall)}")
        total = [a + b for a, b in zip(ocr_wall, face_wall, strict=True)]
        self.stdout.write(f"OCR + faces per image (wall): {_percentiles(total)}")
