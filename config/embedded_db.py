"""The embedded PostgreSQL used when ``DATABASE_URL`` is not set.

pgserver ships PostgreSQL binaries in a wheel. The server keeps its data under
``var/pgdata`` and listens on a Unix socket only, so it never takes a port.
pgserver counts the processes holding it and stops the server when the last
one exits (runserver's reloader, pytest and manage.py commands share it).
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
from pathlib import Path


def embedded_database_url(var_dir: Path) -> str:
    var_dir.mkdir(parents=True, exist_ok=True)
    # pgserver keeps its lock and, for long paths, its socket in the user's runtime directory;
    # containers and CI often have none, so give it one inside var/.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(var_dir / "run"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)

    import pgserver  # imported late: only the embedded mode needs it

    server = pgserver.get_server(var_dir / "pgdata", cleanup_mode="stop")
    _forget_dead_handles(server)
    # atexit runs last-registered first, so this prunes before pgserver decides whether this
    # process is the last one. runserver's reloader SIGKILLs its child when it is terminated.
    atexit.register(_forget_dead_handles, server)
    _exit_cleanly_on_sigterm()
    return server.get_uri("postgres")


def _forget_dead_handles(server) -> None:
    """Drop processes that died without running pgserver's exit hook (kill -9, a crash).

    pgserver stops the server when the last process in its handle list exits; a dead process
    left in that list would keep the server running for ever.
    """
    handles = server.global_process_id_list
    alive = [pid for pid in handles.get() if _is_running(pid)]
    handles.put(alive)


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exit_cleanly_on_sigterm() -> None:
    """pgserver stops the server from an atexit hook, which a bare SIGTERM would skip.

    Only when nobody else has claimed SIGTERM (gunicorn and Celery install their own).
    """
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
