"""Serving what members uploaded (avatars, case images, verification evidence).

Every such file goes out through a view that has checked permission first, and through
``uploaded_file_response``, which makes the browser treat it only as what we sniffed it to be:

- ``Content-Type`` from the format we detected when storing it (never the uploader's claim);
- ``X-Content-Type-Options: nosniff`` so a browser never second-guesses that type;
- ``Content-Disposition`` with a name we made up (``inline`` for images, ``attachment`` for
  documents), so nothing the uploader chose reaches the header;
- a sandboxing ``Content-Security-Policy``: should a polyglot ever be opened as a document,
  it runs no script, loads nothing, and has an opaque origin.
"""

from __future__ import annotations

import re
from typing import IO

from django.http import FileResponse

# Stored names end with one of these extensions, chosen by us from the sniffed format.
CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "pdf": "application/pdf",
}
UPLOAD_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")


def content_type_for(name: str) -> str:
    """The type for a stored name's extension; anything else is served as opaque bytes."""
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def uploaded_file_response(
    handle: IO[bytes],
    *,
    content_type: str,
    filename: str,
    attachment: bool = False,
    cache_control: str = "private, max-age=3600",
) -> FileResponse:
    """A response for one stored upload. The caller has already checked permission."""
    if content_type not in CONTENT_TYPES.values():
        content_type = "application/octet-stream"
        attachment = True
    safe_name = _SAFE_NAME.sub("_", filename)[:100] or "file"
    response = FileResponse(handle, content_type=content_type)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{safe_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = UPLOAD_CSP
    response["Cache-Control"] = cache_control
    return response
