"""clean_image: content sniffing, limits, bombs, orientation, and no metadata surviving."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, PngImagePlugin

from accounts.images import clean_image, image_format

GPS_IFD = 0x8825


def _jpeg_with_metadata(size=(64, 32), orientation=6) -> bytes:
    img = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "CameraMaker"
    exif[0x9286] = "patient J. Smith"  # UserComment
    exif.get_ifd(GPS_IFD)[2] = (51.0, 30.0, 0.0)
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif, icc_profile=b"\0" * 128, comment=b"MRN 1234567")
    return out.getvalue()


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "John Smith DOB 1950-01-02")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>secret</x:xmpmeta>")
    out = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 255, 128)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def test_jpeg_metadata_is_gone_and_orientation_applied():
    raw = _jpeg_with_metadata()
    assert b"CameraMaker" in raw
    assert b"MRN 1234567" in raw
    cleaned = clean_image(raw)
    with Image.open(io.BytesIO(cleaned)) as img:
        assert img.format == "JPEG"
        assert img.size == (32, 64), "rotated by its EXIF orientation before stripping"
        assert not img.getexif()
        assert "icc_profile" not in img.info
        assert "comment" not in img.info
    for secret in (b"CameraMaker", b"MRN 1234567", b"patient", b"Exif"):
        assert secret not in cleaned


def test_png_text_chunks_are_gone_and_transparency_kept():
    cleaned = clean_image(_png_with_text())
    assert b"John Smith" not in cleaned
    assert b"xmpmeta" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as img:
        assert img.mode == "RGBA"
        assert img.getpixel((0, 0)) == (0, 0, 255, 128)


def test_webp_is_accepted():
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "WEBP")
    assert image_format(clean_image(out.getvalue())) == "WEBP"


@pytest.mark.parametrize(
    "data",
    [
        b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
        b"GIF89a" + b"\0" * 100,
        b"%PDF-1.4 not an image",
        b"\xff\xd8\xff\xe0 truncated jpeg",
        b"",
    ],
)
def test_non_images_and_other_formats_are_refused(data):
    with pytest.raises(ValidationError):
        clean_image(data)


def test_a_gif_named_like_a_png_is_refused_by_content():
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "GIF")
    with pytest.raises(ValidationError, match="Only JPEG, PNG and WebP"):
        clean_image(out.getvalue())


def test_a_decompression_bomb_is_refused_before_decoding():
    # 20000 x 20000 pixels of one colour compresses to a small PNG: 400 megapixels when decoded.
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, "PNG")
    assert len(out.getvalue()) < 200_000
    with pytest.raises(ValidationError, match=r"megapixels|too large"):
        clean_image(out.getvalue())


def test_oversize_files_are_refused_with_the_limit_named():
    with pytest.raises(ValidationError, match="limit is 1 MB"):
        clean_image(b"\0" * 2_000_000, max_bytes=1_048_576)


def test_max_side_shrinks_large_images():
    out = io.BytesIO()
    Image.new("RGB", (1000, 500)).save(out, "PNG")
    with Image.open(io.BytesIO(clean_image(out.getvalue(), max_side=256))) as img:
        assert img.size == (256, 128)
