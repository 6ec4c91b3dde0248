"""A debugging aid for worker memory: with ``ROUNDS_WORKER_TRACEMALLOC`` set to a folder, each
Celery pool process traces its Python allocations (``tracemalloc``) and, every
``ROUNDS_WORKER_TRACEMALLOC_EVERY`` tasks (default 50), appends to ``<folder>/worker-<pid>.txt``
one line of figures and the allocations that grew most since its first snapshot:

    tasks 200  rss 131.2 MB  traced 18.4 MB  peak since last 42.7 MB
    +6.1 MB (+21,010 blocks) forums/mail/notification_emails.py:118
    ...

"traced" is what the process holds now (a leak grows it from line to line); "peak since last"
is the most it held at once during those tasks (a growing working set grows it, and the RSS
follows the peak: freed memory is mostly kept by the allocator). Unset, nothing is imported
or traced. ``manage.py worker_memory --tracemalloc`` sets it for its worker.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "ROUNDS_WORKER_TRACEMALLOC"
TOP = 12


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Tracer:
    def __init__(self, folder: str, every: int) -> None:
        import tracemalloc

        self.tracemalloc = tracemalloc
        self.every = max(every, 1)
        self.tasks = 0
        self.first = None
        self.path = Path(folder) / f"worker-{os.getpid()}.txt"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tracemalloc.start(10)

    def task_done(self) -> None:
        self.tasks += 1
        if self.tasks % self.every:
            return
        tm = self.tracemalloc
        traced, peak = tm.get_traced_memory()
        tm.reset_peak()
        snapshot = tm.take_snapshot().filter_traces(
            [tm.Filter(False, tm.__file__), tm.Filter(False, "<frozen importlib._bootstrap>")]
        )
        lines = [
            f"tasks {self.tasks}  rss {rss_mb():.1f} MB  traced {traced / 2**20:.1f} MB  "
            f"peak since last {peak / 2**20:.1f} MB"
        ]
        if self.first is None:
            self.first = snapshot
        else:
            for stat in snapshot.compare_to(self.first, "lineno")[:TOP]:
                frame = stat.traceback[0]
                lines.append(
                    f"  {stat.size_diff / 2**20:+.2f} MB ({stat.count_diff:+,} blocks) "
                    f"{frame.filename}:{frame.lineno}"
                )
        with self.path.open("a") as out:
            out.write("\n".join(lines) + "\n")


def connect(app) -> None:
    """Hook the tracer into ``app``'s pool processes when ``ROUNDS_WORKER_TRACEMALLOC`` is set."""
    folder = os.environ.get(ENV)
    if not folder:
        return
    from celery.signals import task_postrun, worker_process_init

    every = int(os.environ.get(f"{ENV}_EVERY", "50"))
    state: dict[str, Tracer] = {}

    @worker_process_init.connect(weak=False)
    def start(**_kwargs) -> None:
        state["tracer"] = Tracer(folder, every)

    @task_postrun.connect(weak=False)
    def done(**_kwargs) -> None:
        if "tracer" in state:
            state["tracer"].task_done()
