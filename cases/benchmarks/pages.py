"""Benchmark the site under gunicorn against its own hello view, on whatever data is loaded.

    python manage.py bench [--duration 5] [--rounds 3] [--connections 8]

Starts gunicorn (2 sync workers, production settings, DEBUG off) on 127.0.0.1, drives it with
wrk from a second process, interleaving hello and each page in rounds so that both see the same
machine state (each round's pair in the other order from the last), and prints per page:
requests/s, the ratio to hello (the median of the rounds' own ratios, and their range), p50 and
p99 latency, and SQL
queries per request (counted in-process with Django's test client). Also times writing a post.
Run it on the corpus from ``seed_bench`` for the README's table.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from cases.benchmarks import member_state
from cases.benchmarks.servers import free_port
from cases.deidentify.lexicon import lexicon
from cases.models import Case, CaseStatus
from config.warm import freeze_startup
from forums.models import Category, Post, Thread
from forums.posting import SITE, create_reply
from forums.rendering import render_markdown
from forums.selectors.common import POSTS_PER_PAGE, THREADS_PER_PAGE


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


VISITOR, MEMBER, MODERATOR = "visitor", "member", "moderator"


@dataclass
class Target:
    name: str
    path: str
    who: str = VISITOR


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def pair_ratios(hello: list[Result], page: list[Result]) -> tuple[float, float, float]:
    """The page's ratio to hello: the median over rounds of each round's page req/s over the
    hello req/s measured beside it, and the lowest and highest round. A pair shares one state
    of the machine (another process, the host's load), which a median of each side apart does
    not: on a shared 2-core machine hello alone swings 1.5x between rounds."""
    ratios = [p.rps / h.rps for h, p in zip(hello, page, strict=True)]
    return statistics.median(ratios), min(ratios), max(ratios)


def parse_wrk(output: str) -> Result:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise CommandError(f"wrk saw {errors.group(1)} error responses:\n{output}")
    return Result(rps, p50, p99)


class PageBenchmark(BaseCommand):
    help = "Benchmark pages under gunicorn as ratios to a hello view (needs wrk)."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=5, help="seconds per measurement")
        parser.add_argument("--rounds", type=int, default=3, help="hello/page pairs per page")
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--only", default="", help="comma-separated page names")
        parser.add_argument(
            "--digests",
            type=int,
            default=2000,
            help="members for the digest build rate at the end (bench_digests); 0 skips it",
        )

    def handle(self, *args, **options):
        if shutil.which("wrk") is None:
            raise CommandError("wrk is not installed: run `make bench`, which installs it.")
        # The server and this process must sign sessions with the same key, so that the cookie
        # made here is valid there; production refuses the development key.
        self.secret_key = secrets.token_urlsafe(64)
        settings.SECRET_KEY = self.secret_key
        targets = self._targets()
        if options["only"]:
            wanted = set(options["only"].split(","))
            targets = [t for t in targets if t.name in wanted]
        cookies = {MEMBER: self._session_cookie(self._bench_user())}
        if any(t.who == MODERATOR for t in targets):
            cookies[MODERATOR] = self._session_cookie(self._bench_moderator())
        queries = {(t.name, t.who): self._count_queries(t) for t in targets}

        port = free_port()
        server = self._start_gunicorn(port)
        try:
            base = f"http://127.0.0.1:{port}"
            self._wait_until_up(f"{base}/hello")
            rows = []
            for target in targets:
                hello, page = [], []
                for n in range(options["rounds"]):
                    # Each round's pair in the other order from the last, so that a machine
                    # speeding up or slowing down within a pair favours neither side.
                    for measure in ("hello", "page") if n % 2 == 0 else ("page", "hello"):
                        if measure == "hello":
                            hello.append(self._wrk(f"{base}/hello", options, None))
                        else:
                            page.append(
                                self._wrk(f"{base}{target.path}", options, cookies.get(target.who))
                            )
                rows.append((target, hello, page))
                self._print_row(target, hello, page, queries[(target.name, target.who)])
        finally:
            server.terminate()
            server.wait(timeout=20)
        writing = self._time_writing()
        self._print_markdown(rows, queries, options, writing)
        if options["digests"]:
            self.stdout.write("")
            self.stdout.write("Digest build rate (bench_digests, two sending processes):")
            call_command(
                "bench_digests", members=options["digests"], processes=2, stdout=self.stdout
            )

    # -- what to measure --------------------------------------------------------------------

    def _targets(self) -> list[Target]:
        from accounts.permissions import PUBLIC

        forum = Category.objects.filter(visibility=PUBLIC).order_by("-thread_count").first()
        if forum is None:
            raise CommandError("No public forum: load data with seed_demo or seed_bench first.")
        longest = (
            Thread.objects.filter(category__visibility=PUBLIC, is_hidden=False)
            .order_by("-post_count")
            .first()
        )
        last_page = max((longest.post_count - 1) // POSTS_PER_PAGE + 1, 1)
        case = (
            Case.objects.filter(status=CaseStatus.PUBLISHED, is_hidden=False)
            .order_by("-published_at")
            .first()
        )
        tag = Tag.objects.annotate(uses=Count("taggit_taggeditem_items")).order_by("-uses").first()
        author = (
            get_user_model()
            .objects.filter(is_active=True, threads__isnull=False)
            .order_by("pk")
            .first()
        )
        conversation = member_state.fill(self._bench_user())
        both = [  # for visitors and members alike
            Target("home", "/"),
            Target("forum index", "/forums/"),
            Target("forum threads", forum.get_absolute_url()),
            Target("thread first page", longest.get_absolute_url()),
            Target("thread last page", f"{longest.get_absolute_url()}?page={last_page}"),
            Target("tag page", reverse("forums:tag", args=[tag.slug])),
            Target("profile", reverse("accounts:profile", args=[author.handle])),
            Target("cases list", "/cases/"),
            Target("search rare", "/search/?q=pheochromocytoma"),
            Target("search common", "/search/?q=patient"),
            Target("search two words", "/search/?q=chest+pain"),
        ]
        targets = [t for p in both for t in (p, Target(p.name, p.path, MEMBER))]
        members_only = [  # pages a visitor is sent to sign in from
            Target("following tab", reverse("forums:home_following"), MEMBER),
            Target("notifications", reverse("forums:notifications"), MEMBER),
            Target("bookmarks", reverse("forums:bookmarks"), MEMBER),
            Target("directory", reverse("accounts:directory"), MEMBER),
            Target("inbox", reverse("forums:consults"), MEMBER),
            Target("conversation", conversation.get_absolute_url(), MEMBER),
            Target("learning log", reverse("learning:log"), MEMBER),
        ]
        if case is not None:  # cases are for verified professionals: no visitor row
            members_only.insert(0, Target("case page", case.get_absolute_url(), MEMBER))
        in_review = Case.objects.filter(status=CaseStatus.PENDING).order_by("pk").first()
        if in_review is not None:
            members_only.append(
                Target("review page", f"/admin/cases/case/{in_review.pk}/review/", MODERATOR)
            )
        return targets + members_only

    def _bench_user(self):
        user_model = get_user_model()
        user = user_model.objects.filter(email="bench@rounds.test").first()
        if user is None:
            user = user_model.objects.create_user(
                email="bench@rounds.test",
                handle="bench_member",
                password=None,
                email_verified=True,
            )
        # A verified clinician, so the case pages and verified-only forums open.
        if user.professional_verified_until is None:
            user.professional_verified_until = timezone.localdate() + timedelta(days=365)
            user.save(update_fields=["professional_verified_until"])
        return user

    def _bench_moderator(self):
        """A moderator holding the group's permissions, with two-factor set up (admin asks)."""
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
        from django.contrib.auth.models import Group

        from accounts.roles import grant_to_moderators
        from cases.admin import MODERATOR_PERMISSIONS
        from forums.posting.moderation import ensure_moderator_permissions

        user_model = get_user_model()
        user = user_model.objects.filter(email="bench-mod@rounds.test").first()
        if user is None:
            user = user_model.objects.create_user(
                email="bench-mod@rounds.test",
                handle="bench_moderator",
                password=None,
                email_verified=True,
                is_staff=True,
            )
            user.groups.add(Group.objects.get_or_create(name="Moderators")[0])
        ensure_moderator_permissions()
        grant_to_moderators(app_label="cases", codenames=MODERATOR_PERMISSIONS)
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, generate_totp_secret())
        return user

    def _session_cookie(self, user) -> str:
        client = Client()
        client.force_login(user)
        return (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )

    def _count_queries(self, target: Target) -> int:
        client = Client(HTTP_HOST="127.0.0.1")
        if target.who == MEMBER:
            client.force_login(self._bench_user())
        elif target.who == MODERATOR:
            client.force_login(self._bench_moderator())
        # Warm caches the way a running server has them: twice, for a page whose first opening
        # writes (the review page claims the case, and keeps the copy read after that).
        client.get(target.path)
        client.get(target.path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(target.path)
        if response.status_code != 200:
            raise CommandError(f"{target.path} answered {response.status_code}")
        return len(captured)

    # -- running ----------------------------------------------------------------------------

    def _start_gunicorn(self, port: int) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": self.secret_key,
            "DATABASE_URL": settings.DATABASE_URL,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
        }
        # Production serves hashed static names from a manifest that collectstatic writes.
        self.stdout.write("collectstatic (production settings) ...")
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            env=env,
            cwd=settings.BASE_DIR,
            check=True,
        )
        gunicorn = Path(sys.executable).with_name("gunicorn")
        return subprocess.Popen(  # noqa: S603 - our own venv's gunicorn, fixed arguments
            [
                str(gunicorn),
                "config.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=settings.BASE_DIR,
        )

    def _wait_until_up(self, url: str) -> None:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=1):  # noqa: S310 - our own server
                    return
            except OSError:
                time.sleep(0.2)
        raise CommandError("gunicorn did not start")

    def _wrk(self, url: str, options, cookie: str | None) -> Result:
        command = [
            "wrk",
            "-t2",
            f"-c{options['connections']}",
            f"-d{options['duration']}s",
            "--latency",
            url,
        ]
        if cookie:
            command[1:1] = ["-H", f"Cookie: {cookie}"]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
        return parse_wrk(output)

    def _print_row(self, target: Target, hello: list[Result], page: list[Result], queries: int):
        ratio, low, high = pair_ratios(hello, page)
        if not getattr(self, "_header_done", False):
            self.stdout.write(
                f"{'page':<20} {'who':<9} {'req/s':>8} {'hello':>8} {'ratio':>6} "
                f"{'rounds':>11} {'p50 ms':>7} {'p99 ms':>7} {'SQL':>4}"
            )
            self._header_done = True
        page_rps = statistics.median(r.rps for r in page)
        hello_rps = statistics.median(r.rps for r in hello)
        self.stdout.write(
            f"{target.name:<20} {target.who:<9} "
            f"{page_rps:>8.0f} {hello_rps:>8.0f} {ratio:>6.2f} {f'{low:.2f}-{high:.2f}':>11} "
            f"{statistics.median(r.p50_ms for r in page):>7.1f} "
            f"{max(r.p99_ms for r in page):>7.1f} {queries:>4}"
        )

    # A typical 2 KB post (prose, a list, one link) and a link-heavy one (16 bare URLs, each
    # linked by bleach's html5lib-based linkifier): the target is checked on the first.
    TYPICAL_PARAGRAPH = (
        "A 67-year-old man presented with **exertional chest pain** radiating to the left arm, "
        "relieved by rest. Troponin was 14 ng/L at 0 h and 16 ng/L at 3 h; the ECG showed "
        "*ST depression* in V4-V6. "
    )
    TYPICAL_POST = (
        TYPICAL_PARAGRAPH * 3
        + "\n\n- aspirin 75 mg\n- atorvastatin 80 mg\n\n"
        + TYPICAL_PARAGRAPH * 3
        + "\n\nGuideline: https://www.escardio.org/Guidelines\n\n"
        + TYPICAL_PARAGRAPH * 4
    )[:2048]
    LINK_HEAVY_POST = (
        (
            "A 67-year-old with **exertional chest pain**; see https://example.org/ecg.\n\n"
            "- troponin 14 ng/L\n- ECG: ST depression V4-V6\n\n"
        )
        * 16
    )[:2048]

    @staticmethod
    def _render_ms(body: str, runs: int = 200) -> float:
        """The best of 3 batches: the least disturbed by whatever else the machine does."""
        batches = []
        for _ in range(3):
            started = time.perf_counter()
            for _ in range(runs):
                render_markdown(body)
            batches.append((time.perf_counter() - started) * 1000 / runs)
        return min(batches)

    WARM_REPLIES = 20
    TIMED_REPLIES = 200

    def _time_writing(self) -> str:
        typical_ms = self._render_ms(self.TYPICAL_POST)
        heavy_ms = self._render_ms(self.LINK_HEAVY_POST)
        # Read as the reply page reads it (``thread_for_page``: with its forum).
        thread = Thread.objects.select_related("category").order_by("pk").first()
        author = self._bench_user()
        # Replies are written by web workers, which config/wsgi.py readies this way (the
        # lexicon read, startup objects frozen out of the garbage collector's walks), and
        # which run with DEBUG off: this command runs under manage.py's local settings, whose
        # DEBUG logs every query's SQL.
        lexicon()
        freeze_startup()
        with override_settings(DEBUG=False):
            timings = self._time_replies(thread, author)
        line = (
            f"writing a 2 KB post: render+sanitise {typical_ms:.2f} ms typical (one link), "
            f"{heavy_ms:.2f} ms link-heavy (16 links); whole reply service (render, save, "
            f"index, notify, retire caches) p50 {statistics.median(timings):.2f} ms, "
            f"p95 {statistics.quantiles(timings, n=20)[-1]:.2f} ms ({self.TIMED_REPLIES} replies "
            f"after {self.WARM_REPLIES} to warm up, rolled back)"
        )
        self.stdout.write(line)
        return line

    def _time_replies(self, thread: Thread, author) -> list[float]:
        """Milliseconds per reply of the whole service. The first replies of a process are
        slower (the first one ~50 ms: templates, Markdown extensions and prepared statements
        loaded once), as they are once for a running server: warmed up first, then enough
        replies timed for a steady 95th percentile."""
        timings = []
        for n in range(self.WARM_REPLIES + self.TIMED_REPLIES):
            with transaction.atomic():
                started = time.perf_counter()
                create_reply(thread=thread, author=author, body=self.TYPICAL_POST, origin=SITE)
                if n >= self.WARM_REPLIES:
                    timings.append((time.perf_counter() - started) * 1000)
                transaction.set_rollback(True)
        return timings

    def _print_markdown(self, rows, queries, options, writing: str) -> None:
        """The same results as a Markdown table for the README, with date, machine and data."""
        cpu = _cpu_model()
        self.stdout.write("")
        self.stdout.write(
            f"Measured {timezone.now():%Y-%m-%d} on {os.cpu_count()} cores ({cpu}), "
            f"{Post.objects.count():,} posts / {Thread.objects.count():,} threads; "
            f"wrk {options['connections']} connections, {options['rounds']} rounds of "
            f"{options['duration']} s per page; pages hold {THREADS_PER_PAGE} threads / "
            f"{POSTS_PER_PAGE} posts."
        )
        self.stdout.write("")
        self.stdout.write(
            "| page | who | req/s | hello req/s | ratio | ratio by round | p50 ms | p99 ms | SQL |"
        )
        self.stdout.write("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        medians = {}
        for target, hello, page in rows:
            page_rps = statistics.median(r.rps for r in page)
            hello_rps = statistics.median(r.rps for r in hello)
            medians[(target.name, target.who)] = statistics.median(r.p50_ms for r in page)
            ratio, low, high = pair_ratios(hello, page)
            self.stdout.write(
                f"| {target.name} | {target.who} | "
                f"{page_rps:.0f} | {hello_rps:.0f} | {ratio:.2f} | {low:.2f}-{high:.2f} | "
                f"{statistics.median(r.p50_ms for r in page):.1f} | "
                f"{max(r.p99_ms for r in page):.1f} | "
                f"{queries[(target.name, target.who)]} |"
            )
        self.stdout.write("")
        for who in (VISITOR, MEMBER):
            first = medians.get(("thread first page", who))
            last = medians.get(("thread last page", who))
            if first and last:
                self.stdout.write(
                    f"Last page of the longest thread / its first page (p50, {who}): "
                    f"{last / first:.2f}x"
                )
        self.stdout.write(writing)
