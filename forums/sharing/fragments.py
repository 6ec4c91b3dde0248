"""Per-row HTML fragments (a post, a thread row) cached by version (issue 11).

Django's template engine costs about a millisecond per post on a thread page, more than the
page's queries. A row's HTML depends only on the row's own version (its text, edits, counters,
author's name and badge) and on a few facts about the viewer (may they edit it, have they
marked it helpful, is it unread), so it is rendered once per such combination and kept in the
shared cache. A page then fetches all its rows in one ``get_many``.

The key holds every value the fragment template reads (``version`` below, chosen by the caller
next to its template) plus a hash of the template source, so a changed template or a changed
row never serves old HTML. Forms inside fragments carry a placeholder instead of the CSRF token;
it is replaced with the viewer's own token after the cache, so nobody's token is ever stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from forums.sharing.cache import digest

# Not a token: a marker that neither a real token (letters and digits) nor anything a member
# writes can contain. A member cannot send NUL (forms refuse it; HTML parsing and the sanitiser
# replace it), so a post cannot hold the marker and have each reader's token put into it (an
# image address, say). Not a slot marker of forums.sharing.slots (no letters-only name):
# str.replace fills it.
CSRF_PLACEHOLDER = "\x00csrf-token\x00"
# Set on a request while its page is rendered to be kept for the member
# (``forums.sharing.own_pages``): its forms get the placeholder too, and its answer the token.
RENDERING_OWN_PAGE = "_rounds_rendering_own_page"
_MASKED = "_rounds_masked_csrf_token"  # (the secret, its masked form) for csrf_token_for
# How long an unused fragment stays; any change of version makes a new key at once.
FRAGMENT_SECONDS = 60 * 60 * 24

_template_hashes: dict[tuple[str, ...], str] = {}


def csrf_token_for(request) -> str:
    """The CSRF token to put in a form: the reader's, or the placeholder while their own page
    is rendered to be kept (``RENDERING_OWN_PAGE``). Masked once a request (each masking costs
    about 0.15 ms, and a member page puts it in several places), and again if the secret
    changed meanwhile (a sign-in rotates it)."""
    if getattr(request, RENDERING_OWN_PAGE, False):
        return CSRF_PLACEHOLDER
    secret = request.META.get("CSRF_COOKIE")
    masked = request.__dict__.get(_MASKED)
    if masked is None or masked[0] != secret or secret is None:
        token = get_token(request)
        request.__dict__[_MASKED] = (request.META.get("CSRF_COOKIE"), token)
        return token
    return masked[1]


def template_version(names: tuple[str, ...]) -> str:
    """A short hash of these templates' source: part of every key of HTML they render."""
    if names not in _template_hashes:
        # The Django engine's template (the stubs know only the backend-neutral one).
        source = "".join(get_template(name).template.source for name in names)  # type: ignore[attr-defined]
        _template_hashes[names] = hashlib.blake2b(source.encode(), digest_size=6).hexdigest()
    return _template_hashes[names]


def render_rows(
    request,
    template_name: str,
    rows: Sequence[Any],
    *,
    version: Callable[[Any], Iterable],
    context: Callable[[Any], dict],
    includes: tuple[str, ...] = (),
) -> list[SafeString]:
    """The HTML of each row, in order, from the cache where it is there.

    ``version(row)`` returns the values the template shows for this row and viewer (they form
    the key); ``context(row)`` the template context that renders it on a miss. ``includes``
    names the templates the fragment's tags render, so a change to them is a new key too.
    """
    if not rows:
        return []
    templates = template_version((template_name, *includes))
    place = f"{get_language()}:{timezone.get_current_timezone_name()}"
    prefix = f"fragment:{template_name}:{templates}:{place}"
    keys = [f"{prefix}:{digest(version(row))}" for row in rows]
    found = cache.get_many(keys)
    template = get_template(template_name)
    missing = {}
    html = []
    for key, row in zip(keys, rows, strict=True):
        fragment = found.get(key)
        if fragment is None:
            fragment = template.render({**context(row), "csrf_token": CSRF_PLACEHOLDER})
            missing[key] = fragment
        html.append(fragment)
    if missing:
        cache.set_many(missing, FRAGMENT_SECONDS)
    token = csrf_token_for(request) if any(CSRF_PLACEHOLDER in h for h in html) else ""
    # Each fragment is template output (autoescaped) with only the token put back in.
    return [mark_safe(h.replace(CSRF_PLACEHOLDER, token)) for h in html]  # noqa: S308
