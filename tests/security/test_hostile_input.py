"""Hostile and careless input, on every URL of the site, as a visitor and as every role.

The URL list comes from the resolver (as in the access matrix, whose world and object states
this reuses): ``READS`` must name every pattern of our own apps with the query parameters its
view reads, or ``test_every_site_url_pattern_has_a_hostile_input_row`` fails. Each URL then
gets, per role:

- its path with each part replaced by NUL, invalid UTF-8 (a raw byte, as a WSGI server hands
  it over), numbers past PostgreSQL's bigint, negative numbers and overlong text;
- each query parameter it reads set to the same, plus malformed cursors and repeated keys,
  percent-encoded and as raw bytes in the WSGI environ;
- odd ``Accept-Language``, ``X-Forwarded-For`` and ``Cookie`` headers (every cookie the code
  reads, garbled), GET and POST, and posted fields made of the same garbage;
- odd ``Host`` headers (as a visitor and as a member: the host is checked before any role).

Nothing may answer 5xx. What the answer is otherwise (404, 400, a page with a message) is the
view's business and other tests' concern. Hypothesis then throws query strings at the pages
that read the most parameters.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.test_access_matrix import (
    SITE,
    fill,
    is_admin,
    is_allauth,
    site_patterns,
    url_patterns,
    world,  # noqa: F401 - the module-scoped world fixture, built once for this module too
)
from tests.security.world import ROLES, World

# The query parameters each view reads (request.GET), by URL name. A new URL needs a row, even
# an empty one, so that whoever adds it says what it reads.
SEARCH_PARAMS = ("q", "forum", "tag", "author", "type", "after", "before", "sort", "page")
CASE_LIST_PARAMS = ("page", "specialty", "tag", "status", "sort", "profession")
READS: dict[str, tuple[str, ...]] = {name: () for name in SITE} | {
    "forums:category": ("before", "profession"),
    "forums:tag": ("before",),
    "forums:thread": ("page",),
    "forums:notifications": ("page",),
    "forums:reply": ("quote",),
    "forums:similar_threads": ("title",),
    "forums:mentions": ("q", "thread", "forum"),
    "forums:search": SEARCH_PARAMS,
    "cases:list": CASE_LIST_PARAMS,
    "accounts:directory": (
        "q",
        "profession",
        "specialty",
        "career_stage",
        "country",
        "verified",
        "sort",
        "after",
    ),
    "accounts:followers": ("page",),
    "forums:home_following": ("before",),
    "learning:log": ("page",),
    "learning:summary": ("year",),
    # private consults (issue 25)
    "forums:consults": ("archived", "before"),
    "forums:consult_new": ("to", "post"),
    "forums:consult_search": ("q",),
    "forums:consult": ("before", "at", "quote"),
    "set_language": ("next",),
}

# Form fields the POST views read with request.POST.get (forms validate the rest).
POST_FIELDS = (
    "body",
    "title",
    "tags",
    "kind",
    "target",
    "reason",
    "action",
    "level",
    "tag",
    # the composer's image upload
    "alt_text",
    "thread",
    "forum",
    # a poll vote, and the composer's poll part (forums.pages.polls)
    *("choice", "poll-question", "poll-options", "poll-max_choices", "poll-closes_at"),
    # private consults: starting one, adding members, keeping findings, blocking
    *("to", "subject", "handles", "keep_key", "keep_reason", "next", "apply"),
    # the language switcher
    "language",
)

HUGE = "99999999999999999999"  # past bigint
LONG = "x" * 5000
# Values for any text: each is sent percent-encoded; "\udcff" stands for a raw 0xFF byte.
VALUES = (
    "a\x00b",
    "\x00",
    "\udcff",
    "%ff%fe",
    "-1",
    "0",
    HUGE,
    "-" + HUGE,
    "1e999",
    "NaN",
    "1.5",
    "",
    " ",
    LONG,
    "<script>",
    "٣",  # a digit Python's int() reads
    "²",  # a digit it does not
)
# Malformed cursors for ?before= (a forum's "Older threads" link: "<microseconds>.<id>").
BOLD_DIGITS = "\U0001d7cf.\U0001d7d0"  # digits to str.isdigit, not ASCII
CURSORS = ("1.2.3", f"{HUGE}.1", f"1.{HUGE}", "-1.-1", ".", "1.", "0.0", "1e9.1", BOLD_DIGITS)

# (Accept-Language, X-Forwarded-For, Cookie) sent together; a Cookie value is added to the
# role's own cookies, so a signed-in role stays signed in unless the garbage is its session.
HEADERS = (
    ("*", "not an address", "primary_until=abc"),
    ("zz-ZZ-ZZ;q=abc", "1.2.3.4, , ,", "primary_until=1e999; messages=garbage"),
    ("en;q=1e999, de;q=-1", "999.999.999.999", "primary_until=nan; messages=a:b:c"),
    ("a" * 5000, "x" * 5000, "sessionid=" + "x" * 5000),
    ("de-DE,\udcff;q=0.9", "\udcff", "csrftoken=\udcff; django_language=\udcff"),
    ("x-klingon", "::ffff:1.2.3.4, ::1", "sessionid=garbage; csrftoken=short"),
    (",,,;;;", "-1", ';;==;a="unterminated; forums_draft=%00'),
    ("en-GB-oxendict-x-private-and-more", "1.2.3.4:80", "django_language=xx; " + "a=b; " * 300),
)
HOSTS = ("evil.example.org", "", "127.0.0.1:0", "[::1", "a" * 1000, "host with space", "\udcff")


def raw(text: str) -> str:
    """``text`` as a WSGI server puts bytes in the environ (latin-1 code points); a surrogate
    stands for an undecodable byte."""
    return text.encode("utf-8", "surrogateescape").decode("latin-1")


def quoted(text: str) -> str:
    from urllib.parse import quote

    return quote(text.encode("utf-8", "surrogateescape"), safe="")


def cookie_header(client: Client, extra: str) -> str:
    own = "; ".join(f"{m.key}={m.coded_value}" for m in client.cookies.values())
    return "; ".join(part for part in (own, raw(extra)) if part)


def pages(world: World) -> Iterator[tuple[str, str, dict]]:  # noqa: F811 - the fixture's value
    """(URL name, route, kwargs) for one object state of every URL: the first of its row."""
    routes = site_patterns()
    for name, spec in sorted(SITE.items()):
        yield name, routes[name], spec.kwargs(world, next(iter(spec.rows)))


def path_for(route: str, kwargs: dict, *, replace: str = "", value: str = "") -> str:
    """The route filled with ``kwargs``, one of them (``replace``) swapped for ``value``."""

    def part(found: re.Match) -> str:
        key = found[1]
        return quoted(value) if key == replace else str(kwargs[key])

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", part, route)


def variants(route: str, kwargs: dict, params: tuple[str, ...]) -> Iterator[tuple[str, dict]]:
    """(label, request arguments) for one URL: path parts, query parameters, headers."""
    path = path_for(route, kwargs)
    for key in kwargs:
        for value in ("\x00", "\udcff", HUGE, "-1", LONG, "%ff"):
            changed = path_for(route, kwargs, replace=key, value=value)
            yield f"path {key}={value[:20]!r}", {"path": changed}
    for param in params:
        values = VALUES + (CURSORS if param == "before" else ())
        for value in values:
            yield f"?{param}={value[:20]!r}", {"path": f"{path}?{param}={quoted(value)}"}
        # Raw bytes in the query string, as a server passes them, and a repeated key.
        yield f"?{param}=<raw 0xff>", {"path": path, "QUERY_STRING": raw(f"{param}=\udcff")}
        yield f"?{param} twice", {"path": f"{path}?{param}=1&{param}={HUGE}"}
    for language, forwarded, cookie in HEADERS:
        yield (
            f"headers {language[:20]!r} {forwarded[:20]!r} {cookie[:30]!r}",
            {
                "path": path,
                "HTTP_ACCEPT_LANGUAGE": raw(language),
                "HTTP_X_FORWARDED_FOR": raw(forwarded),
                "cookie": cookie,
            },
        )


def send(client: Client, method: str, label: str, request: dict, body: bytes | None = None):
    """One request in a savepoint rolled back afterwards; the description of a 5xx, or None."""
    request = dict(request)
    path = request.pop("path")
    if "cookie" in request:
        request["HTTP_COOKIE"] = cookie_header(client, request.pop("cookie"))
    if body is not None:
        request.update(data=body, content_type="application/x-www-form-urlencoded")
    # A garbled session cookie may sign the role out (the answer deletes the cookie): each
    # request starts from the role's own cookies again.
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            response = getattr(client, method)(path, **request)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    if response.status_code < 500:
        return None
    error = getattr(response, "exc_info", None)
    cause = f" ({error[0].__name__}: {error[1]})" if error else ""
    return f"{method.upper()} {path[:120]} [{label}]: {response.status_code}{cause}"


def test_every_site_url_pattern_has_a_hostile_input_row():
    missing = sorted(set(site_patterns()) - set(READS))
    stale = sorted(set(READS) - set(site_patterns()))
    assert not missing, f"say which query parameters these views read (READS): {missing}"
    assert not stale, f"these URLs are gone; remove them from READS: {stale}"


@override_settings(ROOT_URLCONF="tests.security.extra_urls")
def test_a_new_view_without_a_hostile_input_row_is_caught():
    assert sorted(set(site_patterns()) - set(READS)) == ["surprise"]


@pytest.fixture
def shared_pages():
    """Visitors' pages come from the shared cache in production: take that path too."""
    with override_settings(VISITOR_PAGE_SECONDS=30):
        yield
    cache.clear()


GARBAGE_FORMS = (
    {field: "a\x00b" for field in POST_FIELDS},
    {field: HUGE for field in POST_FIELDS},
    {field: LONG for field in POST_FIELDS},
)
RAW_FORM = "&".join(f"{field}=%ff%00{HUGE}" for field in POST_FIELDS).encode()


# A 5000-character session cookie makes a long cache key: harmless with Redis and locmem.
@pytest.mark.filterwarnings("ignore::django.core.cache.backends.base.CacheKeyWarning")
@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_no_hostile_input_gets_a_server_error(world, role, shared_pages):  # noqa: F811
    client = world.clients[role]
    failures = []
    for name, route, kwargs in pages(world):
        for label, request in variants(route, kwargs, READS[name]):
            failures.append(send(client, "get", f"{name} {label}", request))
            if label.startswith("headers"):
                failures.append(send(client, "post", f"{name} {label}", request))
        path = path_for(route, kwargs)
        for form in GARBAGE_FORMS:
            failures.append(send(client, "post", f"{name} form", {"path": path, "data": form}))
        failures.append(send(client, "post", f"{name} raw form", {"path": path}, body=RAW_FORM))
    failures = [failure for failure in failures if failure]
    assert not failures, "\n".join(failures)
    # Still the role it set out as (the walk changed nothing it would carry on with).
    assert client.get("/settings/profile/").status_code == (302 if role == "visitor" else 200)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["visitor", "member"])
def test_odd_host_headers_never_get_a_server_error(world, role):  # noqa: F811
    client = world.clients[role]
    failures = []
    for name, route, kwargs in pages(world):
        for host in HOSTS:
            request = {"path": path_for(route, kwargs), "HTTP_HOST": raw(host)}
            failures.append(send(client, "get", f"{name} Host {host[:20]!r}", request))
    failures = [failure for failure in failures if failure]
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["visitor", "member", "moderator"])
def test_allauth_and_admin_pages_take_hostile_input_without_a_server_error(world, role):  # noqa: F811
    """One row each, as in the access matrix: every route filled in, with hostile ``next``
    (allauth) and changelist parameters (admin: page, ordering, search, filters)."""
    client = world.clients[role]
    failures = []
    for route, _name in url_patterns():
        if not (is_admin(route) or is_allauth(route)) or "logout" in route:
            continue
        path = fill(route)
        queries = (
            f"next={quoted('//evil.example.org')}",
            f"next={quoted(chr(0))}",
            f"p={HUGE}&o=abc.-x&q={quoted('a' + chr(0))}&e=1&_changelist_filters={quoted(LONG)}",
            f"p=-1&o={HUGE}&all=&is_staff__exact={quoted(chr(0xDCFF))}",
        )
        for query in queries:
            failures.append(send(client, "get", route, {"path": f"{path}?{query}"}))
    failures = [failure for failure in failures if failure]
    assert not failures, "\n".join(failures)


# --- hypothesis over query strings ------------------------------------------------------------

FUZZED = ("cases:list", "forums:search", "forums:category", "forums:thread")
KNOWN_KEYS = sorted({param for name in FUZZED for param in READS[name]})
query_strings = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=8)),
        st.one_of(
            st.text(max_size=40),
            st.integers().map(str),
            st.sampled_from(VALUES + CURSORS),
            st.binary(max_size=20).map(lambda b: b.decode("latin-1")),
        ),
    ),
    max_size=6,
)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pairs=query_strings, page=st.sampled_from(FUZZED), role=st.sampled_from(ROLES))
def test_hypothesis_query_strings_never_get_a_server_error(world, pairs, page, role):  # noqa: F811
    name, _route, kwargs = next(p for p in pages(world) if p[0] == page)
    query = "&".join(f"{quoted(key)}={quoted(value)}" for key, value in pairs)
    path = reverse(name, kwargs=kwargs)
    failure = send(world.clients[role], "get", "hypothesis", {"path": f"{path}?{query}"})
    assert failure is None, failure
