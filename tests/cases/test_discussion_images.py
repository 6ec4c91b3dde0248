"""Images added in a case discussion's composer are read for patient identifiers before they
can be posted (issue 22 with issue 18's ``find_image_identifiers``), through forums' image-check
registry: forums never imports cases. With the real tesseract and OpenCV."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image, ImageDraw

from cases.images import ocr as ocr_module
from cases.management.image_samples import font
from forums.models import Post, PostImage
from tests.factories import make_thread

pytestmark = pytest.mark.django_db

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract is not installed (make tesseract)"
)


def _picture(text: str = "") -> io.BytesIO:
    img = Image.new("RGB", (900, 300), (250, 250, 250))
    if text:
        ImageDraw.Draw(img).text((40, 120), text, font=font(36), fill=(0, 0, 0))
    out = io.BytesIO()
    img.save(out, "PNG")
    out.seek(0)
    out.name = "ward.png"
    return out


def _upload(client, thread, picture):
    return client.post(
        "/compose/images/",
        {"thread": thread.pk, "alt_text": "The monitor at admission", "image": picture},
    )


@needs_tesseract
def test_an_image_with_a_name_is_refused_in_a_case_discussion(client, reader, published):
    client.force_login(reader)
    response = _upload(client, published.thread, _picture("John Smith MRN 48213377"))
    assert response.status_code == 400
    error = response.json()["error"]
    assert "may identify a patient" in error
    assert "Smith" in error or "48213377" in error
    assert not PostImage.objects.exists()


@needs_tesseract
def test_a_clean_image_is_posted_in_a_case_discussion_from_the_case_page(client, reader, published):
    client.force_login(reader)
    response = _upload(client, published.thread, _picture())
    assert response.status_code == 201, response.content
    markdown = response.json()["markdown"]
    posted = client.post(f"/cases/{published.pk}/reply/", {"body": f"Ours:\n\n{markdown}"})
    assert posted.status_code == 302
    post = Post.objects.get(thread=published.thread, number=2)
    image = PostImage.objects.get()
    assert image.post == post
    assert f'src="{image.get_absolute_url()}"' in post.html


def test_without_the_ocr_engine_a_case_discussion_refuses_images(
    client, reader, published, monkeypatch
):
    # The one thing replaced: the path to the tesseract program, as on a machine without it.
    monkeypatch.setattr(ocr_module.pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tess")
    client.force_login(reader)
    response = _upload(client, published.thread, _picture())
    assert response.status_code == 400
    assert "cannot be checked for patient identifiers" in response.json()["error"]
    # An ordinary thread does not ask the scanner at all.
    assert _upload(client, make_thread(), _picture("John Smith")).status_code == 201
