"""The scanner finds the same identifiers in every process: nothing it does may depend on the
order of a set, which changes with Python's hash seed (PYTHONHASHSEED) from one process to
the next. Two rules looked again for at most 24 parts of names found (and 8 surnames) taken
from a set, so a long text lost different names in different web workers."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from django.conf import settings

WORDS = (
    "kaimana makaiwi tolani adeyinka siosaia fifita oksana hrytsenko bartek wozniak aroha tipene "
    "ifeoma nwosu halima yusuf lwazi dlamini keoni kahale teuila faleolo zainab okafor ngozi eze "
    "wiremu ngata sione tuilagi amara obi olusegun bello"
).split()
# A handover of seventeen beds, names in lower case, then each surname alone in a later line.
NAMES = [f"{WORDS[i]} {WORDS[i + 1]}" for i in range(0, len(WORDS) - 1, 2)]
TEXT = (
    " ".join(f"bed {i + 1}: {name}, 7{i % 10}M, stable overnight." for i, name in enumerate(NAMES))
    + " "
    + " ".join(f"creatinine for {name.split()[1]} is up." for name in NAMES)
)

SCAN = """
import json, os, sys
import django
django.setup()
from cases.deidentify import find_identifiers
print(json.dumps([(f.start, f.end, f.kind) for f in find_identifiers(sys.stdin.read())]))
"""


def _findings(seed: str) -> list:
    env = {**os.environ, "PYTHONHASHSEED": seed, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    out = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", SCAN],
        input=TEXT,
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_every_process_finds_the_same_identifiers_whatever_its_hash_seed():
    assert 2 * len(NAMES) > 24  # more name parts than the rules look for again
    runs = [_findings(seed) for seed in ("1", "2", "3", "4")]

    assert all(run == runs[0] for run in runs[1:])
    assert len(runs[0]) >= len(NAMES)  # and the names are found
