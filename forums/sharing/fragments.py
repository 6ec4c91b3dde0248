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
import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.cache import cache
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token
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


_CSRF_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}
_CSRF_BASE = len(CSRF_ALLOWED_CHARS)
# Random bytes below this are taken modulo the alphabet's length, evenly (4 x 62 = 248).
_CSRF_EVEN = 256 - 256 % _CSRF_BASE


def _draws() -> list[int] | None:
    """CSRF_SECRET_LENGTH uniform draws from Django's CSRF alphabet, from one read of the
    system's random source (Django's ``get_random_string`` reads it once per character: about
    20 microseconds for a secret, as much again for a mask). None in the ~1 in 10^27 case that
    too few bytes fell below ``_CSRF_EVEN`` (the caller then asks Django)."""
    draws = [byte % _CSRF_BASE for byte in os.urandom(2 * CSRF_SECRET_LENGTH) if byte < _CSRF_EVEN]
    return draws[:CSRF_SECRET_LENGTH] if len(draws) >= CSRF_SECRET_LENGTH else None


def _masked(secret: str) -> str | None:
    """``secret`` masked the way Django's ``get_token`` masks it (a random mask, then each
    character of the secret shifted by the mask's, in Django's alphabet), or None when the
    secret is not one Django made."""
    if len(secret) != CSRF_SECRET_LENGTH or not all(char in _CSRF_INDEX for char in secret):
        return None
    draws = _draws()
    if draws is None:
        return None
    mask = "".join(CSRF_ALLOWED_CHARS[draw] for draw in draws)
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(_CSRF_INDEX[char] + draw) % _CSRF_BASE]
        for char, draw in zip(secret, draws, strict=True)
    )
    return mask + cipher


def _new_token(request) -> str:
    """Django's ``get_token``, with its random parts drawn by ``_draws``: the secret from the
    cookie (CsrfViewMiddleware checked it), or a new one, which the answer's cookie carries;
    the token the same kind Django makes and checks."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None and (draws := _draws()) is not None:
        secret = "".join(CSRF_ALLOWED_CHARS[draw] for draw in draws)
        request.META["CSRF_COOKIE"] = secret
    token = _masked(secret) if secret is not None else None
    if token is None:
        return get_token(request)
    # As get_token does: the cookie goes out with the answer (new, or its expiry renewed).
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    return token


def csrf_token_for(request) -> str:
    """The CSRF token to put in a form: the reader's, or the placeholder while their own page
    is rendered to be kept (``RENDERING_OWN_PAGE``). Masked once a request (each masking costs
    about 10 microseconds with ``_masked``, and a member page puts it in several places), and
    again if the secret changed meanwhile (a sign-in rotates it)."""
    if getattr(request, RENDERING_OWN_PAGE, False):
        return CSRF_PLACEHOLDER
    secret = request.META.get("CSRF_COOKIE")
    masked = request.__dict__.get(_MASKED)
    if masked is None or masked[0] != secret or secret is None:
        token = _new_token(request)
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
