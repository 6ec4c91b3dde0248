"""``manage.py bench``: the page benchmark under gunicorn and wrk (``make bench``).

The code lives in ``cases.benchmarks.pages``, outside what the running site imports.
"""

from cases.benchmarks.pages import PageBenchmark as Command

__all__ = ["Command"]
