"""Sessions, and the signed-in member looked up without a query on most requests (issue 11).

Django finds the member of a request in two steps: the session from the cache, then the user
row from PostgreSQL (about 0.5 ms, half a member's cost for a page that renders nothing). Here
the session store also fetches, in the same cache round trip, a *snapshot* of the member's row
kept under the session's own key, and ``signed_in_user`` uses it when it is still current:

- it was taken from a member that Django's own ``get_user`` had just verified for this session
  (same user id and backend, and the session's password hash matched);
- the session still holds that user id, backend and password hash;
- no member has been saved, updated or deleted since (``users_changed`` moves one generation
  for all of them; any other state means Django's lookup runs again and a new snapshot is
  taken). Suspending, verifying, deactivating a member or changing a password therefore acts
  on their next request, as it did before;
- it is at most ``SNAPSHOT_SECONDS`` old, which bounds a change made outside Django (SQL).

The snapshot holds neither the password hash, the email address nor the sign-in time: they
are left deferred, so the few pages that need them load them (one query), and the save of the
sign-in time alone that Django makes at every sign-in retires no snapshot. Signing out deletes
the session, and a snapshot without its session is never read.
"""

from __future__ import annotations

from functools import lru_cache
from typing import cast

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.core.cache import BaseCache, caches
from django.db import DEFAULT_DB_ALIAS
from django.utils.crypto import constant_time_compare

from config import read_ahead
from config.cache import generation_moved, start_generation

GENERATION_KEY = "users:generation"
SNAPSHOT_PREFIX = "signed-in:"
SNAPSHOT_SECONDS = 300
# Never in a snapshot: loaded from the database by the few pages that read them. The sign-in
# time is left out too, so that saving it alone (Django does at every sign-in) leaves every
# snapshot current.
LEFT_OUT = frozenset({"password", "email", "last_login"})
# Saves of only these fields change nothing a snapshot holds.
NOT_IN_SNAPSHOT = frozenset({"last_login"})


class SessionStore(CachedDBStore):
    """Django's cached database sessions, loading the member's snapshot in the same round trip
    (``SESSION_ENGINE = "accounts.sessions"``)."""

    snapshot = None  # (entry, users generation) as the cache held them when the session loaded
    # The page this session is read for, and what its round trip read ahead for the page
    # (``config.read_ahead``: the keys the page read the last time, with their values).
    read_ahead_page: str | None = None
    read_ahead: dict | None = None
    _cache: BaseCache  # set by Django's store; the type stubs leave it out

    def load(self):
        # Django loads only a session that has a key.
        snapshot_key = SNAPSHOT_PREFIX + cast(str, self.session_key)
        ahead = read_ahead.remembered(self.session_key, self.read_ahead_page)
        try:
            found = self._cache.get_many([self.cache_key, snapshot_key, GENERATION_KEY, *ahead])
        except Exception:
            found = {}
        self.snapshot = (found.get(snapshot_key), found.get(GENERATION_KEY))
        if ahead and found:
            self.read_ahead = {key: found.get(key) for key in ahead}
        data = found.get(self.cache_key)
        if data is None:
            return super().load()  # from the database, cached again for the next request
        return data

    def delete(self, session_key=None):
        key = session_key or self.session_key
        super().delete(session_key)
        if key:
            self._cache.delete(SNAPSHOT_PREFIX + key)


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, telling the session which page it is read for (``config.read_ahead``)."""

    def process_request(self, request):
        super().process_request(request)
        request.session.read_ahead_page = read_ahead.page_of(request)


@lru_cache(maxsize=16)  # one per user model: the fields a snapshot holds
def _shape(model) -> tuple[str, ...]:
    return tuple(f.attname for f in model._meta.concrete_fields if f.attname not in LEFT_OUT)


def signed_in_user(request):
    """The member signed in on ``request`` (or AnonymousUser), as ``django.contrib.auth.get_user``
    returns them, from the session's snapshot when it is current (see the module docstring)."""
    session = request.session
    user_id = session.get(SESSION_KEY)
    if user_id is None:
        return auth.get_user(request)  # AnonymousUser, exactly as Django decides it
    model = auth.get_user_model()
    shape = _shape(model)
    backend = session.get(BACKEND_SESSION_KEY)
    password_hash = session.get(HASH_SESSION_KEY) or ""
    entry, generation = getattr(session, "snapshot", None) or (None, None)
    if (
        entry is not None
        and generation is not None
        and entry[0] == generation
        and entry[1] == (str(user_id), backend, shape)
        and password_hash
        and constant_time_compare(password_hash, entry[2])
        and backend in settings.AUTHENTICATION_BACKENDS
    ):
        return model.from_db(DEFAULT_DB_ALIAS, shape, entry[3])
    if generation is None:
        generation = start_generation(_cache(), GENERATION_KEY)
    # Read before the row: a change committed meanwhile moves the generation past this one.
    user = auth.get_user(request)
    if user.is_authenticated and session.session_key:
        verified = session.get(HASH_SESSION_KEY) or ""
        if verified and constant_time_compare(verified, user.get_session_auth_hash()):
            values = tuple(getattr(user, name) for name in shape)
            _cache().set(
                SNAPSHOT_PREFIX + session.session_key,
                (
                    generation,
                    (str(user.pk), session.get(BACKEND_SESSION_KEY), shape),
                    verified,
                    values,
                ),
                SNAPSHOT_SECONDS,
            )
    return user


def _cache():
    return caches[settings.SESSION_CACHE_ALIAS]


def users_changed() -> None:
    """A member's row changed: every snapshot is out of date. Moved at once (the change's own
    transaction reads its own rows) and again on commit (so that a request that read the old row
    meanwhile cannot store it as current)."""
    generation_moved(_cache(), GENERATION_KEY)


def user_row_changed(sender, update_fields=None, **kwargs) -> None:
    """post_save and post_delete of the user model (connected in accounts.apps). A save of
    only fields no snapshot holds (the sign-in time) leaves every snapshot current."""
    if update_fields and NOT_IN_SNAPSHOT.issuperset(update_fields):
        return
    users_changed()
