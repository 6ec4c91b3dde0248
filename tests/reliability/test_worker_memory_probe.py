"""``manage.py worker_memory`` (cases/benchmarks/worker_memory.py) end to end, briefly: a real
Celery worker on Redis gets the notification emails of replies written at a steady pace, the
probe prints the worker processes' RSS over time, and with ``--tracemalloc`` each process
writes what it holds and its peak (config/worker_memory.py). Whether the memory levels off is
for the real run (README "Soak test"): a minute on a shared machine does not say."""

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


def test_the_probe_samples_the_workers_and_traces_their_allocations(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server (apt-get install redis-server)")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["DATABASE_URL"] = settings.DATABASE_URL  # the server's; the probe makes its own database
    env["ROUNDS_VAR_DIR"] = str(tmp_path)  # its logs and traces, apart from a real run's
    database = f"rounds_probetest_{uuid.uuid4().hex[:8]}"
    done = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "worker_memory", "--replies", "80", "--rate", "8",
         "--posts", "1000", "--members", "30", "--threads", "10", "--sample", "3",
         "--warmup", "0", "--drain", "60", "--tracemalloc", "--memory-growth", "1000",
         "--database", database],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-5000:]
    samples = re.findall(r"replies +([\d,]+) +emailed +([\d,]+) +worker RSS MB ([\d. ]+)", output)
    assert len(samples) >= 3, output[-5000:]
    assert samples[-1][0] == "80"
    assert int(samples[-1][1]) > 0  # the worker sent emails
    assert re.search(r"Worker RSS \(both processes\): [\d.]+ MB at \d+ s", output), output[-3000:]
    traces = list((tmp_path / "worker_memory").glob("worker-*.txt"))
    assert traces, output[-3000:]
    first = traces[0].read_text().splitlines()[0]
    assert re.match(r"tasks 20  rss [\d.]+ MB  traced [\d.]+ MB  peak since last [\d.]+ MB", first)
