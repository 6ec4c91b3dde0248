"""Scoring the image check on generated images (``image_scan_report`` and the tests' floors).

An identifier counts as found when the boxes of the findings cover most of the pixels it was
drawn on (what redaction needs), whatever text OCR returned for it. On an image that
identifies no one, every finding is a false one; on the others, a finding that covers no
drawn identifier is counted as false too (it costs the author a reason, nothing more).

"Typed text" scores the scanner on the very lines drawn into the image, as if OCR were
perfect: the gap between it and the image recall is what OCR loses.
"""

from __future__ import annotations

import io
import resource
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from cases.deidentify import find_identifiers
from cases.images import scan_image
from cases.images.faces import overlap
from cases.images.scan import FACE, _capitalised
from cases.management.image_heldout import HeldOutSample
from cases.management.image_samples import covered


@dataclass
class Tally:
    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += hit
        self.total += 1

    @property
    def share(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.share:.3f} ({self.hits}/{self.total})"


@dataclass
class HeldOutScore:
    recall: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    typed: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    # kind -> false findings on each image of that kind
    false_findings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    misses: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


def typed_text_found(sample: HeldOutSample) -> list[bool]:
    """For each drawn identifier, whether the scanner finds it in the typed lines."""
    text = "\n".join(sample.lines)
    spans = [(f.start, f.end) for f in find_identifiers(text)]
    spans += [(f.start, f.end) for f in find_identifiers(_capitalised(text))]
    out, cursor = [], 0
    for _kind, word, _box in sample.truth:
        start = text.find(word, cursor)
        if start < 0:
            start = text.find(word)
        end = start + len(word)
        cursor = end if start >= 0 else cursor
        out.append(start >= 0 and any(s < end and start < e for s, e in spans))
    return out


def score_heldout(samples: Iterable[HeldOutSample]) -> HeldOutScore:
    score = HeldOutScore()
    for sample in samples:
        wall = time.perf_counter()
        findings = [f for f in scan_image(sample.data).findings if f.kind != FACE]
        score.seconds.append(time.perf_counter() - wall)
        boxes = [f.box for f in findings]
        typed = typed_text_found(sample)
        for (kind, text, box), in_text in zip(sample.truth, typed, strict=True):
            hit = covered(box, boxes)
            for key in ("all", f"image {sample.kind}", f"identifier {kind}"):
                score.recall[key].add(hit)
                score.typed[key].add(in_text)
            if not hit:
                score.misses.append(
                    f"{sample.split} {sample.kind} seed {sample.seed}: {kind} {text!r}"
                    + ("" if in_text else " (scanner misses the typed text too)")
                )
        false = sum(
            not any(overlap(f.box, box) > 0.3 for _k, _t, box in sample.truth) for f in findings
        )
        score.false_findings[sample.kind].append(false)
    return score


def cpu_seconds() -> float:
    """CPU seconds of this process and its finished children (tesseract runs as a child)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def time_scans(
    samples: Iterable[HeldOutSample], *, side: int = 2000
) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds (both cores summed: what a busy machine cannot inflate) of
    ``scan_image`` (OCR, faces and the scanner) per image, each enlarged so its long side is
    ``side`` pixels."""
    seconds, cpu = [], []
    for sample in samples:
        with Image.open(io.BytesIO(sample.data)) as img:
            img.load()
            factor = side / max(img.size)
            big = img.resize(
                (round(img.width * factor), round(img.height * factor)),
                Image.Resampling.LANCZOS,
            )
        out = io.BytesIO()
        big.save(out, "JPEG" if sample.data[:2] == b"\xff\xd8" else "PNG", quality=90)
        wall, used = time.perf_counter(), cpu_seconds()
        scan_image(out.getvalue())
        seconds.append(time.perf_counter() - wall)
        cpu.append(cpu_seconds() - used)
    return seconds, cpu


def p95(values: list[float]) -> float:
    return float(np.percentile(values, 95)) if values else 0.0
