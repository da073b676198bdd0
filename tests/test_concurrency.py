"""Libraries under concurrency: readers while a batch writes, two batches writing at once (SQLite files and
PostgreSQL databases), a busy SQLite lock."""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from spinlens import api
from spinlens.errors import LibraryError
from spinlens.ingest.document import RawDocument
from spinlens.model import short_id
from spinlens.store import Library
from spinlens.store.busy import retry_busy

INGEST = ("clean", "paragraphs", "language", "sentences")
TEXT = ("Tram drivers in district {n} said on Friday that the new timetable leaves no time for breaks, and the "
        "city transport board promised to review it before the winter service begins.")


def _documents(start: int, stop: int) -> list[RawDocument]:
    return [RawDocument(source=f"tram-{n}", kind="text", content=f"Tram timetable {n}\n\n" + TEXT.format(n=n),
                        meta={"url": f"https://tram.example/{n}", "outlet": "Tram Gazette"}) for n in range(start, stop)]


def _read_in_a_loop(path: str, stop, problems, counts) -> None:
    """What the web app does: list, search, get and count through the Library API, until told to stop."""
    try:
        with Library(path) as library:
            while not stop.is_set():
                rows = library.list(limit=20, sort="added")
                library.search("timetable", limit=5)
                for row in rows[:3]:
                    library.get(row.id)
                counts.append(library.count())
    except Exception as exc:  # anything at all surfacing to the reader is a failure
        problems.append(f"{type(exc).__name__}: {exc}")


def _location(request, path: Path, backend: str) -> str:
    """A new SQLite file at `path`, or a fresh PostgreSQL database."""
    return str(path) if backend == "sqlite" else request.getfixturevalue("postgres_url")


@pytest.mark.parametrize("reader, backend", [("thread", "sqlite"), ("process", "sqlite"), ("thread", "postgresql")])
def test_readers_see_a_growing_library_while_a_batch_writes(request, tmp_path, reader, backend):
    path = _location(request, tmp_path / "lib.sqlite", backend)
    library = Library(path)
    if reader == "thread":
        stop, problems, counts = threading.Event(), [], []
        worker = threading.Thread(target=_read_in_a_loop, args=(str(path), stop, problems, counts))
    else:
        context = multiprocessing.get_context("fork")
        manager = context.Manager()
        stop, problems, counts = manager.Event(), manager.list(), manager.list()
        worker = context.Process(target=_read_in_a_loop, args=(str(path), stop, problems, counts))
    worker.start()
    try:
        pipeline = api.build_pipeline(library, names=INGEST)
        outcomes = list(api.analyze_documents(_documents(0, 150), library=library, pipeline=pipeline, batch_size=5))
    finally:
        stop.set()
        worker.join(60)
    seen, problems = list(counts), list(problems)
    if reader == "process":
        manager.shutdown()
    assert [o.error for o in outcomes if o.error] == []
    assert problems == []
    assert len(seen) > 1 and seen == sorted(seen)  # never a lost article, as the reader sees it
    assert library.count() == 150
    library.close()


def _write_corpus(path: Path, numbers: range) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for n in numbers:
            handle.write(json.dumps({"title": f"Tram timetable {n}", "text": TEXT.format(n=n),
                                     "url": f"https://tram.example/{n}", "outlet": "Tram Gazette"}) + "\n")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_analyze_processes_write_one_new_library_with_nothing_lost_or_doubled(request, tmp_path, backend):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    path = _location(request, tmp_path / "new" / "lib.sqlite", backend)
    _write_corpus(first, range(0, 60))
    _write_corpus(second, range(40, 100))  # 20 articles in both batches
    env = {**os.environ, "SPINLENS_BATCH_SIZE": "4"}
    command = [str(Path(sys.executable).with_name("spinlens")), "analyze", "--library", str(path), "-q"]
    runs = [subprocess.Popen(command + [str(corpus)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for corpus in (first, second)]
    errors = [run.communicate(timeout=600)[1].decode() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    assert not any("locked" in e or "busy" in e for e in errors), errors
    migrations = Path(api.__file__).parent / "store" / "migrations" / ("postgres" if backend == "postgresql" else "")
    with Library(path) as library:  # every migration applied once, by whichever run came first
        assert library._conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == len(
            list(migrations.glob("*.sql")))
        stored = [r[0] for r in library._conn.execute("SELECT id FROM articles")]
    assert sorted(stored) == sorted(short_id(f"https://tram.example/{n}") for n in range(100))


def test_a_write_waits_out_a_held_lock_instead_of_failing(tmp_path, monkeypatch):
    path = tmp_path / "lib.sqlite"
    library = Library(path)
    pipeline = api.build_pipeline(None, names=INGEST)
    articles = [o.article for o in api.analyze_documents(_documents(0, 3), store=False, pipeline=pipeline)]
    library._conn.execute("PRAGMA busy_timeout=0")  # fail at once inside SQLite: the retry must do the waiting
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock...
    waits = []

    def wait(seconds: float) -> None:
        waits.append(seconds)
        if holder.in_transaction:
            holder.execute("COMMIT")  # ...until the first backoff, when it lets go

    monkeypatch.setattr("spinlens.store.busy.time.sleep", wait)
    results = library.save_many(articles)
    assert [r.action for r in results] == ["added"] * 3
    assert len(waits) == 1 and library.count() == 3
    library.close()
    holder.close()


def test_a_lock_held_past_the_retry_budget_is_a_clear_library_error(tmp_path):
    path = tmp_path / "lib.sqlite"
    Library(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    writer = sqlite3.connect(path, isolation_level=None, timeout=0)
    with pytest.raises(LibraryError, match="library stayed busy for over 0 s") as caught:
        retry_busy(lambda: writer.execute("BEGIN IMMEDIATE"), str(path), budget=0.2)
    assert "database is locked" not in str(caught.value) and str(path) in str(caught.value)
    holder.execute("ROLLBACK")
    assert retry_busy(lambda: writer.execute("SELECT 1").fetchone()[0], str(path)) == 1
