"""The library: numbered migrations, full-text search, one transaction per article; SQLite (WAL, FTS5) by
default, PostgreSQL for a `postgresql://` location (`store.backends`, `store.postgres`)."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from pydantic import BaseModel

from spinlens.errors import LibraryError, NotFound, UsageError
from spinlens.model import NO_OUTLET, Article, _unchecked_span
from spinlens.store import journal
from spinlens.store.actors import ActorProfile, actor_names, actor_profiles, claims_condition
from spinlens.store.article_rows import ArticleRows, article_rows, block_key
from spinlens.store.backends import open_backend
from spinlens.store.busy import retry_busy
from spinlens.store.corrections import CorrectionStore, follow_text, technique_condition
from spinlens.store.jobs import JobStore
from spinlens.store.story_rows import StoryRows, all_stories, story_members, unplaced

_SORTS = {
    "published": "COALESCE(published, '') DESC, pk DESC",
    "added": "pk DESC",
    "title": "title COLLATE NOCASE ASC NULLS FIRST, pk DESC",
    "outlet": "outlet COLLATE NOCASE ASC NULLS FIRST, COALESCE(published, '') DESC, pk DESC",
    "spin": "COALESCE(spin, -1) DESC, pk DESC",
}


class ArticleSummary(BaseModel):
    """One row of a library listing."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    status: str
    word_count: int
    url: str | None
    spin: int | None = None


class SearchHit(ArticleSummary):
    """A full-text search result with a highlighted snippet ([match] marks the hits)."""

    snippet: str
    rank: float


class SaveResult(BaseModel):
    """What storing an article did: 'added', 'updated' or 'unchanged'."""

    id: str
    action: str
    stale_corrections: int = 0  # after an update: analysts' corrections of the article that no longer apply


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _migrations(subfolder: str = "migrations") -> list[tuple[int, str, str]]:
    folder = resources.files("spinlens.store").joinpath(*subfolder.split("/"))
    found = []
    for entry in folder.iterdir():
        match = re.match(r"(\d+)_(\w+)\.sql$", entry.name)
        if match:
            found.append((int(match.group(1)), match.group(2), entry.read_text("utf-8")))
    return sorted(found)


#: Shortest id prefix accepted for an id: shorter ones would soon match several articles.
MIN_ID_PREFIX = 4


def _no_library(named: bool) -> str:
    """Why a library that must exist (read commands never create one) is refused."""
    if named:
        return ("no such library file; commands that only read never create one (check --library or "
                "SPINLENS_LIBRARY; `spinlens analyze` creates a library)")
    return ("no library yet: `spinlens analyze FILE` creates it here; `spinlens demo` builds a demo library "
            "(its path is printed) to try the other commands on")


class Library(CorrectionStore, JobStore):
    """A spinlens library in one SQLite file or a PostgreSQL database (`store.backends` picks by location);
    safe to share between threads of one process."""

    def __init__(self, path: str | Path | None = None, *, create: bool = True):
        from spinlens.settings import default_library_location, library_is_named

        self._backend = open_backend(default_library_location() if path is None else path)
        self.path = self._backend.location  # a Path, ':memory:', or a postgresql:// URL
        if not create and isinstance(self.path, Path) and not self.path.exists():
            raise LibraryError(_no_library(path is not None or library_is_named()), source=self._backend.display)
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list = []
        try:
            self._conn = self._backend.connect()
            self._migrate()
        except self._backend.errors as exc:
            raise LibraryError(f"cannot open library: {exc}".strip(), source=self._backend.display) from exc
        except OSError as exc:
            raise LibraryError(f"cannot create library: {exc.strerror}", source=self._backend.display) from exc

    # -- lifecycle ---------------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
            self._conn.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if not self._backend.usable(self._conn):  # a PostgreSQL server restarted or dropped us
                self._conn = self._backend.connect()
            retry_busy(lambda: self._backend.begin(self._conn), self._backend.display)
            try:
                yield self._conn
                retry_busy(lambda: self._conn.execute("COMMIT"), self._backend.display)
            except BaseException:
                if self._conn.in_transaction:  # SQLite rolls back by itself on some errors (disk full)
                    self._conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """This thread's read connection: WAL readers see committed data and never wait for the writer.

        An in-memory library has one connection only, shared under the lock.
        """
        if not self._backend.separate_readers:
            with self._lock:
                yield self._conn
            return
        conn = getattr(self._local, "conn", None)
        if conn is None or not self._backend.usable(conn):
            conn = self._backend.connect(reader=True)
            with self._lock:
                self._readers.append(conn)
            self._local.conn = conn
        yield conn

    def _migrate(self) -> None:
        with self._lock, self._backend.migration_lock(self._conn):
            self._conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                               "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            done = {row[0] for row in self._conn.execute("SELECT version FROM schema_migrations")}
            for version, name, script in _migrations(self._backend.migrations_folder):
                if version in done:
                    continue
                with self._transaction() as conn:
                    if conn.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)).fetchone():
                        continue  # another process opening the same new library applied it meanwhile
                    self._backend.run_script(conn, script)
                    conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, _now()))

    @property
    def backend(self) -> str:
        """The back end holding this library: 'sqlite' or 'postgresql'."""
        return self._backend.name

    @property
    def display(self) -> str:
        """The location as messages name it (a file path, or a PostgreSQL URL with its password hidden)."""
        return self._backend.display

    @property
    def shared_location(self) -> str | None:
        """Where another process can open this library (a file path or a PostgreSQL URL); None in memory."""
        return None if self.path == ":memory:" else str(self.path)

    @property
    def schema_version(self) -> int:
        """Highest migration applied."""
        row = self._conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    # -- writing -----------------------------------------------------------------------------
    def save(self, article: Article, batch_id: str | None = None, rows: ArticleRows | None = None) -> SaveResult:
        """Store an article in one transaction: added, updated if changed, unchanged otherwise.

        With `batch_id`, the article's input is marked stored in that batch's journal in the same transaction.
        `rows` are its values from `article_rows` when already computed (by a worker that analysed it).
        """
        with self._transaction() as conn:
            result = self._write(conn, article, rows)
            if batch_id is not None:
                journal.record(conn, batch_id, article.source, article.id)
            return result

    def save_many(self, articles: Sequence[Article], batch_id: str | None = None,
                  rows: Sequence[ArticleRows | None] | None = None) -> list[SaveResult | LibraryError]:
        """Store a batch, each article in its own transaction; one that cannot be stored is reported
        as its `LibraryError` in its place, and the others are stored all the same. `rows`, if given,
        holds each article's `article_rows` (or None) in the same order."""
        results: list[SaveResult | LibraryError] = []
        for article, values in zip(articles, rows or [None] * len(articles)):
            try:
                results.append(self.save(article, batch_id, values))
            except LibraryError as exc:
                results.append(exc)
            except self._backend.errors as exc:
                results.append(LibraryError(f"cannot store article: {exc}", source=article.source))
        return results

    def _write(self, conn: sqlite3.Connection, article: Article, rows: ArticleRows | None = None) -> SaveResult:
        if not article.id or not article.identity:
            raise LibraryError("article has no id/identity; extract it before saving", source=article.source)
        rows = rows or article_rows(article)
        row = conn.execute("SELECT pk, state_hash FROM articles WHERE identity = ?",
                           (article.identity,)).fetchone()
        if row is not None and row["state_hash"] == rows.state:
            follow_text(conn, article)  # places corrections left behind by a re-analysis before migration 013
            return SaveResult(id=article.id, action="unchanged")
        now, stale = _now(), 0
        if row is None:
            cursor = conn.execute(
                "INSERT INTO articles (id, identity, state_hash, title, outlet, site, url, canonical_url,"
                " published, language, authors, status, word_count, text, data, spin, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*rows.values, now, now))
            pk, action = cursor.lastrowid, "added"
        else:
            pk, action = row["pk"], "updated"
            conn.execute(
                "UPDATE articles SET id=?, identity=?, state_hash=?, title=?, outlet=?, site=?, url=?,"
                " canonical_url=?, published=?, language=?, authors=?, status=?, word_count=?, text=?,"
                " data=?, spin=?, updated_at=? WHERE pk=?", (*rows.values, now, pk))
            conn.execute("DELETE FROM spans WHERE article_pk = ?", (pk,))
            conn.execute("DELETE FROM outlet_blocks WHERE article_pk = ?", (pk,))
            stale = follow_text(conn, article)  # analysts' corrections move with their words if the text shifted
        conn.executemany(
            'INSERT INTO spans (article_pk, seq, layer, start, "end", label, score, attrs) VALUES (?,?,?,?,?,?,?,?)',
            [(pk, *span) for span in rows.spans])
        if article.outlet:
            conn.executemany("INSERT INTO outlet_blocks VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                             [(article.outlet, key, pk) for key in rows.blocks])
        self._backend.index_text(conn, pk, article.title, article.text)
        return SaveResult(id=article.id, action=action, stale_corrections=stale)

    # -- batch journal (store/journal.py) ---------------------------------------------------
    def start_batch(self, batch_id: str, sources: Sequence[str], stages: Sequence[str], resume: bool = False) -> int:
        """Open a batch's journal, fresh unless `resume`; the number of its inputs already stored."""
        with self._transaction() as conn:
            return journal.start(conn, batch_id, sources, stages, _now(), resume)

    def done_inputs(self, batch_id: str, keys: Sequence[str]) -> set[str]:
        """Those of the input keys that the batch's journal holds as stored."""
        with self._reading() as conn:
            return journal.done_among(conn, batch_id, keys)

    def finish_batch(self, batch_id: str) -> None:
        """Note that every input of the batch was read (stored, or reported as failed)."""
        with self._transaction() as conn:
            journal.finish(conn, batch_id, _now())

    def batch_status(self, batch_id: str) -> dict | None:
        """A batch's sources, stages, times and stored-input count, or None if never started."""
        with self._reading() as conn:
            return journal.status(conn, batch_id)

    def add_story_edit(self, article_id: str, action: str, other_id: str | None = None) -> None:
        """Record a user's story edit: 'join' article_id to other_id's story, or 'split' it into its own."""
        full = self.resolve_id(article_id)
        other = self.resolve_id(other_id) if other_id else None
        if action not in ("join", "split") or (action == "join") != (other is not None):
            raise UsageError("a story edit is 'join' with another article, or 'split' alone")
        with self._transaction() as conn:
            conn.execute("INSERT INTO story_edits (article_id, action, other_id, created_at) VALUES (?, ?, ?, ?)",
                         (full, action, other, _now()))

    def story_edits(self) -> list[tuple[str, str, str | None]]:
        """Every story edit, oldest first: (article_id, action, other_id)."""
        with self._reading() as conn:
            return [(r[0], r[1], r[2]) for r in
                    conn.execute("SELECT article_id, action, other_id FROM story_edits ORDER BY seq")]

    def load_state(self, name: str) -> dict | None:
        """The stored state of a library-wide step (JSON), or None."""
        with self._reading() as conn:
            row = conn.execute("SELECT data FROM corpus_state WHERE name = ?", (name,)).fetchone()
        return json.loads(row[0]) if row else None

    def save_state(self, name: str, state: dict) -> None:
        """Store the state of a library-wide step (replacing the previous one)."""
        with self._transaction() as conn:
            conn.execute("INSERT INTO corpus_state (name, data, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) "
                         "DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
                         (name, json.dumps(state, ensure_ascii=False), _now()))

    @contextmanager
    def story_rows(self) -> Iterator[StoryRows]:
        """The story tables inside one write transaction (see `store.story_rows`)."""
        try:
            with self._transaction() as conn:
                yield StoryRows(conn)
        except self._backend.errors as exc:
            raise LibraryError(f"cannot update the stories: {exc}", source=self._backend.display) from exc

    def stories(self) -> list[tuple[int, dict, list[str]]]:
        """Every story: its number, its features and its members' ids in placement order."""
        with self._reading() as conn:
            return all_stories(conn)

    def story_members(self) -> dict[str, int]:
        """The story number of every placed article."""
        with self._reading() as conn:
            return story_members(conn)

    def unplaced_articles(self) -> list[str]:
        """Ids of stored articles not yet placed in a story."""
        with self._reading() as conn:
            return unplaced(conn)

    def revision(self) -> tuple:
        """A cheap marker that changes whenever articles or story edits change (for caches of corpus steps)."""
        # every read here is one index lookup (no count over the articles): deletions are counted as they happen
        with self._reading() as conn:
            return tuple(conn.execute(
                "SELECT (SELECT MAX(pk) FROM articles), (SELECT MAX(updated_at) FROM articles),"
                " (SELECT data FROM corpus_state WHERE name = 'deletions'), (SELECT MAX(seq) FROM story_edits)"
            ).fetchone())

    def article_ids(self) -> set[str]:
        """Ids of every stored article."""
        with self._reading() as conn:
            return {r[0] for r in conn.execute("SELECT id FROM articles")}

    def delete(self, article_id: str) -> None:
        """Remove an article and everything attached to it (analysts' corrections too)."""
        full_id = self.resolve_id(article_id)
        with self._transaction() as conn:
            conn.execute("DELETE FROM articles WHERE id = ?", (full_id,))
            conn.execute("DELETE FROM corrections WHERE article_id = ?", (full_id,))
            conn.execute("INSERT INTO corpus_state (name, data, updated_at) VALUES ('deletions', '1', ?) "
                         "ON CONFLICT(name) DO UPDATE SET data = CAST(CAST(corpus_state.data AS INTEGER) + 1 AS TEXT), "
                         "updated_at = excluded.updated_at", (_now(),))

    # -- reading -----------------------------------------------------------------------------
    def resolve_id(self, id_or_prefix: str) -> str:
        """Full id for an id or a unique prefix of at least `MIN_ID_PREFIX` characters."""
        needle = id_or_prefix.strip().lower()
        with self._reading() as conn:
            row = conn.execute("SELECT id FROM articles WHERE id = ?", (needle,)).fetchone()
            if row:
                return row["id"]
            if len(needle) >= MIN_ID_PREFIX and re.fullmatch(r"[0-9a-f]+", needle):
                rows = conn.execute("SELECT id FROM articles WHERE id LIKE ? LIMIT 6",
                                          (needle + "%",)).fetchall()
                if len(rows) == 1:
                    return rows[0]["id"]
                if rows:
                    raise UsageError(f"ambiguous id prefix {id_or_prefix!r}: "
                                     + ", ".join(r["id"] for r in rows[:5]))
            elif needle and re.fullmatch(r"[0-9a-f]+", needle):
                raise UsageError(f"id prefix {id_or_prefix!r} is too short: give at least {MIN_ID_PREFIX} "
                                 "characters of the id (see `spinlens list`)")
        raise NotFound(f"no article with id {id_or_prefix!r} in the library", source=self._backend.display)

    def get(self, id_or_prefix: str) -> Article:
        """The stored article with this id (or unique id prefix)."""
        full_id = self.resolve_id(id_or_prefix)
        with self._reading() as conn:
            row = conn.execute("SELECT pk, text, data FROM articles WHERE id = ?", (full_id,)).fetchone()
            return self._article_from_row(conn, row)

    def _article_from_row(self, conn: sqlite3.Connection, row: sqlite3.Row) -> Article:
        article = Article.model_validate_json(row["data"])
        article.text = row["text"]
        spans = conn.execute(
            'SELECT layer, start, "end", label, score, attrs FROM spans WHERE article_pk = ? ORDER BY seq',
            (row["pk"],)).fetchall()
        # validated when they were saved: built without validating again (most of a page's reading time)
        article.spans = [_unchecked_span(s["start"], s["end"], s["layer"], s["label"], s["score"],
                                         json.loads(s["attrs"]) if s["attrs"] else {}) for s in spans]
        return article

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Every stored article (or those with the given ids), in insertion order."""
        with self._reading() as conn:
            if ids is None:
                pks = [r[0] for r in conn.execute("SELECT pk FROM articles ORDER BY pk")]
            else:
                wanted = [self.resolve_id(i) for i in ids]
                pks = [r[0] for i in wanted
                       for r in conn.execute("SELECT pk FROM articles WHERE id = ?", (i,))]
        for pk in pks:
            with self._reading() as conn:
                row = conn.execute("SELECT pk, text, data FROM articles WHERE pk = ?", (pk,)).fetchone()
                if row is not None:
                    yield self._article_from_row(conn, row)

    def _filters(self, outlet: str | None, language: str | None, status: str | None,
                 actor: str | None = None, relation: str | None = None, *, technique: str | None = None,
                 min_spin: int | None = None, max_spin: int | None = None, since: str | None = None,
                 until: str | None = None, ids: Iterable[str] | None = None) -> tuple[str, list]:
        """WHERE clause and parameters; `since`/`until` compare ISO dates, `ids` restricts to those articles,
        `outlet` NO_OUTLET to those without an outlet."""
        clauses, params = [], []
        if relation or actor:
            if actor:
                with self._reading() as conn:
                    names = actor_names(conn, actor)
            condition, extra = claims_condition(names if actor else None, relation)
            clauses.append(condition)
            params.extend(extra)
        if technique:
            condition, extra = technique_condition(technique)
            clauses.append(condition)
            params.extend(extra)
        for clause, value in (("a.spin >= ?", min_spin), ("a.spin <= ?", max_spin),
                              ("a.published >= ?", _iso_date(since)), ("a.published < ?", _iso_date(until))):
            if value is not None:
                clauses.append(clause)
                params.append(value)
        if ids is not None:
            clauses.append("a.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(ids)))
        if outlet:
            none = outlet.lower() == NO_OUTLET
            clauses.append("(COALESCE(a.outlet, '') = '' OR a.outlet = ? COLLATE NOCASE)" if none
                           else "a.outlet = ? COLLATE NOCASE")
            params.append(outlet)
        if language:
            clauses.append("a.language = ?")
            params.append(language)
        if status:
            clauses.append("a.status LIKE ?")
            params.append(status + "%")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def list(self, *, limit: int = 50, offset: int = 0, outlet: str | None = None,
             language: str | None = None, status: str | None = None, sort: str = "published",
             actor: str | None = None, relation: str | None = None, **more: Any) -> list[ArticleSummary]:
        """A page of article summaries, filtered (also by actor and relation; `more`: technique, min_spin,
        since, until, ids) and sorted."""
        if sort not in _SORTS:
            raise UsageError(f"unknown sort {sort!r}; choose one of {', '.join(_SORTS)}")
        where, params = self._filters(outlet, language, status, actor, relation, **more)
        sql = (f"SELECT id, title, outlet, published, language, status, word_count, url, spin FROM articles a"
               f"{where} ORDER BY {_SORTS[sort]} LIMIT ? OFFSET ?")
        with self._reading() as conn:
            rows = conn.execute(sql, (*params, limit, offset)).fetchall()
        return [ArticleSummary(**dict(r)) for r in rows]

    def count(self, *, outlet: str | None = None, language: str | None = None, status: str | None = None,
              actor: str | None = None, relation: str | None = None, **more: Any) -> int:
        """Number of stored articles matching the filters (those of `list`)."""
        where, params = self._filters(outlet, language, status, actor, relation, **more)
        with self._reading() as conn:
            return int(conn.execute(f"SELECT COUNT(*) FROM articles a{where}", params).fetchone()[0])

    def search(self, query: str, *, limit: int = 20, offset: int = 0, outlet: str | None = None,
               language: str | None = None, actor: str | None = None, relation: str | None = None,
               **more: Any) -> list[SearchHit]:
        """Full-text search (FTS5 syntax; plain words are ANDed), best matches first; filters as `list`."""
        if not query.strip():
            raise UsageError("empty search query")
        where, params = self._filters(outlet, language, None, actor, relation, **more)
        extra = where.replace(" WHERE ", " AND ", 1)
        with self._reading() as conn:
            rows = self._backend.search_rows(conn, query, extra, params, limit, offset)
        return [SearchHit(**dict(r)) for r in rows]

    def search_count(self, query: str, *, outlet: str | None = None, language: str | None = None,
                     actor: str | None = None, relation: str | None = None, **more: Any) -> int:
        """Number of articles `search` would find with the same query and filters (for pagination)."""
        if not query.strip():
            raise UsageError("empty search query")
        where, params = self._filters(outlet, language, None, actor, relation, **more)
        with self._reading() as conn:
            return self._backend.search_count(conn, query, where.replace(" WHERE ", " AND ", 1), params)

    def repeated_blocks(self, outlet: str, blocks: Iterable[str], exclude_id: str | None = None,
                        min_articles: int | None = None) -> set[str]:
        """Those of `blocks` found in at least `min_articles` other articles of `outlet`."""
        from spinlens import settings

        threshold = min_articles or settings.get("repeat_min_articles")
        keyed: dict[str, list[str]] = {}
        for block in blocks:
            keyed.setdefault(block_key(block), []).append(block)
        if not keyed or not outlet:
            return set()
        marks = ",".join("?" * len(keyed))
        sql = ("SELECT b.block_hash FROM outlet_blocks b JOIN articles a ON a.pk = b.article_pk"
               f" WHERE b.outlet = ? AND b.block_hash IN ({marks}) AND a.id != ?"
               " GROUP BY b.block_hash HAVING COUNT(DISTINCT b.article_pk) >= ?")
        with self._reading() as conn:
            rows = conn.execute(sql, (outlet, *keyed, exclude_id or "", threshold)).fetchall()
        return {block for row in rows for block in keyed[row[0]]}

    def actors(self, *, limit: int = 50, actor: str | None = None) -> list[ActorProfile]:
        """Actors across the library: mentions, articles, designations, whom they accuse and who accuses them."""
        with self._reading() as conn:
            return actor_profiles(conn, limit=limit, actor=actor)

    def outlets(self) -> list[tuple[str, int]]:
        """(outlet, article count) for every outlet, articles without one counted under NO_OUTLET (the outlet
        filter's name for them), most articles first."""
        with self._reading() as conn:
            rows = conn.execute("SELECT outlet, COUNT(*) FROM articles GROUP BY outlet").fetchall()
        counts: dict[str, int] = {}
        for outlet, n in rows:
            name = outlet if outlet and outlet.lower() != NO_OUTLET else NO_OUTLET
            counts[name] = counts.get(name, 0) + n
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _iso_date(value: str | None) -> str | None:
    """A published-date bound checked to be an ISO date or date-time (compared as text with `published`)."""
    if value is None:
        return None
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"date {value!r} is not an ISO date (YYYY-MM-DD)") from None
    return value
