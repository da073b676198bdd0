"""Where a library lives: a SQLite file (the default) or a PostgreSQL database, chosen by its location.

`Library` holds all the SQL and speaks to either through this small interface: how to connect, how a
write transaction starts, where the migrations are and how a script runs, how full-text search is done
and kept up to date. The queries themselves are shared: PostgreSQL connections translate the few SQLite
spellings the store uses (see `spinlens.store.postgres`).
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

from spinlens.errors import UsageError
from spinlens.store.busy import retry_busy

_URL = re.compile(r"^postgres(?:ql)?://", re.IGNORECASE)


def is_postgres_url(location: object) -> bool:
    """True when `location` is a `postgresql://` or `postgres://` URL."""
    return isinstance(location, str) and bool(_URL.match(location.strip()))


def open_backend(location: str | Path) -> "SqliteBackend":
    """The back end for a library location: a PostgreSQL URL, ':memory:', or a file path."""
    if is_postgres_url(location):
        from spinlens.store.postgres import PostgresBackend

        return PostgresBackend(str(location).strip())
    return SqliteBackend(location)


class SqliteBackend:
    """A library in one SQLite file: WAL, FTS5 kept by triggers, one writer at a time (BEGIN IMMEDIATE)."""

    name = "sqlite"
    migrations_folder = "migrations"
    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)

    def __init__(self, location: str | Path):
        self.location: str | Path = location if location == ":memory:" else Path(location).expanduser()

    @property
    def display(self) -> str:
        """The location as shown in messages."""
        return str(self.location)

    @property
    def separate_readers(self) -> bool:
        """Whether each thread gets its own read connection (an in-memory library has one connection)."""
        return isinstance(self.location, Path)

    def connect(self, *, reader: bool = False) -> sqlite3.Connection:
        """A new connection: the writer (WAL, foreign keys) or a read-only reader."""
        if not reader and isinstance(self.location, Path):
            self.location.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(self.location), check_same_thread=False, isolation_level=None, timeout=30)
        conn.row_factory = sqlite3.Row
        if reader:
            conn.execute("PRAGMA query_only=ON")
        else:
            # switching a new file to WAL needs its exclusive lock and, when another process opening the same
            # new library holds it, fails at once without SQLite's busy handler: wait it out
            retry_busy(lambda: conn.execute("PRAGMA journal_mode=WAL"), str(self.location))
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        return conn

    def usable(self, conn: Any) -> bool:
        """Whether a connection can still be used (a SQLite connection stays usable until closed)."""
        return True

    def begin(self, conn: Any) -> None:
        """Start a write transaction; SQLite takes the one write lock of the file at once."""
        conn.execute("BEGIN IMMEDIATE")

    @contextmanager
    def migration_lock(self, conn: Any) -> Iterator[None]:
        """Held while migrations are checked and applied (SQLite: each runs in its own write transaction)."""
        yield

    def run_script(self, conn: Any, script: str) -> None:
        """Run one migration script, statement by statement (triggers included)."""
        buffer = ""
        for line in script.splitlines(keepends=True):
            if not buffer and line.strip().startswith("--"):
                continue
            buffer += line
            if sqlite3.complete_statement(buffer):
                conn.execute(buffer.strip())
                buffer = ""
        if buffer.strip():
            conn.execute(buffer.strip())

    def index_text(self, conn: Any, pk: int, title: str | None, text: str) -> None:
        """Update the full-text index for one article (SQLite: the FTS5 triggers already did)."""

    def search_rows(self, conn: Any, query: str, extra: str, params: list, limit: int, offset: int) -> list:
        """Rows of a full-text search in FTS5 syntax, best first; `extra` (' AND ...') filters articles `a`."""
        sql = ("SELECT a.id, a.title, a.outlet, a.published, a.language, a.status, a.word_count, a.url, a.spin,"
               " snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet, articles_fts.rank AS rank"
               f"{_FTS5_MATCH}{extra} ORDER BY articles_fts.rank LIMIT ? OFFSET ?")  # rank: bm25, found faster
        return self._matching(conn, sql, query, (*params, limit, offset)).fetchall()

    def search_count(self, conn: Any, query: str, extra: str, params: list) -> int:
        """How many articles a full-text search finds."""
        if not extra:  # no filter on the articles: the index alone knows how many match
            return int(self._matching(conn, "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", query,
                                      params).fetchone()[0])
        return int(self._matching(conn, f"SELECT COUNT(*){_FTS5_MATCH}{extra}", query, params).fetchone()[0])

    def _matching(self, conn: Any, sql: str, query: str, params: Sequence) -> Any:
        """Run a MATCH query; a malformed FTS5 query is retried as plain words, all required."""
        try:
            return conn.execute(sql, (query, *params))
        except sqlite3.OperationalError:
            return conn.execute(sql, (quote_terms(query), *params))


_FTS5_MATCH = " FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid WHERE articles_fts MATCH ?"


def plain_words(query: str) -> list[str]:
    """The words of a query that is not valid search syntax, operators left out (all will be required)."""
    words = [w for w in re.findall(r"\w+", query) if w not in {"AND", "OR", "NOT", "NEAR"}]
    if not words:
        raise UsageError(f"search query {query!r} has no words to look for")
    return words


def quote_terms(query: str) -> str:
    """Turn free text into a safe FTS5 query: each word a quoted term, all required."""
    return " ".join(f'"{w}"' for w in plain_words(query))
