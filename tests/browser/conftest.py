"""Browser journeys; the fixtures are in tests/fixtures/browser.py."""

import pytest

# Every HTML page the live server sent during the journeys ("GET /path" -> HTML), validated at
# the end of the run by test_html_validity.py.
PAGES: dict[str, str] = {}
LAST = "test_every_page_the_journeys_visited_is_valid_html"
FRAGMENT_PAGE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A fragment</title>'
    "</head><body>{}</body></html>"
)


@pytest.hookimpl(trylast=True)  # after any reordering plugin, so the check still comes last
def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: item.name == LAST)


@pytest.fixture(scope="session", autouse=True)
def record_pages():
    """Keep the first HTML page served for each method and path (Django admin left out).

    Only what the live server sends to the browser: once patched, the handler stays patched for
    the rest of the session, and pages the test client fetches elsewhere (the hostile-input
    walk's garbage filters among them) are not journeys.
    """
    from django.core.handlers.base import BaseHandler
    from django.test.client import ClientHandler

    original = BaseHandler.get_response

    def get_response(self, request):
        response = original(self, request)
        if (
            not isinstance(self, ClientHandler)
            and response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith("/admin/")
        ):
            html = response.content.decode()
            if html.lstrip()[:9].lower() != "<!doctype":
                # A fragment a script swaps into its page (a poll after a vote, poll.js): it is
                # checked inside a minimal document of its own.
                html = FRAGMENT_PAGE.format(html)
            PAGES.setdefault(f"{request.method} {request.get_full_path()}", html)
        return response

    BaseHandler.get_response = get_response
    yield PAGES
    BaseHandler.get_response = original
