"""One digest sending process's work in ``bench_digests``: its shard of the members, sent to
the benchmark's SMTP sink over its own database connection. Run in the command's own process
(``--processes 1``) or in a fresh one (``cases.benchmarks.digest_sender``)."""

from __future__ import annotations

import time

from django.db import connection, connections
from django.test.utils import override_settings

from accounts.models import DigestFrequency
from forums.mail.digests.send import send_digests


def smtp_settings(port: int):
    return override_settings(
        EMAIL_BACKEND="config.mail.SMTPBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    )


def send_shard(port, moment, shard, shards, results, write):
    """One sending process: its shard of the members, its own database connection."""
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    def progress(run):
        write(f"  [{shard + 1}/{shards}] sent {run.sent}, empty {run.empty}, failed {run.failed}")

    cpu = time.process_time()
    with smtp_settings(port), connection.execute_wrapper(count):
        run = send_digests(
            DigestFrequency.DAILY, now=moment, progress=progress, shard=shard, shards=shards
        )
    cpu = time.process_time() - cpu
    connections.close_all()
    results.put((run.as_dict(), queries, cpu))
