"""Wagtail's database search backend, with SQLite's relevance ranking done in one pass.

PostgreSQL, the production database, ranks in a join and keeps Wagtail's backend as it is; on
SQLite with FTS5, modelsearch 1.3 ranks every match with a query of its own, so
cms.sqlite_search takes its place there.
"""

from __future__ import annotations

from typing import Any

from modelsearch.backends.database import SearchBackend as database_backend

UPSTREAM_SQLITE = "modelsearch.backends.database.sqlite.sqlite.SQLiteSearchBackend"


def SearchBackend(params: dict) -> Any:  # noqa: N802 (the name Wagtail looks up in a backend module)
    """The database backend Wagtail would pick, with the one-pass ranking where it is SQLite FTS5."""
    backend = database_backend(params)
    if f"{type(backend).__module__}.{type(backend).__qualname__}" == UPSTREAM_SQLITE:
        from cms.sqlite_search import RankedSQLiteSearchBackend

        return RankedSQLiteSearchBackend(params)
    return backend
