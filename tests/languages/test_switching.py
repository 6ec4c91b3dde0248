"""Which language a page is written in: the member's choice, the switcher's, the browser's."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HTML_LANG = re.compile(r'<html lang="([^"]+)" dir="(ltr|rtl)">')


def language_of(response) -> tuple[str, str, str]:
    """(the html element's lang, its dir, the Content-Language header)."""
    found = HTML_LANG.search(response.content.decode())
    assert found, "no <html lang dir>"
    return found[1], found[2], response["Content-Language"]


def test_a_visitor_reads_the_language_their_browser_asks_for(client):
    assert language_of(client.get("/forums/")) == ("en", "ltr", "en")
    response = client.get("/forums/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5")
    assert language_of(response) == ("es", "ltr", "es")
    assert "Accept-Language" in response["Vary"]
    # A language Rounds is not written in falls back to English.
    assert language_of(client.get("/forums/", HTTP_ACCEPT_LANGUAGE="de-DE"))[0] == "en"


def test_the_switcher_is_a_form_reached_from_every_page_footer(client):
    home = client.get("/").content.decode()
    assert 'href="/language/"' in home
    page = client.get("/language/", HTTP_REFERER="http://testserver/forums/?page=2")
    html = page.content.decode()
    assert 'action="/language/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="next" value="/forums/?page=2"' in html
    # Every language, named in its own words, one of them chosen.
    assert 'value="es"' in html
    assert ">Español<" in html
    assert ">English<" in html
    assert re.search(r'value="en" checked', html)


def test_a_visitor_switches_with_a_csrf_checked_post_and_the_choice_sticks():
    client = Client(enforce_csrf_checks=True)
    form = client.get("/language/")
    token = form.cookies["csrftoken"].value
    refused = client.post("/language/", {"language": "es", "next": "/forums/"})
    assert refused.status_code == 403
    response = client.post(
        "/language/", {"language": "es", "next": "/forums/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert response["Location"] == "/forums/"
    assert response.cookies["django_language"].value == "es"
    # The cookie beats the browser's language.
    assert language_of(client.get("/forums/", HTTP_ACCEPT_LANGUAGE="en"))[0] == "es"


def test_a_members_saved_language_beats_the_cookie_and_the_browser(client):
    member = UserFactory(language="es")
    client.force_login(member)
    client.cookies["django_language"] = "en"
    response = client.get("/settings/preferences/", HTTP_ACCEPT_LANGUAGE="en")
    assert language_of(response) == ("es", "ltr", "es")


def test_a_member_without_a_choice_follows_the_browser(client):
    client.force_login(UserFactory(language=""))
    assert language_of(client.get("/forums/", HTTP_ACCEPT_LANGUAGE="es"))[0] == "es"
    assert language_of(client.get("/forums/", HTTP_ACCEPT_LANGUAGE="en"))[0] == "en"


def test_a_member_who_switches_saves_the_choice_for_every_session(client):
    member = UserFactory(language="")
    client.force_login(member)
    other_device = Client()
    other_device.force_login(member)
    other_device.get("/forums/")  # its session snapshot of the member is taken
    client.post("/language/", {"language": "es", "next": "/"})
    member.refresh_from_db()
    assert member.language == "es"
    assert language_of(other_device.get("/forums/", HTTP_ACCEPT_LANGUAGE="en"))[0] == "es"


def test_the_members_language_costs_no_query(client, settings):
    """The choice rides on the member's row, which comes with the session: a page reads the
    same number of queries whatever the member chose."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    member = UserFactory(language="")
    client.force_login(member)

    def queries() -> int:
        client.get("/settings/preferences/")  # the snapshot is (re)taken
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/settings/preferences/").status_code == 200
        return len(captured)

    before = queries()
    User.objects.filter(pk=member.pk).update(language="es")
    assert queries() == before


@pytest.mark.parametrize(
    "value",
    [
        "//evil.example.org/",
        "https://evil.example.org/",
        "javascript:alert(1)",
        "/\x00/",
        "///evil.example.org",
        "\xff",
        "x" * 5000,
        "",
    ],
)
def test_a_hostile_way_back_is_never_followed_and_never_fails(client, value):
    page = client.get("/language/", {"next": value}, HTTP_REFERER=value)
    assert page.status_code == 200
    assert 'name="next" value="/"' in page.content.decode()
    response = client.post("/language/", {"language": "es", "next": value})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("value", ["xx", "", "es-ES-x-" + "a" * 3000, "\xff", "../../etc"])
def test_a_hostile_language_is_ignored(client, value):
    member = UserFactory(language="es")
    client.force_login(member)
    response = client.post("/language/", {"language": value, "next": "/"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.language == "es"
    assert "django_language" not in response.cookies


def test_the_script_catalog_follows_the_language_and_may_be_cached(client):
    english = client.get("/jsi18n/")
    assert english.status_code == 200
    assert "public" in english["Cache-Control"]
    assert "max-age=3600" in english["Cache-Control"]
    assert "Accept-Language" in english["Vary"]
    assert "Cookie" in english["Vary"]
    spanish = client.get("/jsi18n/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Buscar por ciudad o regi\\u00f3n" in spanish  # JSON-escaped
