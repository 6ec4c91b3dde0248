"""Rounds in Spanish and right to left, in Chromium (issue 27).

Screenshots: tests/_screenshots/es-<page>-<phone|desktop>-light.png for the main pages in
Spanish, rtl-<page>-... for the right-to-left test locale.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accounts.models import Preferences, User
from tests.browser.axe import serious_violations
from tests.browser.helpers import publish_case, scrolls_sideways
from tests.factories import PASSWORD, CategoryFactory, UserFactory, make_thread
from tests.fixtures.browser import SETTLED, VIEWPORTS, save_screenshot

pytestmark = pytest.mark.django_db(transaction=True)

TEST_LOCALE = Path(__file__).resolve().parents[1] / "languages" / "locale"


def shoot(page, name: str) -> list[str]:
    """Screenshots at both widths; what axe or the width check finds, as problems."""
    problems = []
    for label, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        page.evaluate(SETTLED)
        save_screenshot(page, name, label, "light")
        if found := serious_violations(page):
            problems.append(f"{name} at {label} width: axe {found}")
        if overflow := scrolls_sideways(page):
            problems.append(f"{name} at {label} width scrolls sideways by {overflow}px")
    page.set_viewport_size(VIEWPORTS["desktop"])
    return problems


def sign_in_in_spanish(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_url(re.compile(r"/$"))


@pytest.fixture
def site(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    forum = CategoryFactory(name="Cardiología", slug="cardiologia", description="ECG y arritmias.")
    thread = make_thread(
        category=forum,
        title="Taquicardia de QRS ancho",
        body="> ¿TV hasta que se demuestre lo contrario?\n\nEstable, 170 lpm. ¿Qué criterios usan?",
        replies=2,
        tags=["ecg"],
    )
    member = UserFactory(professional=True, email="lucia@example.org", handle="dra_lucia")
    case = publish_case(member, title="Síncope de esfuerzo en un corredor")
    return {"forum": forum, "thread": thread, "member": member, "case": case}


def test_the_main_pages_read_in_spanish(browser, live_server, site):
    context = browser.new_context(base_url=live_server.url, locale="es-ES")
    page = context.new_page()
    problems: list[str] = []
    visitor = {
        "home": ("/", "Aprender de los casos de los colegas"),
        "forum": (site["forum"].get_absolute_url(), "2 respuestas"),
        "thread": (site["thread"].get_absolute_url(), "Inicie sesión para responder"),
        "search": ("/search/?q=taquicardia", "Buscar en hilos y publicaciones"),
        "signup": ("/accounts/signup/", "Zona horaria"),
        "language": ("/language/", "Usar este idioma"),
    }
    for name, (url, words) in visitor.items():
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "es", name
        assert page.locator("html").get_attribute("dir") == "ltr", name
        assert words in page.content(), name
        problems += shoot(page, f"es-{name}")
    sign_in_in_spanish(page, site["member"].email)
    member = {
        "case": (site["case"].get_absolute_url(), "Discusión"),
        "composer": (site["forum"].get_absolute_url() + "new/", "Vista previa"),
        "preferences": ("/settings/preferences/", "Guardar preferencias"),
        "notifications": ("/notifications/", "Marcar todo como leído"),
    }
    for name, (url, words) in member.items():
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "es", name
        assert words in page.content(), name
        problems += shoot(page, f"es-{name}")
    # The composer's scripts take their words from the JavaScript catalog.
    page.goto(site["forum"].get_absolute_url() + "new/")
    assert page.evaluate("() => gettext('Draft saved')") == "Borrador guardado"
    context.close()
    assert problems == []


def test_a_visitor_switches_to_spanish_with_the_keyboard_and_back(browser, live_server, site):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.goto(site["thread"].get_absolute_url())
    page.get_by_role("link", name=re.compile("Language: English")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/language/")
    page.get_by_label("Español").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # to "Use this language"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{site['thread'].get_absolute_url()}")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("link", name="Foros").count() >= 1
    # Another page of the site, the choice kept (the cookie beats the browser's en-GB).
    page.goto("/forums/")
    assert page.locator("html").get_attribute("lang") == "es"
    context.close()


def test_sign_up_takes_the_devices_time_zone_and_the_list_can_be_searched(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="es-MX", timezone_id="America/Mexico_City"
    )
    page = context.new_page()
    page.goto("/accounts/signup/")
    zone = page.locator("#id_time_zone")
    assert zone.input_value() == "America/Mexico_City"
    assert "America/Mexico_City" in page.locator(".zone-note").inner_text()
    # Grouped by region, the group names in Spanish.
    groups = page.locator("#id_time_zone optgroup").evaluate_all("gs => gs.map(g => g.label)")
    assert {"América", "Europa", "África"} <= set(groups)
    # The finder narrows the list and picks the first zone it matches.
    page.get_by_label("Buscar por ciudad o región").fill("buenos aires")
    assert "Buenos_Aires" in zone.input_value()
    assert page.locator("#id_time_zone option:not([hidden])").count() <= 3
    page.get_by_label("Buscar por ciudad o región").fill("madrid")
    assert zone.input_value() == "Europe/Madrid"
    page.get_by_label("Correo electrónico").fill("nuria@example.org")
    page.get_by_label("Contraseña:", exact=True).fill(PASSWORD)
    page.get_by_label("Contraseña (de nuevo)").fill(PASSWORD)
    page.get_by_label("Alias").fill("dra_nuria")
    page.get_by_role("button", name="Registrarse").click()
    page.wait_for_url(re.compile("confirm-email|verification"))
    member = User.objects.get(email="nuria@example.org")
    assert Preferences.objects.get(user=member).time_zone == "Europe/Madrid"
    assert member.language == "es"  # signed up in Spanish: emails follow
    context.close()


def test_preferences_offer_the_devices_zone_in_one_click(browser, live_server):
    UserFactory(email="pablo@example.org", handle="pablo", language="es")
    context = browser.new_context(
        base_url=live_server.url, locale="es-ES", timezone_id="Europe/Madrid"
    )
    page = context.new_page()
    sign_in_in_spanish(page, "pablo@example.org")
    page.goto("/settings/preferences/")
    zone = page.locator("#id_time_zone")
    assert zone.input_value() == "UTC"  # saved: never changed behind the member's back
    offer = "Usar la zona horaria de este dispositivo: Europe/Madrid"
    page.get_by_role("button", name=offer).click()
    assert zone.input_value() == "Europe/Madrid"
    page.get_by_role("button", name="Guardar preferencias").click()
    page.wait_for_url("**/settings/preferences/")
    assert Preferences.objects.get(user__email="pablo@example.org").time_zone == "Europe/Madrid"
    context.close()


def test_without_javascript_the_zone_list_still_works(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, timezone_id="Asia/Tokyo"
    )
    page = context.new_page()
    page.goto("/accounts/signup/")
    zone = page.locator("#id_time_zone")
    assert zone.input_value() == "UTC"
    assert page.locator("#id_time_zone optgroup").count() >= 9
    assert page.get_by_label("Find by city or region").count() == 0
    zone.select_option("Asia/Tokyo")
    assert zone.input_value() == "Asia/Tokyo"
    context.close()


def test_a_right_to_left_language_mirrors_the_layout(browser, live_server, site, settings):
    """A test-only Hebrew catalog (tests/languages/locale): the page says dir="rtl", the
    logical CSS properties put the brand on the right and a handle's gap on its right, and a
    post written left to right (dir="auto") still reads left to right."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("he", "Hebrew")]
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS, TEST_LOCALE]
    context = browser.new_context(base_url=live_server.url, locale="he-IL")
    page = context.new_page()
    page.goto(site["thread"].get_absolute_url())
    html = page.locator("html")
    assert html.get_attribute("lang") == "he"
    assert html.get_attribute("dir") == "rtl"
    assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    assert page.get_by_role("link", name="פורומים").count() >= 1
    brand = page.locator(".brand").bounding_box()
    account = page.locator(".nav-account").bounding_box()
    assert brand["x"] > account["x"], "the brand starts the line: on the right"
    gap = page.locator(".member-name .handle").first.evaluate(
        "h => [getComputedStyle(h).marginRight, getComputedStyle(h).marginLeft]"
    )
    assert gap[0] != "0px", gap
    assert gap[1] == "0px", gap
    body = page.locator(".post-body").first
    assert body.evaluate("b => getComputedStyle(b).direction") == "ltr"
    rule = body.locator("blockquote").evaluate("q => getComputedStyle(q).borderLeftWidth")
    assert rule != "0px"
    problems = shoot(page, "rtl-thread")
    page.goto("/")
    problems += shoot(page, "rtl-home")
    context.close()
    assert problems == []
