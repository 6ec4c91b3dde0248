"""``manage.py worker_memory``: the Celery workers' RSS over time under the soak's task mix.

The code lives in ``cases.benchmarks.worker_memory``, outside what the running site imports.
"""

from cases.benchmarks.worker_memory import WorkerMemory as Command

__all__ = ["Command"]
