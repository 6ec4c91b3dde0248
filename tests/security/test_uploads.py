"""Hostile uploads through the real forms, and how stored files are served back.

Each file below is uploaded the way a member would (the case images page, the profile page);
what is stored is re-encoded pixels under a random name, and what is served is typed by us,
``nosniff``, named by us and sandboxed, from a view that checks permission first.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.serving import UPLOAD_CSP
from cases import authoring
from cases.models import CaseImage
from tests.factories import UserFactory
from tests.security.world import CASE_VALUES, png_bytes

pytestmark = pytest.mark.django_db

SCRIPT = b"<script>alert(document.domain)</script>"


@pytest.fixture(autouse=True)
def storage_roots(settings, tmp_path):
    settings.CASES_PRIVATE_ROOT = tmp_path / "cases"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    return tmp_path


@pytest.fixture
def author(db):
    return UserFactory(professional=True, handle="author", email="author@example.org")


@pytest.fixture
def draft(author):
    return authoring.create_case(author=author, values=CASE_VALUES, tags=[])


def jpeg_with_payloads() -> bytes:
    """EXIF description, maker note, GPS and a JPEG comment, all carrying a script."""
    exif = Image.Exif()
    exif[0x010E] = SCRIPT.decode()  # ImageDescription
    exif[0x927C] = SCRIPT  # MakerNote
    exif.get_ifd(0x8825)[2] = (51.0, 30.0, 0.0)
    out = io.BytesIO()
    Image.new("RGB", (32, 16), (200, 30, 30)).save(out, "JPEG", exif=exif, comment=SCRIPT)
    return out.getvalue()


def gif_js_polyglot() -> bytes:
    """Valid as a GIF and, read as text, a script (the classic GIFAR/GIF-JS trick)."""
    out = io.BytesIO()
    Image.new("P", (8, 8)).save(out, "GIF", comment=b"*/=alert(1)//")
    data = out.getvalue()
    return b"GIF89a/*" + data[8:]


SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" width="10" height="10">
<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>"""


def bomb() -> bytes:
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, "PNG")
    return out.getvalue()


def upload(client, case, data: bytes, name: str, content_type: str = "image/png"):
    return client.post(
        f"/cases/{case.pk}/images/",
        {
            "image": SimpleUploadedFile(name, data, content_type=content_type),
            "alt_text": "A tracing",
        },
    )


def served(client, image: CaseImage):
    response = client.get(image.get_absolute_url())
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def assert_served_safely(response, content_type: str) -> None:
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith(
        ("inline; filename=", "attachment; filename=")
    )
    assert response["Content-Security-Policy"] == UPLOAD_CSP
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_png_with_html_appended_is_stored_as_pixels_only_and_served_typed(client, draft, author):
    polyglot = png_bytes() + b"<html><body>" + SCRIPT + b"</body></html>"
    client.force_login(author)
    assert upload(client, draft, polyglot, "scan.png").status_code == 302
    image = CaseImage.objects.get(case=draft)
    response, body = served(client, image)
    assert_served_safely(response, "image/png")
    assert response["Content-Disposition"] == (
        f'inline; filename="case-{draft.pk}-image-{image.pk}.png"'
    )
    assert body.startswith(b"\x89PNG")
    assert b"<script" not in body
    assert b"<html" not in body


def test_metadata_payloads_in_a_jpeg_do_not_survive(client, draft, author):
    raw = jpeg_with_payloads()
    assert raw.count(SCRIPT) >= 2
    client.force_login(author)
    assert upload(client, draft, raw, "photo.jpg", "image/jpeg").status_code == 302
    response, body = served(client, CaseImage.objects.get(case=draft))
    assert_served_safely(response, "image/jpeg")
    assert b"alert" not in body
    assert b"Exif" not in body


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (SVG, "chart.png", "not an image we can read"),
        (b"<!doctype html><html>" + SCRIPT, "photo.jpg", "not an image we can read"),
        (gif_js_polyglot(), "anim.png", "Only JPEG, PNG and WebP"),
        (png_bytes((300, 300))[:200], "cut.png", "damaged"),
        (bomb(), "bomb.png", "too large"),
        (b"%PDF-1.7\n" + SCRIPT, "leaflet.png", "not an image we can read"),
    ],
    ids=["svg-renamed-png", "html-renamed-jpg", "gif-js-polyglot", "truncated", "bomb", "pdf"],
)
def test_hostile_files_are_refused_on_the_field_and_nothing_is_stored(
    client, draft, author, storage_roots, data, name, message
):
    client.force_login(author)
    response = upload(client, draft, data, name)
    assert response.status_code == 200
    errors = response.context["form"].errors["image"]
    assert any(message in error for error in errors), errors
    assert response.context["form"]["alt_text"].value() == "A tracing"  # nothing retyped
    assert not CaseImage.objects.filter(case=draft).exists()
    assert not any((storage_roots / "cases").rglob("*.*"))


def test_an_oversize_file_is_refused_before_it_is_decoded(client, draft, author):
    client.force_login(author)
    response = upload(client, draft, png_bytes() + b"\0" * (10 * 1024 * 1024 + 1), "big.png")
    assert response.status_code == 200
    assert "larger than 10 MB" in " ".join(response.context["form"].errors["image"])
    assert not CaseImage.objects.filter(case=draft).exists()


def test_stored_names_are_random_whatever_the_upload_was_called(client, draft, author):
    client.force_login(author)
    for _ in range(2):
        upload(client, draft, png_bytes(), "Jane_Doe_MRN_1234567.png")
    names = [image.file.name for image in CaseImage.objects.filter(case=draft)]
    assert len(set(names)) == 2
    for name in names:
        stem = name.rsplit("/", 1)[-1].removesuffix(".png")
        assert "Jane" not in name
        assert "1234567" not in name
        assert re.fullmatch(r"[0-9a-f]{32}", stem)  # a uuid4 in hex


def test_an_avatar_polyglot_is_re_encoded_and_served_typed(client, author):
    client.force_login(author)
    polyglot = png_bytes((64, 64)) + b"<html>" + SCRIPT
    response = client.post(
        "/settings/profile/",
        {
            "display_name": "Author",
            "avatar_upload": SimpleUploadedFile("me.png", polyglot, content_type="image/png"),
        },
    )
    assert response.status_code == 302
    author.profile.refresh_from_db()
    name = author.profile.avatar.name
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert stem != "me"
    assert len(stem) >= 16  # secrets.token_urlsafe(12), not the upload's name
    client.logout()
    response = client.get(f"/avatars/{author.pk}/{name.rsplit('/', 1)[-1]}")
    assert response.status_code == 200
    assert_served_safely(response, "image/png")
    body = b"".join(response.streaming_content)
    assert b"<script" not in body
    assert b"<html" not in body


def test_verification_evidence_downloads_as_an_attachment_to_moderators_only(client, mfa_moderator):
    from accounts import verification

    member = UserFactory()
    pdf = b"%PDF-1.4\n1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n%%EOF"
    req = verification.request_verification(
        member,
        registration_number="GMC 7654321",
        registering_body="GMC",
        country="GB",
        evidence=verification.clean_evidence(pdf),
    )
    url = f"/settings/verification/{req.pk}/evidence"
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(mfa_moderator)
    response = client.get(url)
    assert response.status_code == 200
    assert_served_safely(response, "application/pdf")
    assert response["Content-Disposition"] == f'attachment; filename="verification-{req.pk}.pdf"'
    assert response["Cache-Control"] == "private, no-store"
