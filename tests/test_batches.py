"""Batches analysed in worker processes: same outcomes, same order, errors kept, one writer."""

from __future__ import annotations

import pickle

import pytest

import spinlens
from spinlens.errors import FetchError, InputError, LibraryError, NotAnArticle, SpinlensError
from spinlens.ingest.document import RawDocument
from spinlens.pipeline.batches import group

BODY = ("The harbour authority said on Monday that dredging would resume next month after a survey found "
        "the channel had silted faster than expected. Fishing crews welcomed the decision but asked for "
        "compensation for the weeks they lost. {n}")

INGEST = ("clean", "paragraphs", "language", "sentences")


def _documents(count: int) -> list:
    docs: list = []
    for n in range(count):
        if n % 7 == 3:
            docs.append(InputError("cannot read file", source=f"broken-{n}.txt"))
        elif n % 7 == 5:
            docs.append(RawDocument(source=f"short-{n}.txt", kind="text", content="Too short.", meta={}))
        else:
            docs.append(RawDocument(source=f"doc-{n}.txt", kind="text",
                                    content=f"Dredging resumes {n}\n\n" + BODY.format(n=n), meta={}))
    return docs


@pytest.mark.parametrize("error", [InputError("bad line 3", source="a.jsonl"), FetchError("refused", source="http://x"),
                                   NotAnArticle("3 words"), LibraryError("locked", source="lib.sqlite")])
def test_errors_survive_pickling_with_reason_and_source(error: SpinlensError):
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert (back.reason, back.source, str(back)) == (error.reason, error.source, str(error))


def test_group_counts_documents_not_errors():
    batches = list(group(_documents(20), 4))
    assert [sum(not isinstance(i, SpinlensError) for i in b) for b in batches] == [4, 4, 4, 4, 1]
    assert sum(len(b) for b in batches) == 20


def test_workers_give_the_same_outcomes_in_the_same_order(tmp_path):
    documents = _documents(40)
    results = {}
    for workers in (1, 2):
        library = spinlens.open_library(tmp_path / f"lib{workers}.sqlite")
        pipeline = spinlens.build_pipeline(library, names=INGEST)
        outcomes = list(spinlens.analyze_documents(documents, library=library, pipeline=pipeline,
                                                   batch_size=4, workers=workers))
        results[workers] = [(o.source, o.ok, str(o.error) if o.error else None,
                             o.article.text if o.article else None, o.saved.action if o.saved else None)
                            for o in outcomes]
        assert library.count() == sum(o.ok for o in outcomes)
        library.close()
    assert results[1] == results[2]
    sources = [r[0] for r in results[2]]
    assert sources == [getattr(d, "source", None) or d.source for d in documents]
    assert sum(r[1] for r in results[2]) == 40 - 6 - 5  # 6 broken and 5 too-short inputs reported, not lost
    assert any("not an article" in (r[2] or "") for r in results[2])


def test_bench_ingest_stores_every_replicated_article_with_each_worker_count(tmp_path):
    from click.testing import CliRunner

    from spinlens.cli import main

    result = CliRunner().invoke(main, ["bench", "ingest", "--articles", "12", "--workers", "1", "--workers", "2",
                                       "--workdir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("spinlens ingest")]
    assert len(lines) == 4
    assert all("(12 stored, 0 failed" in line for line in lines)
    assert sorted(line.split("(workers=")[1][0] for line in lines) == ["1", "1", "2", "2"]
    assert "peak resident memory" in result.output
