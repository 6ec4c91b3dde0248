"""The growing XSS corpus (xss_vectors.txt), for the sanitiser tests and the access matrix."""

from __future__ import annotations

from pathlib import Path


def load_xss_vectors() -> list[str]:
    """One attempt a line; ``\\n`` in a line stands for a line break; ``# `` lines are notes."""
    text = (Path(__file__).parent / "xss_vectors.txt").read_text(encoding="utf-8")
    return [
        line.replace("\\n", "\n")
        for line in text.splitlines()
        if line.strip() and not line.startswith("# ")
    ]


XSS_VECTORS = load_xss_vectors()
