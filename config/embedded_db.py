"""The embedded PostgreSQL used when ``DATABASE_URL`` is not set.

pgserver ships PostgreSQL binaries in a wheel. The server keeps its data under
``var/pgdata`` and listens on a Unix socket only, so it never takes a port.
pgserver counts the processes holding it and stops the server when the last
one exits (runserver's reloader, pytest and manage.py commands share it).
"""

from __future__ import annotations

import os
from pathlib import Path


def embedded_database_url(var_dir: Path) -> str:
    var_dir.mkdir(parents=True, exist_ok=True)
    # pgserver keeps its lock and, for long paths, its socket in the user's runtime directory;
    # containers and CI often have none, so give it one inside var/.
    os.environ.setdefault("XDG_RUNTIME_DIR", str(var_dir / "run"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)

    import pgserver  # imported late: only the embedded mode needs it

    server = pgserver.get_server(var_dir / "pgdata", cleanup_mode="stop")
    return server.get_uri("postgres")
