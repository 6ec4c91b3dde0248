"""A short soak end to end (`manage.py soak`, cases/benchmarks/soak.py): gunicorn, a Celery
worker, Redis, PostgreSQL and an SMTP sink under mixed load from 4 virtual users for 20 s. No
request fails, every accepted reply is in the database once and every due notification email
reached the sink exactly once. Latency and memory targets are left to the real 10-minute soak
(README "Soak test"): 20 s on a shared machine measures neither."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.redis


def test_a_short_soak_loses_nothing_and_answers_every_request():
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server (apt-get install redis-server)")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["DATABASE_URL"] = settings.DATABASE_URL  # the server's; the soak makes its own database
    database = f"rounds_soaktest_{uuid.uuid4().hex[:8]}"
    done = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "soak", "--seconds", "20", "--users", "4",
         "--members", "40", "--posts", "1000", "--database", database,
         "--p99-ms", "60000", "--memory-growth", "1000", "--worker-memory"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-5000:]
    total = re.search(r"^\| all \| ([\d,]+) \| (\d+) \|", output, re.M)
    assert total, output[-5000:]
    assert int(total.group(1).replace(",", "")) > 50
    assert total.group(2) == "0"
    kept = re.search(
        r"Replies accepted: ([\d,]+); in the database once: ([\d,]+); missing: 0; "
        r"more than once: 0",
        output,
    )
    assert kept, output[-5000:]
    assert int(kept.group(1)) > 0
    assert kept.group(1) == kept.group(2)
    mail = re.search(
        r"Notification emails due: ([\d,]+); at the SMTP sink: ([\d,]+); exactly once: ([\d,]+); "
        r"missing: 0; extra: 0; ledger not sent: 0",
        output,
    )
    assert mail, output[-5000:]
    assert int(mail.group(1)) > 0
    assert mail.group(1) == mail.group(2) == mail.group(3)
    assert "Targets: all met" in output
    # --worker-memory: the workers' RSS over the run, a row per sample (README "Soak test").
    curve = re.findall(r"^\| (\d+) \| ([\d.]+) \| ([\d.]+) \|$", output, re.M)
    assert "| seconds | gunicorn workers MB | celery workers MB |" in output
    assert len(curve) >= 2, output[-3000:]
    assert all(float(celery) > 10 for _at, _web, celery in curve), curve


def test_soak_members_reply_within_the_sites_per_member_limits(settings):
    """At any pace (a faster machine, ``--think 0``) the soak's members wait for the site's
    posting limits rather than collect 429s: a member at a limit is passed over for the next
    one in turn, and with every member at it the user reads instead."""
    from accounts.ratelimit import PER_MEMBER, rates_for
    from cases.benchmarks.soak_load import Member, Results, VirtualUser

    settings.ROUNDS_RATE_LIMITS = {"post": "6/m/member,60/h/member,300/h/ip"}  # as in base.py
    limits = [(r.amount, r.seconds) for r in rates_for("post") if r.per == PER_MEMBER]
    per_minute = min(count for count, seconds in limits if seconds <= 60)
    busy, free = Member("busy", "s1", "10.0.0.1"), Member("free", "s2", "10.0.0.2")
    now = time.monotonic()
    busy.posted = [now - 1] * per_minute
    assert not busy.may_post(limits, now)
    assert busy.may_post(limits, now + 61)  # the minute has passed
    assert free.may_post(limits, now)
    user = VirtualUser(
        number=0, site=None, members=[busy, free], results=Results(), deadline=0, think=0,
        seed=0, post_limits=limits,
    )  # fmt: skip
    assert user.next_member_free_to_post() is free
    free.posted = [now - 1] * per_minute
    assert user.next_member_free_to_post() is None
