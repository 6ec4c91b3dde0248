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
