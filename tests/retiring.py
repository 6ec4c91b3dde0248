"""``assert_retires``: a block retires exactly the named generations of shared pages it says."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache
from django.test import TestCase

from config.cache import start_generation
from forums.sharing.cache import GENERATION_KEYS


def _generations() -> dict[str, int]:
    return {name: start_generation(cache, key) for name, key in GENERATION_KEYS.items()}


@contextmanager
def assert_retires(*names: str) -> Iterator[None]:
    """The block, once its transaction commits, moves these generations
    (``forums.sharing.cache``) and no other: ``assert_retires()`` says it retires nothing."""
    before = _generations()
    with TestCase.captureOnCommitCallbacks(execute=True):
        yield
    after = _generations()
    moved = {name for name in GENERATION_KEYS if after[name] != before[name]}
    assert moved == set(names), f"retired {sorted(moved)}, expected {sorted(names)}"
