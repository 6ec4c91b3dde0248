"""Print the image check's recall on generated images and the time per 2,000-pixel image.

Two sets, each row naming its split: ``first`` (``image_samples``, drawn alongside the OCR
passes: the split they were tuned on) and ``heldout`` (``image_heldout``: photographed
monitors, wristbands, lab reports, handwriting, overlays, small and turned text, X-rays, and
negatives), whose ``dev`` split may be looked at when the OCR changes and whose ``held_out``
split is only ever measured.
"""

from __future__ import annotations

import io
import time
from collections import defaultdict

import numpy as np
from django.core.management.base import BaseCommand
from PIL import Image

from cases.images import ocr, scan_image
from cases.images.faces import find_faces
from cases.images.scan import FACE
from cases.management.image_eval import cpu_seconds, p95, score_heldout, time_scans
from cases.management.image_heldout import MAKERS, NEGATIVE, heldout_set, make_heldout
from cases.management.image_samples import covered, make_sample, sample_set


def _percentiles(values: list[float]) -> str:
    return f"p50 {np.percentile(values, 50):.2f} s, p95 {np.percentile(values, 95):.2f} s"


class Command(BaseCommand):
    help = "OCR recall per set, split and kind; false findings; p50/p95 seconds per image."

    def add_arguments(self, parser):
        parser.add_argument(
            "--set",
            choices=["first", "heldout", "all"],
            default="all",
            dest="which",
            help="which generated set to score",
        )
        parser.add_argument(
            "--split",
            choices=["dev", "held_out", "both"],
            default="both",
            help="held-out set: the split to score (dev may be looked at; held_out only measured)",
        )
        parser.add_argument("--per-kind", type=int, default=6, help="held-out images per kind")
        parser.add_argument("--timed", type=int, default=20, help="2,000-px images to time")
        parser.add_argument("--verbose", action="store_true", help="list the misses")

    def handle(self, *args, which="all", split="both", per_kind=6, timed=20, verbose=False, **o):
        if not ocr.available():
            self.stderr.write("tesseract is not installed (make tesseract).")
            return
        if which in {"first", "all"}:
            self._first(timed=timed, verbose=verbose)
        if which in {"heldout", "all"}:
            splits = ["dev", "held_out"] if split == "both" else [split]
            for name in splits:
                self._heldout(name, per_kind=per_kind, timed=timed, verbose=verbose)

    def _row(self, set_name: str, split: str, key: str, value: str) -> None:
        self.stdout.write(f"{set_name:<8} {split:<9} {key:<26} {value}")

    def _heldout(self, split: str, *, per_kind: int, timed: int, verbose: bool) -> None:
        negatives = max(2, per_kind * 2 // 3)
        self.stdout.write(
            f"Held-out set, split {split}: {per_kind} images per kind, {negatives} per negative"
        )
        score = score_heldout(
            heldout_set(split=split, per_kind=per_kind, negatives_per_kind=negatives)
        )
        self._row("set", "split", "recall of", "image (typed text: the scanner alone)")
        for key in sorted(score.recall, key=lambda k: (k != "all", k)):
            self._row("heldout", split, key, f"{score.recall[key]}   ({score.typed[key]})")
        negative_counts = [n for k in NEGATIVE for n in score.false_findings[k]]
        for kind in sorted(score.false_findings):
            counts = score.false_findings[kind]
            label = "negative" if kind in NEGATIVE else "positive"
            self._row(
                "heldout",
                split,
                f"false/image {kind}",
                f"{np.mean(counts):.2f} (max {max(counts)}, {label})",
            )
        self._row(
            "heldout",
            split,
            "false/negative image",
            f"{np.mean(negative_counts):.2f} over {len(negative_counts)} images",
        )
        self._row("heldout", split, "seconds/image as drawn", _percentiles(score.seconds))
        if verbose:
            for miss in score.misses:
                self.stdout.write(f"  MISS {miss}")
        if not timed:
            return
        kinds = sorted(MAKERS)
        timed_samples = (
            make_heldout(kinds[i % len(kinds)], seed=500 + i, split=split) for i in range(timed)
        )
        seconds, cpu = time_scans(timed_samples)
        self._row("heldout", split, "2000px image (wall)", f"{_percentiles(seconds)}")
        self._row("heldout", split, "2000px image (CPU, 2 cores)", f"{_percentiles(cpu)}")
        self.stdout.write(f"(OCR, faces and the scanner; wall p95 {p95(seconds):.2f} s)")

    def _first(self, *, timed: int, verbose: bool) -> None:
        samples = sample_set()
        self.stdout.write(
            f"First set (tuned on): {len(samples)} generated images, 1200 x 900 and up"
        )
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
            self._row("first", "tune", key, f"{hits / total:.3f} ({hits}/{total})")

        if not timed:
            return
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
                wall, cpu = time.perf_counter(), cpu_seconds()
                ocr.read_text(img)
                ocr_wall.append(time.perf_counter() - wall)
                ocr_cpu.append(cpu_seconds() - cpu)
                wall = time.perf_counter()
                find_faces(gray)
                face_wall.append(time.perf_counter() - wall)
        self._row("first", "tune", "OCR/2000px (wall)", _percentiles(ocr_wall))
        self._row("first", "tune", "OCR/2000px (CPU, 2 cores)", _percentiles(ocr_cpu))
        self._row("first", "tune", "faces/2000px (wall)", _percentiles(face_wall))
        total = [a + b for a, b in zip(ocr_wall, face_wall, strict=True)]
        self._row("first", "tune", "OCR+faces/2000px (wall)", _percentiles(total))
