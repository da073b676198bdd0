"""`spinlens bench ...` commands."""

from __future__ import annotations

import click


@click.group()
def bench() -> None:
    """Benchmarks: print measured speed and quality figures."""


@bench.command()
@click.option("--articles", "count", type=click.IntRange(10), default=5000, show_default=True,
              help="Articles per kind (HTML and plain text), replicated from the demo corpus.")
@click.option("--workdir", type=click.Path(file_okay=False), help="Where to write the corpus and library.")
def ingest(count: int, workdir: str | None) -> None:
    """Ingest speed: raw input to stored article, HTML and plain text, against trafilatura alone."""
    from spinlens.bench.ingest import run_ingest_bench

    for line in run_ingest_bench(count, workdir):
        click.echo(line)
