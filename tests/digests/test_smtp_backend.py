"""``config.mail.SMTPBackend``: Django's SMTP backend with each envelope address parsed once.
Sent through a real SMTP server on localhost, the envelopes are what Django's own backend
gives, message after message, for plain, named, non-ASCII and international addresses."""

from __future__ import annotations

from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.smtp import EmailBackend

from config.mail import SMTPBackend, _envelope_address

ADDRESSES = [
    ("Rounds <noreply@rounds.example.org>", "ada@example.org"),
    ("noreply@rounds.example.org", "Zoë Ødegård <zoe@example.org>"),
    ('"Dr. O\'Brien, MD" <obrien@example.org>', "müller@bücher.example"),
]


def _send(backend: str, smtp_server) -> list[tuple[str, list[str]]]:
    before = len(smtp_server.envelopes)
    connection = get_connection(backend)
    for _round in range(2):  # the second time, every address comes from the cache
        for sender, recipient in ADDRESSES:
            EmailMessage("Hi", "Text", sender, [recipient], connection=connection).send()
    return smtp_server.envelopes[before:]


def test_envelopes_are_the_ones_djangos_backend_gives(smtp_settings):
    _envelope_address.cache_clear()
    ours = _send("config.mail.SMTPBackend", smtp_settings)
    django = _send("django.core.mail.backends.smtp.EmailBackend", smtp_settings)
    assert ours == django
    assert ours[0] == ("noreply@rounds.example.org", ["ada@example.org"])
    assert ours[2][1][0].endswith("@xn--bcher-kva.example")  # the domain in IDNA
    assert len(smtp_settings.messages) == 12
    # Parsed once per address and charset: six distinct addresses, then the cache.
    assert _envelope_address.cache_info().misses == 6
    assert _envelope_address.cache_info().hits == 6
    assert issubclass(SMTPBackend, EmailBackend)
