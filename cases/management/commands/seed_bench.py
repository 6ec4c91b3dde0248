"""``manage.py seed_bench``: a large corpus for the benchmarks, written with COPY.

The code lives in ``cases.benchmarks.seed``, outside what the running site imports.
"""

from cases.benchmarks.seed import SeedBenchmark as Command

__all__ = ["Command"]
