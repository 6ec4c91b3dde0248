"""Benchmarks and the benchmark corpus: measuring tools, not part of the running site.

``pages`` (``make bench``: pages under gunicorn as ratios to a hello view), ``seed`` and ``bulk``
(``seed_bench``: a million-post corpus with COPY), ``search`` (``bench_search``), ``digests``
with ``digest_shard`` and ``digest_sender`` (``bench_digests``), ``soak`` with ``soak_load``
and ``soak_check`` (``soak``: the whole stack under mixed load), ``servers`` (free ports).

They live here because ``cases`` is the top app: the only place that may import all three apps
without turning the import direction (cases -> forums -> accounts) around, and the top level
of the repository is fixed. Nothing in the running site imports this package (a test checks);
the management commands of the same names are one-line entry points into it.
"""
