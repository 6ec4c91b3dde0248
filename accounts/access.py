"""What admin asks PostgreSQL about a staff member on every page, kept in the cache (issue 28).

Each admin page asks for the member's permissions, their own and their groups' (Django's
ModelBackend: two joins of four tables, about a millisecond each with planning), and whether
they have set up two-factor authentication (``accounts.middleware``): three queries, more than
the rest of the moderators' case review costs when it is kept for them. ``load(user)`` keeps
the three answers for a member in one cache entry and hands the permissions to the user
object where ModelBackend looks first (its per-request attributes), so admin asks nothing more.

The entry is used while:

- no member row changed since (the members' generation of ``accounts.sessions``: staff, active
  and superuser flags, deactivation);
- nothing that grants a permission or two-factor changed (``GENERATION_KEY``: a member's groups
  or own permissions, a group's permissions, a group or permission created or deleted, an
  authenticator added or removed; moved by ``access_changed``, connected in accounts.apps, at
  once and again on commit, as ``sessions.users_changed`` is);
- it is at most ``sessions.SNAPSHOT_SECONDS`` old (a change made with SQL).
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import caches

from accounts import sessions
from config.cache import generation_moved, start_generation

GENERATION_KEY = "access:generation"
# ModelBackend's per-request caches on the user object (django.contrib.auth.backends).
_OWN, _GROUPS = "_user_perm_cache", "_group_perm_cache"


@dataclass(frozen=True)
class Facts:
    own_permissions: frozenset[str]
    group_permissions: frozenset[str]
    has_totp: bool


def _cache():
    return caches[settings.SESSION_CACHE_ALIAS]  # where the members' generation is


def _key(user_id: int) -> str:
    return f"access:{user_id}"


def _read(user) -> Facts:
    backend = ModelBackend()
    return Facts(
        frozenset(backend.get_user_permissions(user)),
        frozenset(backend.get_group_permissions(user)),
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
    )


def load(user) -> Facts:
    """The member's permissions and two-factor state: from the cache while current, else read
    (three queries) and kept. The permissions are handed to ModelBackend for this request."""
    keys = [sessions.GENERATION_KEY, GENERATION_KEY, _key(user.pk)]
    cache = _cache()
    found = cache.get_many(keys)
    stamp = [found.get(keys[0]), found.get(keys[1])]
    entry = found.get(keys[2])
    if None not in stamp and entry is not None and entry[0] == stamp:
        facts = entry[1]
    else:
        # The generations read before the rows: a change committed meanwhile moves them on.
        stamp = [
            start_generation(cache, key) if value is None else value
            for key, value in zip(keys[:2], stamp, strict=True)
        ]
        facts = _read(user)
        cache.set(keys[2], (stamp, facts), sessions.SNAPSHOT_SECONDS)
    setattr(user, _OWN, set(facts.own_permissions))
    setattr(user, _GROUPS, set(facts.group_permissions))
    return facts


def access_changed(**kwargs) -> None:
    """A signal receiver: what grants permissions or two-factor changed for someone."""
    generation_moved(_cache(), GENERATION_KEY)
