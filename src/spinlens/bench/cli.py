"""`spinlens bench ...` commands."""

from __future__ import annotations

import click

from spinlens.errors import UsageError
from spinlens.pipeline.registry import DEFAULT_PIPELINE




def _writable(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """`--output` callback: a predictions file that cannot be written is refused before any article is analysed."""
    from spinlens.cli import _check_output

    return _check_output(ctx, param, value)

@click.group()
def bench() -> None:
    """Benchmarks: print measured speed and quality figures."""


@bench.command()
@click.option("--articles", "count", type=click.IntRange(10), default=5000, show_default=True,
              help="Articles per kind (HTML and plain text), replicated from the demo corpus.")
@click.option("--workdir", type=click.Path(file_okay=False), help="Where to write the corpus and library.")
@click.option("--workers", "-j", "workers", type=click.IntRange(1, 64), multiple=True,
              help="Worker processes to time (repeatable; default: 1 and 2).")
def ingest(count: int, workdir: str | None, workers: tuple[int, ...]) -> None:
    """Ingest speed: raw input to stored article, HTML and plain text, against trafilatura alone."""
    from spinlens.bench.ingest import run_ingest_bench

    for line in run_ingest_bench(count, workdir, workers or (1, 2)):
        click.echo(line)


@bench.command()
@click.option("--articles", "count", type=click.IntRange(10), default=20000, show_default=True,
              help="Synthetic articles in the generated JSONL corpus.")
@click.option("--workers", "-j", "workers", type=click.IntRange(1, 64), multiple=True,
              help="Local Dask worker counts to time (repeatable; default: 1, 2 and the number of cores).")
@click.option("--stages", default=",".join(DEFAULT_PIPELINE), show_default=True,
              help="Pipeline stages to run, comma-separated (the default is what `spinlens analyze` runs).")
@click.option("--workdir", type=click.Path(file_okay=False), help="Where to write the corpus and libraries.")
def scale(count: int, workers: tuple[int, ...], stages: str, workdir: str | None) -> None:
    """Articles/s of the plain path and of 1, 2 and N local Dask workers; the Dask overhead at one worker."""
    import os

    from spinlens.bench.scale import run_scale_bench
    from spinlens.errors import PipelineConfigError
    from spinlens.pipeline import Pipeline

    names = [s.strip() for s in stages.split(",") if s.strip()]
    try:
        Pipeline(names)  # unknown or misordered stages are a usage error before any work
    except PipelineConfigError as exc:
        raise click.BadParameter(str(exc), param_hint="--stages") from None
    counts = workers or tuple(sorted({1, 2, os.cpu_count() or 1}))
    for line in run_scale_bench(count, counts, names, workdir):
        click.echo(line)


#: The SemEval-2023 Task 3 folder names of German and Polish, accepted for `bench st3 --lang`.
ST3_LANGUAGE_ALIASES = {"ge": "de", "po": "pl"}


@bench.command()
@click.option("--template", "template", type=click.Path(exists=True, dir_okay=False), required=True,
              help="SemEval-2023 subtask-3 template: article_id<TAB>paragraph_no<TAB>text.")
@click.option("--output", type=click.Path(dir_okay=False), required=True, callback=_writable,
              help="Predictions file to write.")
@click.option("--labels", type=click.Path(exists=True, dir_okay=False), help="Gold labels: print F1 scores.")
@click.option("--lang", help="Language of every article: en, fr, de, it, pl or ru (the task's ge and po are "
                             "accepted too; default: detected per article).")
def st3(template: str, output: str, labels: str | None, lang: str | None) -> None:
    """Paragraph techniques for a SemEval-2023 st3 template; with --labels, per-technique and micro/macro F1."""
    from pathlib import Path

    from spinlens.techniques.benchmarks import predict_st3, st3_report
    from spinlens.techniques.taxonomy import TECHNIQUES
    from spinlens.train.data import read_labels, read_template

    from spinlens.techniques.models import SUPPORTED_LANGUAGES
    from spinlens.text.language_names import language_name

    if lang is not None:
        lang = ST3_LANGUAGE_ALIASES.get(lang.strip().lower(), lang.strip().lower())
        if lang not in SUPPORTED_LANGUAGES:
            raise click.BadParameter(f"no technique model for {lang!r}; supported: {', '.join(SUPPORTED_LANGUAGES)}",
                                     param_hint="--lang")
    paragraphs = read_template(Path(template))
    not_analysed: list[tuple[str, str]] = []
    predicted = predict_st3(paragraphs, lang, not_analysed)
    for article_id, code in not_analysed:
        click.echo(f"note: {article_id}: techniques not analysed for {language_name(code)} ({code}); "
                   "its paragraphs get no labels", err=True)
    with open(output, "w", encoding="utf-8") as handle:
        for para, names in zip(paragraphs, predicted):
            handle.write(f"{para.article_id}\t{para.no}\t{','.join(names)}\n")
    if labels:
        for line in st3_report(paragraphs, predicted, read_labels(Path(labels)), list(TECHNIQUES)):
            click.echo(line)


@bench.command()
@click.option("--articles", "articles_dir", type=click.Path(exists=True, file_okay=False), required=True,
              help="Folder of PTC articleID.txt files.")
@click.option("--output", type=click.Path(dir_okay=False), required=True, callback=_writable)
@click.option("--labels", "labels_dir", type=click.Path(exists=True, file_okay=False),
              help="Folder of gold .labels files: print span F1 (SemEval-2020 Task 11 style).")
def ptc(articles_dir: str, output: str, labels_dir: str | None) -> None:
    """English evidence spans for PTC articles (character offsets into each file as read)."""
    from pathlib import Path

    from spinlens.techniques.benchmarks import article_id_of, predict_ptc_article, ptc_report, read_ptc_labels

    predictions: dict[str, list] = {}
    with open(output, "w", encoding="utf-8") as handle:
        for path in sorted(Path(articles_dir).glob("*.txt")):
            try:
                article_id = article_id_of(path)
            except UsageError as exc:  # one misnamed file: said, and the others still analysed
                click.echo(f"error: {path}: skipped: {exc.reason}", err=True)
                continue
            try:
                text = path.read_bytes().decode("utf-8")  # exactly the file's characters: \r\n kept
            except (OSError, UnicodeDecodeError) as exc:
                click.echo(f"error: {path}: cannot read: {exc}", err=True)
                continue
            predictions[article_id] = predict_ptc_article(text)
            for label, start, end in predictions[article_id]:
                handle.write(f"{article_id}\t{label}\t{start}\t{end}\n")
    if labels_dir:
        gold = read_ptc_labels(Path(labels_dir))
        gold = {k: v for k, v in gold.items() if k in predictions}
        for line in ptc_report(predictions, gold):
            click.echo(line)


@bench.command()
@click.option("--articles", "count", type=click.IntRange(1), default=40, show_default=True)
@click.option("--words", type=click.IntRange(50), default=800, show_default=True)
@click.option("--lang", "language", type=click.Choice(["en", "fr", "de"]), default="en", show_default=True,
              help="Articles in this language (French and German read the English model's cross-lingual output).")
def speed(count: int, words: int, language: str) -> None:
    """End-to-end articles/s (clean → store) vs the raw ONNX model alone, and peak memory."""
    from spinlens.bench.speed import run_speed_bench

    for line in run_speed_bench(count, words, language):
        click.echo(line)


@bench.command()
@click.option("--split", type=click.Choice(["all", "dev", "test"]), default="all", show_default=True,
              help="Gold documents: even-numbered (dev, used while writing the rules), odd (test), or all.")
@click.option("--gold", "gold", type=click.Path(file_okay=False, exists=True), help="Another gold folder.")
def claims(split: str, gold: str | None) -> None:
    """Quotes, speakers, cues and relations: precision and recall against the gold set."""
    from pathlib import Path

    from spinlens.bench.claims import run_claims_bench

    for line in run_claims_bench(split, Path(gold) if gold else None):
        click.echo(line)


@bench.command()
@click.option("--synthetic", "synthetic", type=click.IntRange(1000), multiple=True,
              help="Also time adding N synthetic articles (repeatable: 1000, 10000, 100000).")
def stories(synthetic: tuple[int, ...]) -> None:
    """Story clustering (B-cubed) and copy detection on the evaluation set; time per added article."""
    from spinlens.bench.stories import eval_file, run_eval, run_synthetic

    if eval_file().exists():
        for line in run_eval():
            click.echo(line)
    else:
        click.echo(f"no evaluation set at {eval_file()}")
    for line in run_synthetic(list(synthetic)):
        click.echo(line)


@bench.command()
@click.option("--articles", "count", type=click.IntRange(1), default=10000, show_default=True,
              help="Articles in the library (replicated from the analysed demo corpus; model stages skipped).")
@click.option("--clients", type=click.IntRange(1, 500), default=20, show_default=True,
              help="Concurrent clients on loopback.")
@click.option("--requests", "requests", type=click.IntRange(1), default=1000, show_default=True,
              help="Requests per endpoint.")
@click.option("--library", "library", type=click.Path(dir_okay=False),
              help="Build (or reuse, when it already holds enough articles) this library file.")
@click.option("--max-seconds", type=click.FloatRange(1), default=600, show_default=True,
              help="Stop sending requests to an endpoint after this long.")
@click.option("--processes", type=click.IntRange(1, 64), default=None,
              help="Server processes (`spinlens serve --processes`)  [default: the number of cores]")
def web(count: int, clients: int, requests: int, library: str | None, max_seconds: float,
        processes: int | None) -> None:
    """Web app load: requests/s and p50/p95/p99 latency of the article page and the search endpoint."""
    import os
    from pathlib import Path

    from spinlens.bench.web import run_web_bench

    for line in run_web_bench(count, clients, requests, Path(library) if library else None, max_seconds,
                              processes or os.cpu_count() or 1):
        click.echo(line)


@bench.command("library")
@click.option("--articles", "count", type=click.IntRange(1), default=2000, show_default=True,
              help="Articles saved into each library (replicated from the analysed demo corpus).")
@click.option("--calls", type=click.IntRange(1), default=200, show_default=True, help="Calls timed per operation.")
@click.option("--library", "locations", multiple=True,
              help="An empty library to fill: a file or a postgresql:// URL (repeatable; default a temporary "
                   "SQLite file).")
def library_(count: int, calls: int, locations: tuple[str, ...]) -> None:
    """Library speed per back end: save, get, list, count and search calls per second; the actors view in seconds."""
    from spinlens.bench.library import run_library_bench

    for line in run_library_bench(count, locations, calls):
        click.echo(line)
