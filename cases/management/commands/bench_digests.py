"""``manage.py bench_digests``: digests per second through a local SMTP server.

The code lives in ``cases.benchmarks.digests``, outside what the running site imports.
"""

from cases.benchmarks.digests import DigestBenchmark as Command

__all__ = ["Command"]
