"""DKIM (issue 23, "Headers"): with a key configured, every email is signed, and dkimpy
verifies the signature against that key's public half, as a receiver would from DNS; what a
relay may re-fold still verifies, a changed subject does not. Without a key nothing is signed."""

from __future__ import annotations

import base64

import dkim
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core import mail

from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def dkim_key(settings, tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    path = tmp_path / "dkim.pem"
    path.write_bytes(pem)
    settings.DKIM_PRIVATE_KEY = str(path)  # a path to the PEM file, as production mounts it
    settings.DKIM_SELECTOR = "rounds2026"
    settings.DKIM_DOMAIN = "rounds.example.org"
    public = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)


def _dns(record):
    def lookup(name, timeout=5):
        assert name == b"rounds2026._domainkey.rounds.example.org."
        return record

    return lookup


def test_emails_are_signed_and_verify_against_the_configured_key(
    dkim_key, smtp_settings, django_capture_on_commit_callbacks
):
    UserFactory(handle="reader", email="reader@example.org", display_name="Reader")
    poster = UserFactory(handle="poster", display_name="Dr Poster", professional=True)
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(category=CategoryFactory(), author=poster, title="Q&A “QT”", body="@reader")

    (received,) = smtp_settings.messages
    raw = received.as_bytes().replace(b"\n", b"\r\n")
    assert received["DKIM-Signature"].startswith("v=1;")
    assert "d=rounds.example.org" in received["DKIM-Signature"]
    assert dkim.verify(raw, dnsfunc=_dns(dkim_key))
    tampered = raw.replace(b"Subject: ", b"Subject: Fwd: ", 1)
    assert not dkim.verify(tampered, dnsfunc=_dns(dkim_key))


def test_nothing_is_signed_without_a_key(settings, django_capture_on_commit_callbacks):
    settings.DKIM_PRIVATE_KEY = ""
    UserFactory(handle="reader", email="reader@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(category=CategoryFactory(), body="Hi @reader")

    (message,) = mail.outbox
    assert "DKIM-Signature" not in message.message()
