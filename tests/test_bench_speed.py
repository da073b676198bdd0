"""`spinlens bench speed` runs end to end and prints its figures (the figures themselves are not asserted:
speed is measured by the command, never by timed tests)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from spinlens.cli import main


@pytest.mark.parametrize("language, name", [("en", "English"), ("fr", "French")])
def test_bench_speed_prints_every_figure(language, name):
    result = CliRunner().invoke(main, ["bench", "speed", "--articles", "2", "--words", "60", "--lang", language])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"articles: 2 {name}, ~60 words each")
    number = r"[0-9]+(\.[0-9]+)?"
    assert re.search(rf"end to end .*: {number} articles/s", result.output)
    assert re.search(rf"raw ONNX encoder alone: {number} paragraphs/s", result.output)
    assert re.search(rf"ratio end-to-end / raw encoder time: {number}x", result.output)
    assert re.search(rf"peak resident memory: {number} MB", result.output)
    assert "techniques" in result.output  # the per-stage times name the stage


def test_bench_speed_articles_are_in_the_language_asked_for():
    from spinlens.bench.speed import make_articles
    from spinlens.text.language import identify

    for language in ("en", "fr", "de"):
        documents = make_articles(3, 120, language)
        assert len({d.content for d in documents}) == 3
        assert all(identify(d.content)[0] == language for d in documents)


def test_bench_speed_refuses_a_language_that_does_not_run_the_encoder():
    from spinlens.bench.speed import run_speed_bench
    from spinlens.errors import UsageError

    with pytest.raises(UsageError, match="'ru'"):
        list(run_speed_bench(2, 60, "ru"))
    result = CliRunner().invoke(main, ["bench", "speed", "--lang", "it"])
    assert result.exit_code == 2 and "'it'" in result.output
