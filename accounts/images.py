"""Image cleaning for everything members upload (case images, avatars).

``clean_image`` trusts nothing about the upload: it reads the content (never the name or the
declared type), refuses other formats, oversize files and decompression bombs, applies the EXIF
orientation, and re-encodes the pixels into a fresh image so that no metadata survives (EXIF
with GPS, XMP, IPTC, ICC profiles and their descriptions, PNG text chunks, comments).

It lives in accounts, the lowest app, so that avatars (accounts) and case images (cases) share it
without breaking the import direction; ``cases.images`` adds the case-specific rules.
"""

from __future__ import annotations

import io
import warnings

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: more than any phone camera, far less than a bomb
MAX_SIDE = 12_000


def image_format(data: bytes) -> str:
    """The format Pillow reads from the content ("JPEG", "PNG", "WEBP"), or raise."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format
    except Image.DecompressionBombError as exc:
        raise ValidationError(_("The image is too large to process."), code="pixels") from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationError(_("This file is not an image we can read."), code="invalid") from exc
    if fmt not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Only JPEG, PNG and WebP images are accepted (this one is %(format)s).")
            % {"format": fmt or _("unknown")},
            code="format",
        )
    return fmt


def clean_image(
    data: bytes,
    *,
    max_bytes: int = MAX_BYTES,
    max_pixels: int = MAX_PIXELS,
    max_side: int | None = None,
) -> bytes:
    """Return the image re-encoded in its own format, with no metadata.

    ``max_side`` shrinks larger images to fit (avatars). Raises ValidationError with a message
    for the member for anything refused.
    """
    pixels, fmt = clean_pixels(data, max_bytes=max_bytes, max_pixels=max_pixels)
    if max_side and max(pixels.size) > max_side:
        pixels.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return encode(pixels, fmt)


def clean_pixels(
    data: bytes, *, max_bytes: int = MAX_BYTES, max_pixels: int = MAX_PIXELS
) -> tuple[Image.Image, str]:
    """The pixels ``clean_image`` encodes (upright, nothing but pixels) and the format, for
    readers of an image that need no file (encoding a large PNG takes seconds). Raises
    ValidationError like ``clean_image``."""
    if len(data) > max_bytes:
        raise ValidationError(
            _("The image is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": f"{len(data) / 1_048_576:.1f}", "limit": f"{max_bytes / 1_048_576:.0f}"},
            code="size",
        )
    fmt = image_format(data)
    with warnings.catch_warnings():
        # Pillow warns, rather than fails, between MAX_IMAGE_PIXELS and twice that.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as img:
                width, height = img.size
                if width * height > max_pixels or max(width, height) > MAX_SIDE:
                    raise ValidationError(
                        _("The image is %(w)s by %(h)s pixels; the limit is %(limit)s megapixels.")
                        % {"w": width, "h": height, "limit": max_pixels // 1_000_000},
                        code="pixels",
                    )
                img.load()
                pixels = _fresh_copy(ImageOps.exif_transpose(img), fmt)
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ValidationError(_("The image is too large to process."), code="pixels") from exc
        except (OSError, ValueError, SyntaxError) as exc:
            raise ValidationError(_("The image file is damaged."), code="invalid") from exc
    return pixels, fmt


def encode(pixels: Image.Image, fmt: str) -> bytes:
    """Encode ``pixels`` in ``fmt`` the way every stored image is (no metadata is passed)."""
    out = io.BytesIO()
    if fmt == "JPEG":
        pixels.save(out, "JPEG", quality=85, optimize=True)
    elif fmt == "PNG":
        pixels.save(out, "PNG", optimize=True)
    else:
        pixels.save(out, "WEBP", quality=85)
    return out.getvalue()


def _fresh_copy(img: Image.Image, fmt: str) -> Image.Image:
    """Copy only the pixels into a new image: nothing from ``img.info`` comes along."""
    if fmt == "JPEG":
        mode = "L" if img.mode in {"1", "L"} else "RGB"
    else:
        has_alpha = img.mode in {"RGBA", "LA", "PA"} or "transparency" in img.info
        mode = "RGBA" if has_alpha else ("L" if img.mode in {"1", "L"} else "RGB")
    converted = img.convert(mode)
    return Image.frombytes(mode, converted.size, converted.tobytes())
