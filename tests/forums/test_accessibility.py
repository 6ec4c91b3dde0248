"""Every visible form control on the forum pages has a label; scripts are static files (and
the JavaScript translation catalog)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from forums import posting
from tests.factories import CategoryFactory, make_thread

pytestmark = pytest.mark.django_db


class _Controls(HTMLParser):
    def __init__(self):
        super().__init__()
        self.labelled: set[str] = set()
        self.controls: list[tuple[str, str]] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "label" and attributes.get("for"):
            self.labelled.add(attributes["for"])
        if tag in {"input", "textarea", "select"} and attributes.get("type") not in {
            "hidden",
            "submit",
        }:
            self.controls.append((tag, attributes.get("id", "")))
        if tag == "script":
            self.scripts.append(attributes.get("src", ""))


def test_forum_pages_label_every_control_and_load_only_static_scripts(auth_client, user):
    forum = CategoryFactory(slug="cardio")
    thread = make_thread(category=forum, author=user, replies=2, tags=["ecg"])
    posting.save_draft(user=user, category=forum, title="t", body="b")
    base = thread.get_absolute_url()
    for url in [
        "/",
        "/forums/cardio/",
        "/forums/cardio/new/",
        base,
        f"{base}reply/?quote=2",
        f"{base}1/edit/",
        "/notifications/",
        "/settings/following/",
        "/tags/ecg/",
    ]:
        parser = _Controls()
        parser.feed(auth_client.get(url).content.decode())
        for tag, control_id in parser.controls:
            assert control_id in parser.labelled, (url, tag, control_id)
        for src in parser.scripts:
            if src == reverse("javascript-catalog"):
                # The scripts' words (Django's JavaScript catalog): a script file too, written
                # from the translation catalogs, from this origin (strict CSP holds).
                continue
            assert src.startswith(settings.STATIC_URL), (url, src)
            path = Path(settings.BASE_DIR, "static", src.removeprefix(settings.STATIC_URL))
            assert path.is_file(), src
