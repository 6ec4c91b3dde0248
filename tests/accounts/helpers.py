"""Helpers for the accounts tests."""

from __future__ import annotations

import io
import re

from django.core import mail
from PIL import Image


def image_bytes(fmt: str = "PNG", size=(300, 200), color=(10, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def last_link(pattern: str) -> str:
    """The path of the last emailed link matching ``pattern`` (a regex over the path)."""
    match = re.search(rf"https?://[^/\s]+(/{pattern})", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)
