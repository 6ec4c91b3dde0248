"""``manage.py bench_search``: p50/p95 of typical searches on the loaded corpus.

The code lives in ``cases.benchmarks.search``, outside what the running site imports.
"""

from cases.benchmarks.search import SearchBenchmark as Command

__all__ = ["Command"]
