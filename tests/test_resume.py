"""Resumable batches: a run killed or failing part-way, then `--resume`, stores every article exactly once
(on both back ends: a SQLite file and a PostgreSQL database)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from spinlens import api
from spinlens.cli import main
from spinlens.model import short_id
from spinlens.pipeline import DEFAULT_PIPELINE
from spinlens.pipeline.resume import batch_id_for
from spinlens.store import Library
from spinlens.store.backends import is_postgres_url

#: Inputs of the killed run: enough that it is still running when 20 are stored.
KILLED_RUN_INPUTS = 150
TEXT = ("Ferry crews at pier {n} walked out on Tuesday after talks on rosters broke down, the union said. "
        "The operator called the strike reckless and said most crossings would still run on time.")


def _write_corpus(path: Path, count: int) -> set[str]:
    """A JSONL of `count` short distinct articles; returns the ids they must be stored under."""
    urls = [f"https://ferry.example/{n}" for n in range(count)]
    with open(path, "w", encoding="utf-8") as handle:
        for n, url in enumerate(urls):
            handle.write(json.dumps({"title": f"Pier {n} strike", "text": TEXT.format(n=n), "url": url,
                                     "outlet": "Ferry Times"}) + "\n")
    return {short_id(url) for url in urls}


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path) -> str:
    """Where the library lives: a new SQLite file, or a fresh PostgreSQL database."""
    return str(tmp_path / "lib.sqlite") if request.param == "sqlite" else request.getfixturevalue("postgres_url")


def _check_stored_once(location: str | Path, ids: set[str], source: str) -> None:
    """Every expected article stored, once, whole (spans and one search entry), and journalled once."""
    with Library(location) as library:
        sql = library._conn.execute
        stored = [r[0] for r in sql("SELECT id FROM articles")]
        assert sorted(stored) == sorted(ids)
        assert sql("SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
                   "(SELECT 1 FROM spans s WHERE s.article_pk = a.pk AND s.layer = 'paragraph')").fetchone()[0] == 0
        assert sql("SELECT COUNT(*) FROM spans WHERE article_pk NOT IN (SELECT pk FROM articles)").fetchone()[0] == 0
        assert len(library.search("ferry", limit=len(ids) + 1)) == len(ids)
        keys = [r[0] for r in sql("SELECT input_key FROM batch_inputs")]
        assert sorted(keys) == sorted(f"{source}:{n}" for n in range(1, len(ids) + 1))


def _stored_count(location: str) -> int:
    """Articles stored so far (0 while a SQLite library is not created or migrated yet)."""
    if is_postgres_url(location):
        with Library(location) as library:
            return library.count()
    try:
        with sqlite3.connect(f"file:{location}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created or not migrated yet
        return 0


def test_killed_run_resumes_and_stores_every_article_exactly_once(tmp_path, location):
    corpus, library, total = tmp_path / "ferries.jsonl", location, KILLED_RUN_INPUTS
    ids = _write_corpus(corpus, total)
    env = {**os.environ, "SPINLENS_BATCH_SIZE": "4"}
    spinlens_cli = Path(sys.executable).with_name("spinlens")
    process = subprocess.Popen([str(spinlens_cli), "analyze", str(corpus), "--library", str(library), "-q"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while _stored_count(library) < 20 and process.poll() is None:
            time.sleep(0.05)
        assert process.poll() is None, "the run ended before it could be killed: " + process.stderr.read().decode()
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
    before = _stored_count(library)
    assert 20 <= before < total

    result = CliRunner().invoke(main, ["analyze", str(corpus), "--library", str(library), "--resume"])
    assert result.exit_code == 0, result.output
    with Library(library) as lib:
        journalled = lib.batch_status(batch_id_for([str(corpus)], DEFAULT_PIPELINE))
    assert f"resuming: {before} input(s) already stored are skipped" in result.output
    assert f"{total - before} articles analysed, 0 failed" in result.output
    assert journalled["stored"] == total and journalled["finished_at"] is not None
    _check_stored_once(library, ids, str(corpus))


def test_a_full_disk_part_way_leaves_nothing_half_written_and_resume_completes(tmp_path, monkeypatch, location):
    corpus, path = tmp_path / "ferries.jsonl", location
    ids = _write_corpus(corpus, 40)
    real_write = Library._write
    writes = {"n": 0}

    def write_then_fill_the_disk(self, conn, article, rows=None):
        result = real_write(self, conn, article, rows)  # the article and its spans are written...
        writes["n"] += 1
        if writes["n"] > 15:  # ...then the transaction fails, as a full disk makes it
            raise self._backend.errors[0]("database or disk is full")  # sqlite3.Error or psycopg.Error
        return result

    monkeypatch.setattr(Library, "_write", write_then_fill_the_disk)
    with Library(path) as library:
        batch = api.start_batch(library, [str(corpus)])
        outcomes = list(api.analyze_sources([str(corpus)], library=library, batch=batch))
        assert sum(o.saved is not None for o in outcomes) == 15
        failed = [o for o in outcomes if o.error is not None]
        assert len(failed) == 25
        assert all("cannot store article: database or disk is full" in str(o.error) for o in failed)
        assert str(corpus) + ":16" in str(failed[0].error)
        assert library.count() == 15 and library.batch_status(batch.id)["stored"] == 15

    monkeypatch.setattr(Library, "_write", real_write)
    with Library(path) as library:
        batch = api.start_batch(library, [str(corpus)], resume=True)
        assert batch.already_stored == 15
        outcomes = list(api.analyze_sources([str(corpus)], library=library, batch=batch))
        assert len(outcomes) == 25 and all(o.saved.action == "added" for o in outcomes)
    _check_stored_once(path, ids, str(corpus))


def test_a_fresh_run_restarts_the_journal_and_updates_nothing_twice(tmp_path):
    corpus, path = tmp_path / "ferries.jsonl", tmp_path / "lib.sqlite"
    ids = _write_corpus(corpus, 12)
    with Library(path) as library:
        for resume in (False, False, True):
            batch = api.start_batch(library, [str(corpus)], resume=resume)
            actions = [o.saved.action for o in api.analyze_sources([str(corpus)], library=library, batch=batch)]
            if resume:  # a finished batch resumed: every input is already stored
                assert batch.already_stored == 12 and actions == []
            else:  # without --resume every input is read again; stored articles come back unchanged
                assert batch.already_stored == 0 and len(actions) == 12
        assert actions == [] and library.count() == 12
    _check_stored_once(path, ids, str(corpus))


def test_resume_without_the_library_is_a_usage_error(tmp_path):
    corpus = tmp_path / "ferries.jsonl"
    _write_corpus(corpus, 2)
    result = CliRunner().invoke(main, ["analyze", str(corpus), "--no-store", "--resume"])
    assert result.exit_code == 2 and "--resume needs the library" in result.output


@pytest.mark.parametrize("sources, other", [(["a.jsonl"], ["b.jsonl"]), (["a.jsonl", "b.jsonl"], ["b.jsonl", "a.jsonl"])])
def test_batches_are_told_apart_by_their_sources(sources, other):
    assert batch_id_for(sources, ["clean"]) != batch_id_for(other, ["clean"])
    assert batch_id_for(sources, ["clean"]) != batch_id_for(sources, ["clean", "paragraphs"])
    assert batch_id_for(sources, ["clean"]) == batch_id_for(list(sources), ("clean",))


def test_a_killed_pool_worker_stops_the_run_with_a_clear_error_and_resume_completes(tmp_path, monkeypatch):
    import multiprocessing

    from spinlens.errors import SpinlensError

    corpus, path = tmp_path / "ferries.jsonl", tmp_path / "lib.sqlite"
    ids = _write_corpus(corpus, 80)
    monkeypatch.setenv("SPINLENS_BATCH_SIZE", "4")
    before = {child.pid for child in multiprocessing.active_children()}
    with Library(path) as library:
        batch = api.start_batch(library, [str(corpus)])
        outcomes = api.analyze_sources([str(corpus)], library=library, batch=batch, workers=2)
        with pytest.raises(SpinlensError, match="a worker process died .* run the same command with --resume"):
            for number, _ in enumerate(outcomes):
                if number == 0:  # the pool is up: kill one of its workers
                    pool = [c.pid for c in multiprocessing.active_children() if c.pid not in before]
                    os.kill(pool[0], signal.SIGKILL)
        stored = library.count()
        assert 0 < stored < 80
        batch = api.start_batch(library, [str(corpus)], resume=True)
        assert batch.already_stored == stored
        rest = list(api.analyze_sources([str(corpus)], library=library, batch=batch, workers=2))
        assert len(rest) == 80 - stored and all(o.saved.action == "added" for o in rest)
    _check_stored_once(path, ids, str(corpus))
