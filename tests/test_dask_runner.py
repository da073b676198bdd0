"""The Dask path: a real LocalCluster of two worker processes stores what the local path stores."""

from __future__ import annotations

import json
from pathlib import Path

import distributed
import pytest

import spinlens
from spinlens import api
from spinlens.pipeline.dask_runner import analysed_batches_on_dask, worker_pipeline_count
from spinlens.store import Library


BODY = ("The harbour authority said on Monday that dredging at berth {n} would resume next month after a survey "
        "found the channel had silted faster than expected. Fishing crews welcomed the decision but asked for "
        "compensation for the weeks they lost, the union's spokeswoman said.")


def _stored(path: Path) -> dict[str, tuple]:
    """Everything stored per article id: text, status, metadata and every span."""
    with Library(path) as library:
        return {a.id: (a.text, a.status, a.title, a.outlet, a.language,
                       sorted((s.layer, s.start, s.end, s.label, round(s.score or 0.0, 5)) for s in a.spans))
                for a in library.iter_articles()}


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        with distributed.Client(local) as client:
            yield local, client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A JSONL of short articles, one bad line and one too short."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = [json.dumps({"title": f"Dredging at berth {n}", "text": BODY.format(n=n), "outlet": f"Port News {n % 3}",
                         "url": f"https://port.example/{n}"}) for n in range(24)]
    lines.insert(5, "{not json")
    lines.insert(9, json.dumps({"title": "Too short", "text": "Three words only."}))
    (folder / "port.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "port.jsonl"


def test_dask_workers_store_the_same_articles_as_the_local_path(cluster, corpus, tmp_path, monkeypatch):
    _, client = cluster
    monkeypatch.setattr("spinlens.pipeline.dask_runner.PARTITION_BATCHES", 2)  # 6 batches: 3 tasks for 2 workers
    sources = [str(corpus)]
    with Library(tmp_path / "local.sqlite") as library:  # same batches: the int8 model scores depend on them
        local = list(api.analyze_documents(api.read_documents(sources), library=library, batch_size=4))
    with Library(tmp_path / "dask.sqlite") as library:
        pipeline = api.build_pipeline(library)
        documents = api.read_documents(sources)
        outcomes = [o for batch in analysed_batches_on_dask(documents, pipeline, 4, client)
                    for o in api._store_batch(batch, library)]
    assert sorted(o.source for o in outcomes) == sorted(o.source for o in local)
    assert sorted(str(o.error) for o in outcomes if o.error) == sorted(str(o.error) for o in local if o.error)
    assert len([o for o in outcomes if o.error]) == 2  # the bad line and the short text, reported by name
    stored = _stored(tmp_path / "dask.sqlite")
    assert len(stored) == 24
    assert stored == _stored(tmp_path / "local.sqlite")
    # every batch ran on a worker's cached pipeline: models loaded once per worker, not once per batch
    counts = client.run(worker_pipeline_count)
    assert len(counts) == 2 and all(n <= 1 for n in counts.values()) and sum(counts.values()) >= 1



def _rows(path: Path) -> dict[str, list]:
    """Every stored row that does not hold a clock time: articles, spans, outlet blocks and the stories."""
    import sqlite3

    queries = {
        "articles": "SELECT id, identity, state_hash, title, outlet, language, authors, status, word_count, text, data, "
                    "spin FROM articles ORDER BY id",
        "spans": 'SELECT a.id, s.seq, s.layer, s.start, s."end", s.label, s.score, s.attrs FROM spans s '
                 "JOIN articles a ON a.pk = s.article_pk ORDER BY 1, 2",
        "blocks": "SELECT o.outlet, o.block_hash, a.id FROM outlet_blocks o JOIN articles a ON a.pk = o.article_pk "
                  "ORDER BY 1, 2, 3",
        "members": "SELECT article_id, story_id, seq FROM story_members ORDER BY article_id",
        "stories": "SELECT story_id, data, first_at, last_at FROM stories ORDER BY story_id",
        "names": "SELECT name_key, story_id FROM story_names ORDER BY 1, 2",
        "terms": "SELECT term, df FROM story_terms ORDER BY 1"}
    conn = sqlite3.connect(path)
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        conn.close()


def test_dask_and_plain_paths_store_the_same_rows_and_stories(cluster, corpus, tmp_path, monkeypatch):
    """Workers compute the stored values and story features; the caller stores and places exactly as the plain path."""
    local, _ = cluster
    monkeypatch.setattr("spinlens.pipeline.dask_runner.PARTITION_BATCHES", 100)  # one task: batches come in order
    sources = [str(api.demo_corpus_dir()), str(corpus)]
    stages = ("clean", "paragraphs", "language", "sentences")  # no model: every stored value is exact
    for name, scheduler in (("plain", None), ("dask", local.scheduler_address)):
        with Library(tmp_path / f"{name}.sqlite") as library:
            outcomes = list(api.analyze_documents(api.read_documents(sources), library=library, batch_size=4,
                                                  pipeline=api.build_pipeline(library, names=stages),
                                                  scheduler=scheduler))
            assert sum(o.saved is not None for o in outcomes) == library.count() > 24
    plain, dask = _rows(tmp_path / "plain.sqlite"), _rows(tmp_path / "dask.sqlite")
    assert len({story for _, story, _ in plain["members"]}) > 1
    assert dask == plain

def test_cli_analyze_with_a_scheduler_address_stores_every_article(cluster, corpus, tmp_path):
    from click.testing import CliRunner

    from spinlens.cli import main

    local, _ = cluster
    library_path = tmp_path / "cli.sqlite"
    result = CliRunner().invoke(main, ["analyze", str(corpus), "--scheduler", local.scheduler_address,
                                       "--library", str(library_path), "-q"])
    assert result.exit_code == 1, result.output  # the two bad inputs
    assert "port.jsonl:6: line is not JSON" in result.output
    with Library(library_path) as library:
        assert library.count() == 24
        assert {a.title for a in library.iter_articles()} == {f"Dredging at berth {n}" for n in range(24)}


def test_remote_scheduler_takes_no_worker_count(cluster, corpus, tmp_path):
    local, _ = cluster
    outcomes = spinlens.analyze_sources([str(corpus)], library=None, store=False,
                                        scheduler=local.scheduler_address, workers=2)
    with pytest.raises(spinlens.SpinlensError, match="--workers sizes a local cluster"):
        next(iter(outcomes))


def test_unreachable_scheduler_is_a_clear_error(corpus, monkeypatch):
    monkeypatch.setattr("spinlens.pipeline.dask_runner.CONNECT_TIMEOUT", 2)
    outcomes = spinlens.analyze_sources([str(corpus)], store=False, scheduler="tcp://127.0.0.1:9")
    with pytest.raises(spinlens.SpinlensError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        next(iter(outcomes))


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(cluster, corpus, tmp_path, monkeypatch):
    import os
    import signal

    _, client = cluster
    monkeypatch.setattr("spinlens.pipeline.dask_runner.PARTITION_BATCHES", 1)  # 6 tasks in flight at once
    pids = client.run(os.getpid)
    with Library(tmp_path / "killed.sqlite") as library:
        pipeline = api.build_pipeline(library, names=("clean", "paragraphs", "language", "sentences"))
        outcomes = []
        for batch in analysed_batches_on_dask(api.read_documents([str(corpus)]), pipeline, 4, client):
            if not outcomes:  # the first batch is back: kill a worker while the others are in flight
                os.kill(next(iter(pids.values())), signal.SIGKILL)
            outcomes += api._store_batch(batch, library)
        assert sorted(o.source for o in outcomes if o.saved) == sorted(f"{corpus}:{n}" for n in range(1, 27)
                                                                        if n not in (6, 10))
        assert library.count() == 24
    client.wait_for_workers(2, timeout=60)  # the nanny restarts it for the tests that follow
    assert set(client.run(os.getpid).values()) != set(pids.values())  # it was killed indeed
