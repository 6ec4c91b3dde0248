"""Moderators see what they approve (issue 18, parts 3 and 5), through the admin as a moderator
(not a superuser): images held because their text could not be read form a queue (dashboard,
list filter with counts, a column, the review page), and the review page shows every image's
findings with the reason each kept one was kept, and redacts or removes an image."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image, ImageDraw

from cases import moderation
from cases.images import add_case_image, findings_of, review_case_image
from cases.images import ocr as ocr_module
from cases.management.image_samples import font
from cases.models import CaseImage, ImageCheck
from tests.cases.conftest import make_case, submit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract is not installed (make tesseract)"
)


@pytest.fixture
def moderator_client(client, mfa_moderator):
    """A moderator holding exactly the group's permissions (a flushed test DB lost them)."""
    from accounts.roles import grant_to_moderators
    from cases.admin import MODERATOR_PERMISSIONS
    from forums.posting.moderation import ensure_moderator_permissions

    ensure_moderator_permissions()
    grant_to_moderators(app_label="cases", codenames=MODERATOR_PERMISSIONS)
    assert not mfa_moderator.is_superuser
    client.force_login(mfa_moderator)
    return client


def _label(text="John Smith MRN 48213377") -> bytes:
    img = Image.new("RGB", (900, 300), (250, 250, 250))
    ImageDraw.Draw(img).text((40, 120), text, font=font(36), fill=(0, 0, 0))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _plain() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (180, 200, 220)).save(out, "PNG")
    return out.getvalue()


def _line(response, label):
    return next(line for line in response.context["queues"] if line.label == label)


def test_held_images_are_a_queue_a_moderator_works_through_in_admin(
    moderator_client, author, monkeypatch
):
    # The one thing replaced: the path to tesseract, as on a server without it.
    monkeypatch.setattr(ocr_module.pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tess")
    waiting = make_case(author, title="Collapse in a swimmer")
    held = add_case_image(waiting, by=author, data=_label(), alt_text="Ward label")
    add_case_image(waiting, by=author, data=_label(), alt_text="Second label")
    submit(waiting, author)
    plain = make_case(author, title="Palpitations at rest")
    submit(plain, author)
    draft = make_case(author, title="Still a draft")  # still the author's: not queued yet
    add_case_image(draft, by=author, data=_label(), alt_text="Draft label")

    dashboard = moderator_client.get("/admin/")
    line = _line(dashboard, "Case images held for a moderator")
    assert line.count == 2
    assert line.url == "/admin/cases/case/?images=held"

    listing = moderator_client.get(line.url)
    assert listing.status_code == 200
    assert moderator_client.get("/admin/cases/case/?images=%00nonsense").status_code == 200
    assert [case.pk for case in listing.context["cl"].result_list] == [waiting.pk]
    html = listing.content.decode()
    assert "held for a moderator (1)" in html  # cases, not images
    assert "Images held for you" in html  # the column
    everything = moderator_client.get("/admin/cases/case/")
    counts = {case.pk: case.held_count for case in everything.context["cl"].result_list}
    assert counts[waiting.pk] == 2
    assert counts[plain.pk] == 0

    review_url = f"/admin/cases/case/{waiting.pk}/review/"
    review = moderator_client.get(review_url).content.decode()
    assert "Images held for you" in review
    assert "2 images could not be read automatically" in review
    assert review.count("Held for you: its text could not be read") == 2

    # The moderator looks and applies (no boxes) on one, and removes the other.
    for image in waiting.images.all():
        base = f"/admin/cases/case/{waiting.pk}/images/{image.pk}"
        if image.pk == held.pk:
            response = moderator_client.post(
                f"{base}/review/?from=review", {"version": image.file.name, "boxes": ""}
            )
        else:
            response = moderator_client.post(f"{base}/remove/?from=review")
        assert response.status_code == 302
        assert response["Location"] == review_url
    held.refresh_from_db()
    assert held.check_state == ImageCheck.CLEAR
    assert list(waiting.images.all()) == [held]
    assert _line(moderator_client.get("/admin/"), "Case images held for a moderator").count == 0
    assert "held for a moderator (0)" in moderator_client.get(line.url).content.decode()


@needs_tesseract
def test_the_review_page_shows_each_image_finding_with_the_reason_it_was_kept(
    client, moderator_client, mfa_moderator, author
):
    case = make_case(author)
    image = add_case_image(case, by=author, data=_label(), alt_text="Ward label")
    assert image.check_state == ImageCheck.OPEN
    keys = [finding.key for finding, _ in findings_of(image)]
    assert keys
    review_case_image(image, by=author, keep={key: "A made-up training label" for key in keys})
    other = add_case_image(case, by=author, data=_plain(), alt_text="Echo still")
    submit(case, author)

    url = f"/admin/cases/case/{case.pk}/review/"
    html = moderator_client.get(url).content.decode()
    assert html.count("A made-up training label") >= 2 * len(keys)  # table and form
    assert "“John Smith" in html or "“Smith" in html
    assert "The check found no names, numbers, dates or faces in this image." in html

    # While another moderator holds the review, this one still reads every finding and reason.
    colleague = UserFactory(is_staff=True, handle="mod_two", email="two@example.org")
    colleague.groups.add(*mfa_moderator.groups.all())
    moderation.release_case(case, by=mfa_moderator)
    moderation.claim_case(case, by=colleague)
    html = moderator_client.get(url).content.decode()
    assert "Being reviewed by @mod_two" in html
    assert "A made-up training label" in html
    assert (
        'action="/admin/cases/case/' not in html.split('id="case-images"')[1].split("</section>")[0]
    ), "no redaction form without the claim"
    moderator_client.post(url, {"do": "take_over"})

    # Redact the kept finding there after all: the pixels go, the file is new.
    image.refresh_from_db()
    old_name = image.file.name
    black_out = {f"action_{i}": "redact" for i in range(len(findings_of(image)))}
    response = moderator_client.post(
        f"/admin/cases/case/{case.pk}/images/{image.pk}/review/?from=review",
        {"version": old_name, "boxes": "", **black_out},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.file.name != old_name
    assert image.check_state == ImageCheck.CLEAR
    assert findings_of(image) == []
    response = moderator_client.post(
        f"/admin/cases/case/{case.pk}/images/{other.pk}/remove/?from=review"
    )
    assert response["Location"] == url
    assert not CaseImage.objects.filter(pk=other.pk).exists()
