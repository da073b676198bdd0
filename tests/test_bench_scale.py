"""`spinlens bench scale`: the generated corpus, and the command's figures for the plain and Dask paths."""

from __future__ import annotations

import json

from click.testing import CliRunner

from spinlens.bench.scale import write_corpus
from spinlens.cli import main


def test_generated_corpus_has_distinct_articles_of_both_kinds(tmp_path):
    path = tmp_path / "scale.jsonl"
    assert write_corpus(path, 60) == 60
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert len(records) == 60 and len({r["url"] for r in records}) == 60
    assert len({r["text"] for r in records[1::2]}) == 30  # generated texts all differ
    assert all(len(r["text"].split()) >= 15 for r in records)  # long enough to be articles


def test_bench_scale_prints_every_path_with_all_articles_stored(tmp_path):
    result = CliRunner().invoke(main, ["bench", "scale", "--articles", "24", "--workers", "1",
                                       "--stages", "clean,paragraphs", "--workdir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "stages: clean, paragraphs (then stored, one transaction per article)" in lines
    assert any(line.startswith("plain, one process:") and "(24 stored, 0 failed" in line for line in lines)
    assert any(line.startswith("dask, 1 local worker") and "(24 stored, 0 failed" in line for line in lines)
    assert any(line.startswith("dask overhead at 1 worker vs the plain path:") for line in lines)


def test_bench_scale_names_an_unknown_or_misordered_stage(tmp_path):
    for stages, problem in (("clean,parrots", "unknown stage 'parrots'"), ("sentences", "requires")):
        result = CliRunner().invoke(main, ["bench", "scale", "--articles", "10", "--stages", stages])
        assert result.exit_code == 2 and problem in result.output and "--stages" in result.output
