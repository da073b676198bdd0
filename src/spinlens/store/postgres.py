"""A library in a PostgreSQL database (`postgresql://user@host/db`), through psycopg 3.

The store's queries are written once, in SQL both databases understand, with SQLite's `?` placeholders.
A `PostgresConnection` runs them after translating the few SQLite spellings they use:

- `?` placeholders become `%s` (and a literal `%` becomes `%%`), outside quoted strings;
- `json_each(?)` over a JSON array becomes `jsonb_array_elements_text(CAST(? AS jsonb))` (same `value` column);
- `cursor.lastrowid` after an INSERT is the new row's identity column, read with `RETURNING`;
- `COLLATE NOCASE` and `json_extract(doc, '$.key')` need no translation: migration 001 creates a
  case-insensitive ICU collation named `nocase` and a `json_extract` function in the database.

Rows answer to both `row[0]` and `row["name"]`, like `sqlite3.Row`. Writers take one advisory lock per
transaction, so writes are serialised exactly as SQLite serialises them, across processes and machines.
Full-text search uses a `tsvector` column (GIN index) of the case- and accent-folded title and text,
with the 'simple' configuration (no stemming, no stop words: the same matches as SQLite's FTS5 index),
queried with `websearch_to_tsquery` and ranked with `ts_rank_cd`; snippets come from `ts_headline`.
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Iterator, Sequence

import psycopg

from spinlens.store.backends import plain_words

#: Advisory lock keys: one held by every write transaction, one while migrating.
WRITE_LOCK = 0x5350494E  # "SPIN"
MIGRATION_LOCK = 0x4C454E53  # "LENS"
#: Characters of an article's text that go into its search vector (a tsvector holds at most 1 MB).
MAX_INDEXED_CHARS = 300_000
_HEADLINE = "StartSel=[, StopSel=], MaxWords=16, MinWords=6, ShortWord=0, MaxFragments=1, FragmentDelimiter=…"
_QUOTED = re.compile(r"('(?:[^']|'')*'|\"(?:[^\"]|\"\")*\")")
_INSERT = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.IGNORECASE)


@lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """The PostgreSQL spelling of one of the store's SQLite-style parameterised statements."""
    parts = _QUOTED.split(sql)
    for i in range(0, len(parts), 2):
        text = parts[i].replace("%", "%%")
        text = re.sub(r"\bjson_each\(\?\)", "jsonb_array_elements_text(CAST(? AS jsonb))", text, flags=re.I)
        parts[i] = text.replace("?", "%s")
    return "".join(parts)


@lru_cache(maxsize=64)
def _row_class(names: tuple[str, ...]) -> type:
    index = {name: i for i, name in enumerate(names)}

    class Row(tuple):
        """A result row readable by position or by column name (and `dict(row)`)."""

        __slots__ = ()

        def __getitem__(self, key: Any) -> Any:
            return tuple.__getitem__(self, index[key] if isinstance(key, str) else key)

        def keys(self) -> list[str]:
            return list(names)

    return Row


def _row_factory(cursor: psycopg.Cursor) -> Any:
    if cursor.description is None:
        return tuple
    row = _row_class(tuple(column.name for column in cursor.description))
    return lambda values: row(values)


class _Cursor:
    """A psycopg cursor with `lastrowid` (the identity of the row an INSERT added, else None)."""

    def __init__(self, cursor: psycopg.Cursor, lastrowid: int | None = None):
        self._cursor = cursor
        self.lastrowid = lastrowid

    def __iter__(self) -> Iterator:
        return iter(self._cursor) if self._cursor.description is not None else iter(())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


class PostgresConnection:
    """A psycopg connection (autocommit; transactions are explicit) that runs the store's SQLite-style SQL."""

    def __init__(self, conn: psycopg.Connection):
        self.raw = conn
        self._identity: dict[str, str | None] = {}

    def execute(self, sql: str, params: Sequence | None = None) -> _Cursor:
        """Run one statement (`?` placeholders) and return its cursor."""
        if params is None:
            return _Cursor(self.raw.execute(sql))
        sql = translate(sql)
        insert = _INSERT.match(sql)
        column = self._identity_column(insert.group(1)) if insert and "RETURNING" not in sql.upper() else None
        if column is None:
            return _Cursor(self.raw.execute(sql, params))
        cursor = self.raw.execute(f"{sql} RETURNING {column}", params)
        row = cursor.fetchone()
        return _Cursor(cursor, row[0] if row else None)

    def executemany(self, sql: str, rows: Sequence[Sequence]) -> None:
        """Run one statement for each parameter row."""
        with self.raw.cursor() as cursor:
            cursor.executemany(translate(sql), rows)

    def close(self) -> None:
        """Close the connection."""
        self.raw.close()

    @property
    def in_transaction(self) -> bool:
        """True inside BEGIN ... COMMIT, including a failed transaction awaiting ROLLBACK (not on a lost link)."""
        status = psycopg.pq.TransactionStatus
        return self.raw.info.transaction_status in (status.INTRANS, status.INERROR)

    def _identity_column(self, table: str) -> str | None:
        table = table.lower()
        if table not in self._identity:
            row = self.raw.execute("SELECT column_name FROM information_schema.columns WHERE table_schema ="
                                   " current_schema() AND table_name = %s AND is_identity = 'YES'", (table,)).fetchone()
            self._identity[table] = row[0] if row else None
        return self._identity[table]


def fold(text: str) -> str:
    """Lower-case text without diacritics (what SQLite's `unicode61 remove_diacritics 2` indexes)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


class PostgresBackend:
    """A library in a PostgreSQL database named by a URL; migrations in `store/migrations/postgres/`."""

    name = "postgresql"
    migrations_folder = "migrations/postgres"
    errors: tuple[type[BaseException], ...] = (psycopg.Error,)
    separate_readers = True

    def __init__(self, url: str):
        self.location = url

    @property
    def display(self) -> str:
        """The URL as shown in messages, password hidden."""
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", self.location)

    def connect(self, *, reader: bool = False) -> PostgresConnection:
        """A new autocommit connection (readers see every committed write at once)."""
        conn = psycopg.connect(self.location, autocommit=True, row_factory=_row_factory, connect_timeout=15,
                               application_name="spinlens")
        if reader:
            conn.execute("SET default_transaction_read_only = on")
        return PostgresConnection(conn)

    def usable(self, conn: PostgresConnection) -> bool:
        """Whether a connection can still be used: not closed, and not broken by a lost server link."""
        return not (conn.raw.closed or conn.raw.broken)

    def begin(self, conn: PostgresConnection) -> None:
        """Start a write transaction holding the library's write lock (one writer at a time, as in SQLite)."""
        conn.execute("BEGIN")
        conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))

    @contextmanager
    def migration_lock(self, conn: PostgresConnection) -> Iterator[None]:
        """One process migrates at a time; the others wait, then find the migrations applied."""
        conn.execute("SELECT pg_advisory_lock(?)", (MIGRATION_LOCK,))
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(?)", (MIGRATION_LOCK,))

    def run_script(self, conn: PostgresConnection, script: str) -> None:
        """Run one migration script (PostgreSQL takes several statements in one call)."""
        conn.execute(script)

    def index_text(self, conn: PostgresConnection, pk: int, title: str | None, text: str) -> None:
        """Store the article's search vector: folded title (weight A) and text (weight B)."""
        conn.execute("UPDATE articles SET search_vector = setweight(to_tsvector('simple', ?), 'A')"
                     " || setweight(to_tsvector('simple', ?), 'B') WHERE pk = ?",
                     (fold(title or ""), fold(text[:MAX_INDEXED_CHARS]), pk))

    def search_rows(self, conn: PostgresConnection, query: str, extra: str, params: list, limit: int,
                    offset: int) -> list:
        """Rows of a full-text search (web search syntax: words ANDed, "phrases", or, -word), best first."""
        sql = ("WITH q AS (SELECT websearch_to_tsquery('simple', ?) AS query),"
               " hit AS (SELECT a.pk, a.id, a.title, a.outlet, a.published, a.language, a.status, a.word_count,"
               " a.url, a.spin, -ts_rank_cd(a.search_vector, q.query) AS rank FROM articles a, q"
               f" WHERE a.search_vector @@ q.query{extra} ORDER BY rank, a.pk LIMIT ? OFFSET ?)"
               " SELECT hit.id, hit.title, hit.outlet, hit.published, hit.language, hit.status, hit.word_count,"
               " hit.url, hit.spin, ts_headline('simple', a.text, q.query, ?) AS snippet, hit.rank"
               " FROM hit JOIN articles a ON a.pk = hit.pk, q ORDER BY hit.rank, hit.pk")
        return conn.execute(sql, (_search_terms(query), *params, limit, offset, _HEADLINE)).fetchall()

    def search_count(self, conn: PostgresConnection, query: str, extra: str, params: list) -> int:
        """How many articles a full-text search finds."""
        sql = ("SELECT COUNT(*) FROM articles a WHERE a.search_vector @@ websearch_to_tsquery('simple', ?)"
               f"{extra}")
        return int(conn.execute(sql, (_search_terms(query), *params)).fetchone()[0])


def _search_terms(query: str) -> str:
    """The folded query; one with an unclosed quote is taken as plain words, as the SQLite back end does."""
    if query.count('"') % 2 or not re.search(r"\w", query):
        query = " ".join(plain_words(query))
    return fold(query)
