"""Spanish through the real entry points: pages, form errors, the scanner, emails, dates."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts import verification
from accounts.models import Preferences
from forums.mail import digests
from forums.posting import create_reply
from forums.posting.following import follow_category
from tests.cases.conftest import author, private_images, published, reader  # noqa: F401
from tests.digests.conftest import now, subscribe  # noqa: F401
from tests.factories import CategoryFactory, UserFactory, make_thread

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}


def test_a_form_error_is_in_spanish_names_the_field_and_keeps_the_text(client):
    member = UserFactory(language="es")
    client.force_login(member)
    response = client.post(
        "/settings/preferences/",
        {"digest_frequency": "daily", "digest_hour": "7", "time_zone": "Marte/Olimpo"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    # Django's own Spanish, tied to the zone field, the member's other answers kept.
    assert re.search(r'<select[^>]*name="time_zone"[^>]*aria-invalid="true"', html)
    assert "Escoja una opción válida" in html
    assert re.search(r'value="daily"[^>]*checked', html)
    visitor = Client()
    response = visitor.post(
        "/accounts/signup/",
        {"email": "x@example.org", "handle": "a!", "password1": "x", "password2": "x"},
        **SPANISH,
    )
    assert "Use de 3 a 30 letras, cifras o guiones bajos." in response.content.decode()
    assert 'value="x@example.org"' in response.content.decode()


def test_the_scanner_speaks_spanish_on_the_case_page(client, published, reader):  # noqa: F811
    reader.language = "es"
    reader.save(update_fields=["language"])
    client.force_login(reader)
    body = "Igual que un paciente que vi en St Mary's Hospital."
    response = client.post(f"/cases/{published.pk}/reply/", {"body": body})
    html = response.content.decode()
    assert "Posibles identificadores del paciente" in html
    # The kind of finding, a label of the scanner's, read in Spanish.
    assert "un lugar o una institución más pequeños que una provincia o estado" in html
    assert published.thread.posts.count() == 1


def test_dates_are_written_the_spanish_way(client):
    thread = make_thread(title="Fiebre y soplo")
    page = client.get(thread.get_absolute_url(), **SPANISH).content.decode()
    with translation.override("es"):
        written = date_format(timezone.localtime(thread.created_at), "SHORT_DATETIME_FORMAT")
        long_form = date_format(date(2026, 12, 5), "DATE_FORMAT")
        short_form = date_format(date(2026, 12, 5), "SHORT_DATE_FORMAT")
    assert written in page
    assert long_form == "5 de diciembre de 2026"
    assert short_form == "5 dic. 2026"
    with translation.override("en"):
        assert date_format(date(2026, 12, 5), "DATE_FORMAT") == "5 December 2026"


def test_the_verification_email_is_in_the_members_language_not_the_moderators(
    client, mfa_moderator, django_capture_on_commit_callbacks
):
    member = UserFactory(language="es", email="ana@example.org")
    request = verification.request_verification(
        member, registration_number="28/2812345", registering_body="ICOMEM", country="ES"
    )
    client.force_login(mfa_moderator)
    until = timezone.localdate() + timedelta(days=200)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/accounts/verificationrequest/{request.pk}/change/",
            {"decision": "approve", "decision_valid_until": until.isoformat()},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["ana@example.org"]
    assert "Ya está verificado" in message.subject
    with translation.override("es"):
        assert date_format(until, "DATE_FORMAT") in message.body
    assert "Un moderador ha comprobado su registro en ICOMEM" in message.body
    assert '<html lang="es" dir="ltr"' in message.alternatives[0][0]


def test_one_digest_run_writes_to_each_member_in_their_language(now):  # noqa: F811
    forum = CategoryFactory()
    spanish = subscribe(UserFactory(email="es@example.org", language="es"), now)
    english = subscribe(UserFactory(email="en@example.org", language=""), now)
    for member in (spanish, english):
        follow_category(forum, user=member)
    thread = make_thread(category=forum, title="Taquicardia de QRS ancho")
    create_reply(thread=thread, author=thread.author, body="Una respuesta")

    run = digests.send_digests("daily", now=now)

    assert run.sent == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "Su resumen diario" in by_address["es@example.org"].subject
    assert "eligió un resumen diario" in by_address["es@example.org"].body
    assert "Your daily digest" in by_address["en@example.org"].subject
    assert "Preferencias" not in by_address["en@example.org"].body
    assert Preferences.objects.get(user=spanish).digest_frequency == "daily"


def test_the_scanners_labels_follow_the_language_active_when_read():
    """A finding's label is looked up when it is shown, so one finding reads in the author's
    language on a Spanish page and in English in an English email."""
    from django.utils import translation

    from cases.deidentify import find_identifiers

    finding = next(f for f in find_identifiers("Seen by Mrs Okafor in clinic.") if f.kind == "NAME")
    assert finding.label == "a name"
    with translation.override("es"):
        assert finding.label == "un nombre"
