"""Rate limits per member and per network address, in one place: a fixed-window counter in
Django's cache (Redis in production, so every web process shares the counts).

Rates are written like allauth's: ``"<count>/<period>/<per>"`` with period ``s``, ``m``, ``h``
or ``d`` (optionally with a number: ``10m``) and per ``member`` or ``ip``; several are
comma-separated. ``settings.ROUNDS_RATE_LIMITS`` maps an action ("post", "report", ...) to its
rates; a false value turns every limit off (the test settings do, see there).

Fixed windows are deliberate: two cache operations per rate, and a clear "until" to tell the
member. Their known edge (a burst across a window boundary may reach twice the count) does not
matter for what these guard against: floods and scripts.
"""

from __future__ import annotations

import contextlib
import ipaddress
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
PER_MEMBER, PER_IP = "member", "ip"
# IPv6 clients usually hold a whole /64: counting single addresses would let one client rotate.
IPV6_PREFIX = 64


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int
    per: str

    def __str__(self) -> str:
        return f"{self.amount}/{self.seconds}s/{self.per}"

    def describe(self, what: str) -> str:
        """ "6 posts per minute", "300 posts per hour from one network address"; ``what`` is a
        key of NOUNS."""
        text = _("%(count)s per %(period)s") % {
            "count": _count(what, self.amount),
            "period": _period(self.seconds),
        }
        if self.per == PER_IP:
            text = _("%(limit)s from one network address") % {"limit": text}
        return text


# What is counted, for the messages: each a function of the amount (for plurals).
NOUNS = {
    "post": lambda n: ngettext("%(n)d post", "%(n)d posts", n) % {"n": n},
    "report": lambda n: ngettext("%(n)d report", "%(n)d reports", n) % {"n": n},
    "upload": lambda n: ngettext("%(n)d image", "%(n)d images", n) % {"n": n},
    "follow": lambda n: ngettext("%(n)d follow", "%(n)d follows", n) % {"n": n},
    "message": lambda n: ngettext("%(n)d message", "%(n)d messages", n) % {"n": n},
    "conversation": lambda n: (
        ngettext("%(n)d new conversation", "%(n)d new conversations", n) % {"n": n}
    ),
    "vote": lambda n: ngettext("%(n)d vote", "%(n)d votes", n) % {"n": n},
    "signup": lambda n: ngettext("%(n)d sign-up", "%(n)d sign-ups", n) % {"n": n},
    "reset_password": lambda n: (
        ngettext("%(n)d password reset request", "%(n)d password reset requests", n) % {"n": n}
    ),
}


def _count(what: str, amount: int) -> str:
    noun = NOUNS.get(what)
    return (
        noun(amount)
        if noun
        else ngettext("%(n)d request", "%(n)d requests", amount) % {"n": amount}
    )


def _period(seconds: int) -> str:
    for unit, name in ((86400, "day"), (3600, "hour"), (60, "minute"), (1, "second")):
        if seconds % unit == 0:
            count = seconds // unit
            if count == 1:
                return {
                    "day": _("day"),
                    "hour": _("hour"),
                    "minute": _("minute"),
                    "second": _("second"),
                }[name]
            return {
                "day": ngettext("%(n)d day", "%(n)d days", count),
                "hour": ngettext("%(n)d hour", "%(n)d hours", count),
                "minute": ngettext("%(n)d minute", "%(n)d minutes", count),
                "second": ngettext("%(n)d second", "%(n)d seconds", count),
            }[name] % {"n": count}
    raise AssertionError("unreachable: every whole number of seconds matches")


def parse_rates(text: str) -> list[Rate]:
    """Parse ``"6/m/member,300/h/ip"``; raises ValueError on a malformed rate (at start-up,
    since settings are read on first use of each action)."""
    rates = []
    for part in (text or "").split(","):
        if not part.strip():
            continue
        amount, period, per = (piece.strip() for piece in part.split("/"))
        unit, number = period[-1], period[:-1] or "1"
        if unit not in _UNITS or per not in {PER_MEMBER, PER_IP} or int(amount) < 1:
            raise ValueError(f"bad rate {part!r}: use <count>/<period>/<member|ip>")
        rates.append(Rate(amount=int(amount), seconds=int(number) * _UNITS[unit], per=per))
    return rates


def rates_for(action: str) -> list[Rate]:
    """The configured rates of ``action``; none when limits are off or the action is unset."""
    limits = getattr(settings, "ROUNDS_RATE_LIMITS", None)
    if not limits:
        return []
    return parse_rates(limits.get(action, ""))


class RateLimited(Exception):
    """Refused by a rate. ``until`` is when the window that refused ends (aware, UTC)."""

    def __init__(self, *, rate: Rate, what: str, until: datetime):
        self.rate, self.what, self.until = rate, what, until
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _("The limit is %(limit)s. You can send again after %(until)s.") % {
            "limit": self.rate.describe(self.what),
            "until": date_format(timezone.localtime(self.until), "DATETIME_FORMAT"),
        }


def client_ip(request: HttpRequest) -> str:
    """The client's address, taken safely.

    ``REMOTE_ADDR`` unless ``settings.ROUNDS_TRUSTED_PROXY_COUNT`` proxies (ours) stand in front:
    each appends the address it saw to X-Forwarded-For, so the client is the entry that many
    places from the end. Entries further left are whatever the client sent and never trusted.
    IPv6 addresses count per /64. Returns "unknown" when no usable address is found.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = int(getattr(settings, "ROUNDS_TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            address = hops[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False).network_address)
    return str(ip)


def _incr(key: str, timeout: int) -> int:
    if cache.add(key, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def consume(
    action: str,
    *,
    rates: list[Rate],
    what: str,
    user=None,
    ip: str | None = None,
    now: datetime | None = None,
) -> None:
    """Count one ``action`` against each rate (per member needs ``user``, per ip needs ``ip``).

    Raises RateLimited, naming the rate that refused with the latest "until", when any is
    exceeded; a refused attempt is not counted (its increments are taken back), so waiting out
    the window is always enough.
    """
    moment = (now or timezone.now()).timestamp()
    taken: list[str] = []
    refused: RateLimited | None = None
    for rate in rates:
        if rate.per == PER_MEMBER:
            if user is None or not user.is_authenticated:
                continue
            who = f"m{user.pk}"
        else:
            if not ip:
                continue
            who = f"ip{ip}"
        window = int(moment // rate.seconds)
        key = f"ratelimit:{action}:{rate}:{who}:{window}"
        count = _incr(key, timeout=rate.seconds + 1)
        taken.append(key)
        if count > rate.amount:
            until = datetime.fromtimestamp((window + 1) * rate.seconds, tz=UTC)
            if refused is None or until > refused.until:
                refused = RateLimited(rate=rate, what=what, until=until)
    if refused is not None:
        for key in taken:
            with contextlib.suppress(ValueError):
                cache.decr(key)
        raise refused


def allauth_limit(request: HttpRequest, *, action: str) -> str | None:
    """Say which of allauth's ACCOUNT_RATE_LIMITS for ``action`` refused and until when.

    allauth keeps, per rate, the newest-first times of recent hits; a slot frees when the oldest
    leaves the window. This reads that history through allauth's internal helpers (allauth has
    no public API for it), so anything unexpected gives None and the page a general message.
    """
    try:
        from allauth.core.internal.ratelimit import get_cache_key, get_rates

        for rate in get_rates(app="allauth.account", action=action):
            key = get_cache_key(request, app="allauth.account", action=action, rate=rate)
            history = cache.get(key) or []
            if len(history) >= rate.amount:
                ours = Rate(amount=rate.amount, seconds=int(rate.duration), per=PER_IP)
                if rate.per != "ip":
                    ours = Rate(amount=rate.amount, seconds=int(rate.duration), per=PER_MEMBER)
                until = datetime.fromtimestamp(history[-1] + rate.duration, tz=UTC)
                return RateLimited(rate=ours, what=action, until=until).message
    except Exception:
        return None
    return None
