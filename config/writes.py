"""Small writes that need nothing from one another, sent to PostgreSQL as one statement.

A reply moves half a dozen counters and rows (its thread's, its forum's, the author's watch
state, profile and monthly activity, their draft), each one short statement owned by its own
module. Sent one by one, each costs a round trip and a parse: about 0.2 to 0.4 ms, most of the
reply service's time once the Markdown is rendered (issue 28). ``Writes`` collects them and
sends them as the data-modifying clauses of one ``WITH`` statement.

A function that writes takes ``writes: Writes | None = None`` and calls ``write``: with no
``Writes`` its statement runs at once, as before; with one it is added, and the caller's
``run()`` sends them all.

PostgreSQL runs every clause of one statement on one snapshot, so only writes that need nothing
from one another belong together: no clause sees another's rows, nothing a clause returns
reaches the caller, and no row may be changed by two clauses (which of the two would win is
unspecified), so each row is written by one clause (a thread's counters and participants are
one UPDATE). Each statement uses named parameters only (``%(name)s``); they are renamed per
clause, so two clauses may use the same names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.db import connection

_PARAMETER = re.compile(r"%\((\w+)\)s")


class Writes:
    def __init__(self) -> None:
        self._clauses: list[str] = []
        self._params: dict[str, Any] = {}

    def __len__(self) -> int:
        return len(self._clauses)

    def add(self, sql: str, params: Mapping[str, Any]) -> None:
        """One INSERT, UPDATE or DELETE (without RETURNING: nothing comes back)."""
        prefix = f"w{len(self._clauses)}_"
        self._clauses.append(_PARAMETER.sub(lambda m: f"%({prefix}{m[1]})s", sql.strip()))
        self._params.update({prefix + name: value for name, value in params.items()})

    def run(self) -> None:
        """Send what was added (nothing when nothing was), and start again empty."""
        if not self._clauses:
            return
        if len(self._clauses) == 1:
            sql, params = self._clauses[0], self._params
            self._clauses, self._params = [], {}
        else:
            sql, params = self.before("SELECT 1", {})
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    def before(self, query: str, params: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        """What was added, then ``query`` (a SELECT with named parameters), as one statement
        for the caller to send (``Model.objects.raw`` reads its rows), saving the query's round
        trip; start again empty. On the statement's one snapshot the query sees the tables as
        they were before these writes: only a query that needs none of their rows belongs."""
        clauses, merged = self._clauses, {**self._params, **params}
        self._clauses, self._params = [], {}
        if not clauses:
            return query, dict(params)
        parts = ",\n".join(f"w{i} AS (\n{clause}\n)" for i, clause in enumerate(clauses))
        return f"WITH {parts}\n{query.strip()}", merged


def write(sql: str, params: Mapping[str, Any], writes: Writes | None = None) -> None:
    """Run ``sql`` now, or add it to ``writes`` for the caller to send with the others."""
    if writes is not None:
        writes.add(sql, params)
        return
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
