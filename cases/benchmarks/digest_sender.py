"""One ``bench_digests`` sending process, started fresh ("spawn"), never forked.

Forking a process that has threads (a test run that drove a browser, a server with a thread
pool) can hand the child a lock some other thread held, and the child then waits for ever. A
fresh interpreter sets Django up itself and connects to the parent's database by name, which
is also how a Celery worker process starts. Nothing here imports Django before ``setup()``.
"""

from __future__ import annotations

import os


def run_shard(settings_module, database_name, port, moment, shard, shards, results) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django
    from django.conf import settings

    django.setup()
    settings.DATABASES["default"]["NAME"] = database_name  # the parent's (maybe a test) database

    from cases.benchmarks.digest_shard import send_shard

    send_shard(port, moment, shard, shards, results, lambda line: print(line, flush=True))
