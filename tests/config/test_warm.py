"""A web process is readied by config/wsgi.py (and asgi.py) before its first request: the
scanner's lexicon read, and what startup loaded frozen out of the cyclic collector's walks
(config/warm.py). Checked in a fresh interpreter that imports the entry point as gunicorn does:
freezing the test process itself would change every later test's memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc, importlib, sys
module = importlib.import_module(sys.argv[1])
from cases.deidentify.lexicon import lexicon
frozen = gc.get_freeze_count()
# The collector still frees what requests make: a cycle made now is collected.
a = []; b = [a]; a.append(b); del a, b
print(frozen, lexicon.cache_info().currsize, gc.collect(), callable(module.application))
"""


@pytest.mark.parametrize("entry", ["config.wsgi", "config.asgi"])
def test_the_entry_point_reads_the_lexicon_and_freezes_startup(entry):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k" * 64,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1:8000",
        "DATABASE_URL": settings.DATABASE_URL,
    }
    out = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", PROBE, entry],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.split()
    frozen, lexicons, collected, has_app = int(out[0]), int(out[1]), int(out[2]), out[3]
    # Django, the URL conf and the lexicon's sets: hundreds of thousands of tracked objects.
    assert frozen > 50_000
    assert lexicons == 1  # read before the first request, not by the first author's scan
    assert collected >= 2  # the cycle made after the freeze was freed
    assert has_app == "True"
