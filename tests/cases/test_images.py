"""Case images: shared cleaning plus case rules, private storage, permission-checked serving."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cases.images import MAX_IMAGES_PER_CASE, add_case_image, clean_image
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (40, 20), (10, 120, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "CameraMaker"
    exif.get_ifd(0x8825)[2] = (51.0, 30.0, 0.0)
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif, comment=b"Ward 7 bed 3")
    return out.getvalue()


def _png(size=(8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size).save(out, "PNG")
    return out.getvalue()


def _bomb() -> bytes:
    """A tiny file that claims 20000 x 20000 pixels (PNG compresses the blank pixels away)."""
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, "PNG")
    return out.getvalue()


def test_case_images_lose_metadata_and_are_turned_upright(draft, author, private_images):
    image = add_case_image(draft, by=author, data=_jpeg_with_gps(), alt_text="Lateral ECG")
    stored = image.file.read()
    assert b"CameraMaker" not in stored
    assert b"Ward 7" not in stored
    assert b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as img:
        assert img.size == (20, 40)
        assert not img.getexif()
    assert image.content_type == "image/jpeg"
    path = private_images / image.file.name
    assert path.exists(), "stored under the private root, not MEDIA_ROOT"
    assert "Lateral" not in image.file.name


def test_decompression_bombs_and_non_images_are_refused(draft, author):
    bomb = _bomb()
    assert len(bomb) < 200_000
    with pytest.raises(ValidationError):
        add_case_image(draft, by=author, data=bomb, alt_text="x")
    with pytest.raises(ValidationError):
        clean_image(b"<svg onload='alert(1)'/>")
    assert not draft.images.exists()


def test_alt_text_is_required(draft, author):
    with pytest.raises(ValidationError, match="alt text"):
        add_case_image(draft, by=author, data=_png(), alt_text="  ")


def test_a_case_holds_at_most_ten_images(draft, author):
    for i in range(MAX_IMAGES_PER_CASE):
        add_case_image(draft, by=author, data=_png(), alt_text=f"Image {i}")
    with pytest.raises(ValidationError, match="at most 10"):
        add_case_image(draft, by=author, data=_png(), alt_text="Eleventh")
    assert draft.images.count() == MAX_IMAGES_PER_CASE


def test_the_upload_form_shows_the_refusal_on_the_field_and_keeps_the_alt_text(
    client, draft, author
):
    client.force_login(author)
    response = client.post(
        f"/cases/{draft.pk}/images/",
        {"image": SimpleUploadedFile("scan.gif", b"GIF89a" + b"\0" * 50), "alt_text": "Chest film"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["image"]
    assert 'value="Chest film"' in response.content.decode()


def test_images_are_served_only_to_those_who_may_see_the_case(
    client, published, author, reader, member, moderator
):
    image = add_case_image(published, by=author, data=_png(), alt_text="Echo still")
    url = image.get_absolute_url()
    assert url.startswith(f"/cases/{published.pk}/images/{image.pk}/?v=")
    for who, status in ((None, 404), (member, 404), (reader, 200), (author, 200), (moderator, 200)):
        client.logout()
        if who:
            client.force_login(who)
        response = client.get(url)
        assert response.status_code == status, who
        if status == 200:
            assert response["Content-Type"] == "image/png"
            assert response["Cache-Control"] == "private, no-store"
            assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_images_of_a_draft_are_served_to_its_author_only(client, draft, author, reader):
    image = add_case_image(draft, by=author, data=_png(), alt_text="Rash")
    client.force_login(reader)
    assert client.get(image.get_absolute_url()).status_code == 404
    client.force_login(author)
    assert client.get(image.get_absolute_url()).status_code == 200


def test_an_image_cannot_be_fetched_through_another_case(client, published, draft, author):
    image = add_case_image(draft, by=author, data=_png(), alt_text="Rash")
    client.force_login(UserFactory(professional=True))
    assert client.get(f"/cases/{published.pk}/images/{image.pk}/").status_code == 404


def test_case_images_have_no_public_media_url(draft, author):
    image = add_case_image(draft, by=author, data=_png(), alt_text="Rash")
    with pytest.raises(ValueError, match="no public URL"):
        image.file.url  # noqa: B018 - the property access is what is tested
