"""Identifiers in image pixels: the text OCR reads goes through the same scanner as case text
(``cases.deidentify.find_identifiers``), and faces are found by OpenCV.

Each finding carries the box to black out, in the pixels of the cleaned image (the one stored
and shown), so the author's page can draw it and ``redact_image`` can fill it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PIL import Image

from accounts import images as shared
from cases.deidentify import find_identifiers
from cases.images import ocr
from cases.images.faces import find_faces, overlap, union

Box = tuple[int, int, int, int]
FACE = "FACE"


@dataclass(frozen=True)
class ImageFinding:
    kind: str  # one of cases.deidentify.KINDS, or FACE
    text: str  # what OCR read ("" for a face)
    box: Box  # left, top, right, bottom in the cleaned image's pixels

    @property
    def key(self) -> str:
        """Names the finding in forms and stored reasons; stable while the pixels are."""
        return f"{self.kind}:{','.join(map(str, self.box))}"

    @property
    def width(self) -> int:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]

    def as_json(self) -> dict:
        return {"kind": self.kind, "text": self.text, "box": list(self.box)}

    @classmethod
    def from_json(cls, data: dict) -> ImageFinding:
        return cls(kind=data["kind"], text=data.get("text", ""), box=tuple(data["box"]))


@dataclass(frozen=True)
class ImageScan:
    findings: list[ImageFinding]
    text_read: bool  # False when the OCR engine is missing: only faces were looked for


def scan_image(data: bytes) -> ImageScan:
    """Look for identifiers in the image ``data`` (any accepted upload; it is cleaned first).

    Never raises for a missing OCR engine: ``text_read`` says whether the text was read.
    """
    # The cleaned pixels, not a cleaned file: the boxes are the same, and encoding a large
    # PNG again (the stored file is already clean) took longer than reading it.
    img, _fmt = shared.clean_pixels(data)
    findings = [ImageFinding(FACE, "", box) for box in find_faces(_gray(img))]
    try:
        words = ocr.read_text(img)
    except ocr.OcrUnavailable:
        return ImageScan(findings, text_read=False)
    return ImageScan(findings + _text_findings(words), text_read=True)


def find_image_identifiers(data: bytes) -> list[ImageFinding]:
    """Findings (kind, text, box) in the cleaned image. Raises ``ocr.OcrUnavailable`` when
    the text cannot be read, so no caller can mistake "not read" for "nothing found"."""
    result = scan_image(data)
    if not result.text_read:
        raise ocr.OcrUnavailable("tesseract")
    return result.findings


def _gray(img: Image.Image):
    import numpy as np

    return np.asarray(img.convert("L"))


def _lines(words: list[ocr.Word]) -> list[list[ocr.Word]]:
    """Words in reading order, one list per visual line (laid out in the read image's pixels,
    where the lines are level).

    Tesseract's sparse mode splits a label line into fragments ("MRN" apart from its number);
    fragments side by side at the same height are joined so the scanner sees the context.
    """
    fragments: dict[tuple[int, ...], list[ocr.Word]] = {}
    for word in words:
        fragments.setdefault(word.line, []).append(word)
    lines: list[list[ocr.Word]] = []
    for fragment in sorted(fragments.values(), key=lambda f: min(w.read_box[0] for w in f)):
        fragment.sort(key=lambda w: w.read_box[0])
        first = fragment[0].read_box
        for line in lines:
            last = line[-1].read_box
            height = max(last[3] - last[1], first[3] - first[1], 1)
            gap = first[0] - last[2]
            shared_height = min(last[3], first[3]) - max(last[1], first[1])
            if -height < gap < 3 * height and shared_height > 0.5 * height:
                line.extend(fragment)
                break
        else:
            lines.append(fragment)
    return sorted(lines, key=lambda line: (line[0].read_box[1], line[0].read_box[0]))


def _glued(a: ocr.Word, b: ocr.Word) -> bool:
    """Whether ``b`` follows ``a`` with less than a letter's gap: one word read in pieces
    ("Jo" "hnson"), which a redaction must cover whole."""
    height = max(a.read_box[3] - a.read_box[1], b.read_box[3] - b.read_box[1], 1)
    if a.text.endswith(("^", "*")):
        # DICOM's "FAMILY^GIVEN" read with a space after the caret ("YILMAZ* EMRE"): the
        # given name goes under the same box.
        return b.read_box[0] - a.read_box[2] < 1.5 * height
    return b.read_box[0] - a.read_box[2] < 0.3 * height


_CAPITALS = re.compile(r"\b[A-Z][A-Z'-]+\b")


def _capitalised(text: str) -> str:
    """``JOHN SMITH`` as ``John Smith``, character for character (monitors print names in
    capitals, and the scanner looks for capitalised names). Only words in capitals change:
    OCR reads noise as short lower-case words ("ane", "ema"), which capitalised would pass
    for first names."""
    return _CAPITALS.sub(lambda m: m.group()[0] + m.group()[1:].lower(), text)


def _text_findings(words: list[ocr.Word]) -> list[ImageFinding]:
    by_read: dict[tuple[int, ...], list[ocr.Word]] = {}
    for word in words:
        by_read.setdefault(word.line[:2], []).append(word)  # one text per pass and turn
    found: list[ImageFinding] = []
    for group in by_read.values():
        # Each word is followed by exactly one space, or a newline at the end of its line.
        text = ""
        spans: list[tuple[int, int, int]] = []  # start, end, line number
        ordered: list[ocr.Word] = []
        for number, line in enumerate(_lines(group)):
            for i, word in enumerate(line):
                spans.append((len(text), len(text) + len(word.text), number))
                ordered.append(word)
                text += word.text + ("\n" if i == len(line) - 1 else " ")
        findings = find_identifiers(text)
        if text != text.lower():
            # Read again with capitals lowered: a finding there is kept unless the plain
            # text's findings already hold it whole. "FERNANDEZ Lucia" in small print gave
            # "Lucia" plainly and "Fernandez Lucia" capitalised: the family name was dropped
            # for overlapping the given name.
            seen = [(f.start, f.end) for f in findings]
            findings += [
                f
                for f in find_identifiers(_capitalised(text))
                if not any(start <= f.start and f.end <= end for start, end in seen)
            ]
        for finding in findings:
            hit = [
                i
                for i, (start, end, _) in enumerate(spans)
                if start < finding.end and finding.start < end
            ]
            if not hit:
                continue
            first, last = hit[0], hit[-1]
            while (
                first > 0
                and spans[first - 1][2] == spans[first][2]
                and _glued(ordered[first - 1], ordered[first])
            ):
                first -= 1
            while (
                last + 1 < len(spans)
                and spans[last + 1][2] == spans[last][2]
                and _glued(ordered[last], ordered[last + 1])
            ):
                last += 1
            box = ordered[first].box
            for word in ordered[first + 1 : last + 1]:
                box = union(box, word.box)
            found.append(ImageFinding(finding.kind, text[finding.start : finding.end], box))
    return _dedupe(found)


def _dedupe(findings: list[ImageFinding]) -> list[ImageFinding]:
    """One finding per place: the passes read the same words; keep the union of their boxes."""
    kept: list[ImageFinding] = []
    for finding in sorted(findings, key=lambda f: -(f.box[2] - f.box[0]) * (f.box[3] - f.box[1])):
        for i, other in enumerate(kept):
            if overlap(finding.box, other.box) > 0.5:
                kept[i] = ImageFinding(other.kind, other.text, union(other.box, finding.box))
                break
        else:
            kept.append(finding)
    return sorted(kept, key=lambda f: (f.box[1], f.box[0]))
