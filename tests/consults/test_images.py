"""Images in private messages go through the image checks (issue 25 with the privacy issue's
image scanner, plugged in by cases with ``private=True``): with the real tesseract and OpenCV,
an image showing a name is refused, a clean one is stored, shown to the participants who can
see its message and to nobody else."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image, ImageDraw

from cases.management.image_samples import font
from forums.consults.models import Message, MessageImage
from tests.consults.helpers import conversation_between, pro
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("tesseract") is None, reason="tesseract is not installed (make tesseract)"
    ),
]


def _picture(text: str = "") -> io.BytesIO:
    img = Image.new("RGB", (900, 300), (250, 250, 250))
    if text:
        ImageDraw.Draw(img).text((40, 120), text, font=font(36), fill=(0, 0, 0))
    out = io.BytesIO()
    img.save(out, "PNG")
    out.seek(0)
    out.name = "tracing.png"
    return out


@pytest.fixture
def talk():
    doctor, member = pro(handle="dr_ada"), UserFactory(handle="sam")
    return doctor, member, conversation_between(doctor, member)


def _reply(client, conversation, picture, body="Here it is", alt="A rhythm strip"):
    return client.post(
        f"/messages/{conversation.pk}/reply/", {"body": body, "image": picture, "alt_text": alt}
    )


def test_an_image_that_may_identify_a_patient_is_refused_and_the_text_kept(client, talk):
    doctor, _member, conversation = talk
    client.force_login(doctor)
    response = _reply(client, conversation, _picture("John Smith MRN 48213377"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "This is a private message and the image may identify a patient" in html
    assert "Here it is</textarea>" in html
    assert not MessageImage.objects.exists()
    assert Message.objects.count() == 1


def test_a_clean_image_is_sent_and_shown_to_the_participants_only(client, talk):
    doctor, member, conversation = talk
    client.force_login(doctor)
    assert _reply(client, conversation, _picture()).status_code == 302
    image = MessageImage.objects.get()
    message = Message.objects.get(number=2)
    assert image.message == message
    assert f'src="{image.get_absolute_url()}"' in message.html
    assert client.get(image.get_absolute_url()).status_code == 200
    client.force_login(member)
    response = client.get(image.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(UserFactory())
    assert client.get(image.get_absolute_url()).status_code == 404


def test_an_image_without_a_description_is_refused_by_name(client, talk):
    doctor, _member, conversation = talk
    client.force_login(doctor)
    response = _reply(client, conversation, _picture(), alt="")
    assert response.status_code == 400
    assert "Describe the image" in response.content.decode()
    assert not MessageImage.objects.exists()
