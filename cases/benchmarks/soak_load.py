"""The soak's load: virtual users over plain HTTP, their measurements, and the SMTP sink.

Each virtual user is a thread that, until the deadline, picks an action (read 80%, reply 15%,
search 5%), sends it to gunicorn the way a browser would (its own cookies, a CSRF token read
from the form) and waits a short random "think" time. Every request is recorded with its
kind, status and latency; an answer other than the expected one is an error.
"""

from __future__ import annotations

import email
import http.client
import math
import random
import re
import secrets
import string
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urlencode

READ_SHARE, REPLY_SHARE = 0.80, 0.15  # the rest (5%) searches
SEARCH_WORDS = ["troponin", "sepsis", "potassium", "chest pain", "heparin", "lactate", "stroke"]
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Member:
    """A signed-in soak member: their session, an address of their own, and whom to mention."""

    handle: str
    session: str
    ip: str
    csrf: str = ""
    posted: list[float] = field(default_factory=list)  # when each reply was sent (monotonic)

    def may_post(self, limits: list[tuple[int, int]], now: float) -> bool:
        """Whether a reply now stays within the site's per-member limits, ``(count, seconds)``
        each (the "post" rates), as a member who sees the limit waits rather than tries."""
        return all(
            sum(1 for sent in self.posted if now - sent < seconds) < count
            for count, seconds in limits
        )


@dataclass
class Site:
    """What the virtual users read and write."""

    host: str
    port: int
    reads: list[str]  # paths for everyone
    member_reads: list[str]  # paths for members only (cases)
    threads: list[str]  # thread paths open to replies
    handles: list[str]  # members to mention
    # (member, thread) pairs mentioned so far: each member is mentioned at most once per
    # thread, so that the email of a mention, which names the thread and not the post, stands
    # for one post at the SMTP sink.
    mentioned: set[tuple[str, str]] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def mention(self, rng: random.Random, *, thread: str, author: str) -> str:
        """A member to mention in ``thread``, not yet mentioned there ("" when none is left)."""
        with self.lock:
            free = [h for h in self.handles if h != author and (h, thread) not in self.mentioned]
            if not free:
                return ""
            chosen = rng.choice(free)
            self.mentioned.add((chosen, thread))
            return chosen


@dataclass
class Record:
    kind: str
    status: int
    ms: float
    ok: bool


@dataclass
class Results:
    records: list[Record] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)  # tokens of replies answered 302
    failures: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, record: Record, detail: str = "") -> None:
        with self.lock:
            self.records.append(record)
            if not record.ok:
                self.failures[f"{record.kind}: {record.status} {detail}".strip()] += 1

    def snapshot(self, since: int = 0) -> tuple[int, int, float]:
        """Requests and errors so far, and the p99 of the requests after the first ``since``
        (one progress interval: a busy minute on a shared machine shows as such)."""
        with self.lock:
            recent = [r.ms for r in self.records[since:] if r.ok]
            errors = sum(1 for r in self.records if not r.ok)
            return len(self.records), errors, percentile(recent, 0.99)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p99 of 100 values is the 99th smallest)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(math.ceil(share * len(ordered)) - 1, 0)
    return ordered[min(rank, len(ordered) - 1)]


def token() -> str:
    """A word of letters that names one reply (no digits: nothing the identifier scanner
    could take for a patient number)."""
    return "soak" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(12))


class VirtualUser(threading.Thread):
    def __init__(
        self, *, number, site, members, results, deadline, think, seed, post_limits=()
    ) -> None:
        super().__init__(name=f"soak-user-{number}", daemon=True)
        self.site, self.members, self.results = site, members, results
        self.post_limits = list(post_limits)  # (count, seconds) per member
        self.deadline, self.think = deadline, think
        self.rng = random.Random(seed)  # noqa: S311 - a load mix, not a secret
        self.turn = 0
        self.visitor_ip = f"10.200.{number}.1"

    # -- HTTP ---------------------------------------------------------------------------------

    def request(self, method, path, *, member=None, body=None):
        """(status, headers, text, ms). Each request on its own connection, as gunicorn's sync
        workers close them."""
        headers = {"Host": f"{self.site.host}:{self.site.port}", "User-Agent": "rounds-soak"}
        # One address per member: gunicorn sits "behind a proxy" (ROUNDS_TRUSTED_PROXY_COUNT=1)
        # so the per-address rate limits see members, not the soak machine.
        headers["X-Forwarded-For"] = member.ip if member else self.visitor_ip
        if member:
            cookies = f"sessionid={member.session}"
            if member.csrf:
                cookies += f"; csrftoken={member.csrf}"
            headers["Cookie"] = cookies
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        connection = http.client.HTTPConnection(self.site.host, self.site.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            return response.status, response, text, (time.perf_counter() - started) * 1000
        finally:
            connection.close()

    def record(self, kind, method, path, expected, *, member=None, body=None):
        try:
            status, response, text, ms = self.request(method, path, member=member, body=body)
        except OSError as exc:  # refused, reset, timed out: an error like a 5xx
            self.results.add(Record(kind, 0, 0.0, False), type(exc).__name__)
            return None, None, ""
        ok = status == expected
        self.results.add(Record(kind, status, ms, ok), "" if ok else path)
        return status, response, text

    # -- actions ------------------------------------------------------------------------------

    def run(self) -> None:
        while time.monotonic() < self.deadline:
            roll = self.rng.random()
            if roll < READ_SHARE:
                self.read()
            elif roll < READ_SHARE + REPLY_SHARE:
                self.reply()
            else:
                self.search()
            time.sleep(self.rng.uniform(0, self.think))

    def next_member(self) -> Member:
        """Members in turn, not at random: each replies at an even pace, under the site's
        per-member rate limits (6 a minute), as real members would."""
        member = self.members[self.turn % len(self.members)]
        self.turn += 1
        return member

    def next_member_free_to_post(self) -> Member | None:
        """The next member in turn whose reply now stays within the site's per-member limits
        (a faster machine runs back-to-back soaks past them otherwise), or None."""
        now = time.monotonic()
        for _ in range(len(self.members)):
            member = self.next_member()
            if member.may_post(self.post_limits, now):
                return member
        return None

    def read(self) -> None:
        if self.rng.random() < 0.5:
            self.record("read visitor", "GET", self.rng.choice(self.site.reads), 200)
            return
        member = self.next_member()
        paths = self.site.reads + self.site.member_reads
        self.record("read member", "GET", self.rng.choice(paths), 200, member=member)

    def search(self) -> None:
        query = "/search/?" + urlencode({"q": self.rng.choice(SEARCH_WORDS)})
        member = self.next_member() if self.rng.random() < 0.5 else None
        self.record("search", "GET", query, 200, member=member)

    def reply(self) -> None:
        member = self.next_member_free_to_post()
        if member is None:  # all of this user's members posted what the limits allow: read
            self.read()
            return
        thread = self.rng.choice(self.site.threads)
        status, response, text = self.record(
            "reply form", "GET", f"{thread}reply/", 200, member=member
        )
        if status != 200:
            return
        found = _CSRF.search(text)
        cookie = _cookie(response, "csrftoken")
        if cookie:
            member.csrf = cookie
        if not found or not member.csrf:
            self.results.add(Record("reply", 0, 0.0, False), "no CSRF token in the form")
            return
        name = token()
        mention = self.rng.choice([h for h in self.site.handles if h != member.handle])
        body = (
            f"Agreed, @{mention}: check the potassium again before the next dose. Reference {name}."
        )
        form = urlencode({"csrfmiddlewaretoken": found.group(1), "body": body})
        member.posted.append(time.monotonic())
        status, _response, _text = self.record(
            "reply", "POST", f"{thread}reply/", 302, member=member, body=form
        )
        if status == 302:
            with self.results.lock:
                self.results.accepted.append(name)


def _cookie(response, name: str) -> str:
    for header in response.headers.get_all("Set-Cookie") or []:
        pair = header.split(";", 1)[0]
        key, _, value = pair.partition("=")
        if key.strip() == name:
            return value.strip()
    return ""


class SmtpSink:
    """An aiosmtpd handler that keeps every message it accepts (the soak's mail server)."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def notification_ids(self) -> dict[int, int]:
        """How many received messages carry each notification (``X-Rounds-Notifications``)."""
        counts: dict[int, int] = defaultdict(int)
        with self.lock:
            for message in self.messages:
                for value in str(message.get("X-Rounds-Notifications", "")).split():
                    if value.isdigit():
                        counts[int(value)] += 1
        return counts
