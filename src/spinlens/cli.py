"""Command-line interface: parses arguments, calls the Python API, formats output. Nothing else."""

from __future__ import annotations

import io
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from spinlens import api
from spinlens.errors import EXIT_CODES, OutputError, SpinlensError, UsageError
from spinlens.report import FORMAT_NAMES, render
from spinlens.report.terminal import terminal_safe

_err = Console(stderr=True, highlight=False)


def _library_option(fn: Callable) -> Callable:
    return click.option("--library", "library_path", envvar="SPINLENS_LIBRARY", type=click.Path(dir_okay=False),
                        help="Library file, or a postgresql://user@host/db URL (default: your data directory; "
                        "or set SPINLENS_LIBRARY).")(fn)


#: The --format option of commands that print a table or JSON.
_text_or_json = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                             show_default=True, help="A table, or JSON for scripts.")


class _ErrorReportingGroup(click.Group):
    """The command tree's root: any spinlens error, from any command or sub-command (`bench`, `train`),
    becomes one line on stderr and the documented exit code, never a traceback."""

    def invoke(self, ctx: click.Context):
        from spinlens.settings import check_environment

        try:
            check_environment()  # a bad SPINLENS_* number is a usage error before any work, not a traceback
            return super().invoke(ctx)
        except SpinlensError as exc:
            _print_error(exc)
            sys.exit(exc.exit_code)


def _print_error(exc: Exception) -> None:
    """One 'error: ...' line on stderr; the message (it names hostile inputs) as plain, inert text."""
    _err.print(f"[red]error:[/red] {escape(terminal_safe(str(exc)))}", markup=True, highlight=False, soft_wrap=True)


def _output_problem(output: str) -> str | None:
    """Why the file `output` cannot be written (a missing folder, no permission), or None when it can be."""
    target = Path(output).expanduser()
    folder = target.parent
    if not folder.is_dir():
        return f"folder {folder} does not exist" if not folder.exists() else f"{folder} is not a folder"
    if target.exists():
        return None if os.access(target, os.W_OK) else "permission denied"
    return None if os.access(folder, os.W_OK) else f"permission denied in folder {folder}"


def _check_output(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """`-o` callback: refuse an output file that cannot be written before any work is done."""
    problem = _output_problem(value) if value else None
    if problem:
        raise click.BadParameter(f"cannot write {value}: {problem}", ctx=ctx, param=param)
    return value


def _output_option(help: str = "Write here instead of stdout.") -> Callable:
    """The `--output/-o FILE` option, checked for writability as the command line is parsed."""
    return click.option("--output", "-o", type=click.Path(dir_okay=False), callback=_check_output, help=help)


@contextmanager
def _writing(output: str, newline: str | None = None) -> Iterator:
    """`output` open for writing text; failing to open, write or close it is an `OutputError` naming it."""
    try:
        with open(output, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None


def _emit(content: str, output: str | None, *, styled: bool = False) -> None:
    """Write `content` to `output` (an `OutputError` if that fails), or to stdout; on a terminal with control
    characters made visible, unless it is `styled` (a report coloured by rich, whose text went through
    `terminal_safe` already)."""
    if output:
        with _writing(output) as handle:
            handle.write(content)
        return
    if not styled and sys.stdout.isatty():
        content = terminal_safe(content)
    click.echo(content, nl=not content.endswith("\n"))


def _print_table(rows: list[dict], columns: list[str], title: str | None = None,
                 console: Console | None = None) -> None:
    """Print rows as a table (to `console`, else stdout); every cell as plain text, never as Rich markup or
    control characters (article text is hostile)."""
    table = Table(title=Text(terminal_safe(title)) if title else None, show_lines=False, header_style="bold")
    for column in columns:  # an id is copied into the next command: the other columns wrap first
        table.add_column(column, overflow="fold", no_wrap=column == "id")
    for row in rows:
        table.add_row(*(Text(terminal_safe("" if row.get(c) is None else str(row.get(c)))) for c in columns))
    (console or Console(highlight=False)).print(table)


#: Width of the tables a text report writes to a file (`-o`): no terminal to fit.
FILE_TABLE_WIDTH = 120


@contextmanager
def _table_output(output: str | None) -> Iterator[Console]:
    """A console for tables: stdout, or, with `output`, plain text written to that file at the end."""
    if not output:
        yield Console(highlight=False)
        return
    buffer = io.StringIO()
    yield Console(file=buffer, width=FILE_TABLE_WIDTH, color_system=None, highlight=False)
    _emit(buffer.getvalue(), output)


@click.group(cls=_ErrorReportingGroup, epilog="Exit codes: " + "; ".join(f"{k} {v}" for k, v in EXIT_CODES.items()))
@click.version_option(package_name="spinlens")
def main() -> None:
    """spinlens: see how the news spins a story."""


#: Rows of the `analyze` summary table; a bigger batch is counted, not kept (see `spinlens list`).
TABLE_ROWS = 50


def _run_analysis(sources: Iterable[str], library_path: str | None, store: bool, allow_private: bool,
                  quiet: bool, workers: int | None = None, *, scheduler: str | None = None, resume: bool = False,
                  keep: int | None = None) -> tuple[list, int, int]:
    """(The first `keep` (article, saved) pairs, or all; failures; articles analysed) for these sources."""
    library = api.open_library(library_path) if store else None
    articles, failures, analysed = [], 0, 0
    show_progress = not quiet and sys.stderr.isatty()
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=_err, transient=True, disable=not show_progress)
    try:
        with progress:
            task = progress.add_task("analysing", total=None)
            batch = api.start_batch(library, sources, resume=resume) if library is not None else None
            if resume and batch is not None and not quiet:
                _err.print(f"resuming: {batch.already_stored} input(s) already stored are skipped")
            for outcome in api.analyze_sources(sources, library=library, store=store, batch=batch,
                                               allow_private=allow_private or None, workers=workers,
                                               scheduler=scheduler):
                progress.advance(task)
                if outcome.error is not None:
                    failures += 1
                    _print_error(outcome.error)
                    continue
                analysed += 1
                if outcome.saved is not None and outcome.saved.stale_corrections:
                    _err.print(_stale_warning(outcome.saved), markup=False, highlight=False, soft_wrap=True)
                if keep is None or len(articles) < keep:
                    articles.append((outcome.article, outcome.saved))
    finally:
        if library is not None:
            library.close()
    return articles, failures, analysed


def _stale_warning(saved) -> str:
    """The warning that an article analysed again left some of its analysts' corrections stale."""
    n = saved.stale_corrections
    return (f"warning: {saved.id[:8]}: {n} analyst correction{'s' if n != 1 else ''} no longer appl"
            f"{'y' if n != 1 else 'ies'} (the text changed under {'them' if n != 1 else 'it'});"
            f" see `spinlens corrections {saved.id[:8]}` to redo or withdraw {'them' if n != 1 else 'it'}")


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="text", show_default=True)
@_output_option("Write the report here instead of stdout.")
@click.option("--no-store", is_flag=True, help="Analyse without storing in the library.")
@click.option("--allow-private", is_flag=True, help="Allow fetching private, loopback and link-local addresses.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary; errors still go to stderr.")
@click.option("--workers", "-j", type=click.IntRange(1, 64), default=None,
              help="Processes that extract and analyse in parallel (default 1, or SPINLENS_WORKERS); "
                   "with --scheduler local, the local Dask cluster's worker processes (default: cores).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Analyse on a Dask cluster: a scheduler address (tcp://host:8786), or 'local' to start one "
                   "here. This process reads the inputs and writes the library.")
@click.option("--resume", is_flag=True,
              help="Carry on an interrupted run over the same sources: skip the inputs it already stored.")
@_library_option
def analyze(sources: tuple[str, ...], fmt: str, output: str | None, no_store: bool, allow_private: bool,
            quiet: bool, workers: int | None, scheduler: str | None, resume: bool, library_path: str | None) -> None:
    """Analyse articles from files, folders, URLs, feeds, JSONL, WARC or stdin (-)."""
    if resume and no_store:
        raise UsageError("--resume needs the library (it skips what an earlier run stored); drop --no-store")
    table_only = fmt == "text" and not output
    results, failures, analysed = _run_analysis(sources, library_path, not no_store, allow_private, quiet, workers,
                                                scheduler=scheduler, resume=resume,
                                                keep=TABLE_ROWS if table_only else None)
    articles = [a for a, _ in results]
    if table_only and analysed > 1:
        if not quiet:
            more = f" (the first {len(results)} shown; see `spinlens list`)" if analysed > len(results) else ""
            _print_table([{"id": a.id, "title": a.title, "outlet": a.outlet, "lang": a.language,
                           "words": a.word_count, "stored": s.action if s else "-"} for a, s in results],
                         ["id", "title", "outlet", "lang", "words", "stored"],
                         title=f"{analysed} articles analysed, {failures} failed{more}")
    elif articles:
        color = fmt == "text" and output is None and sys.stdout.isatty()
        try:
            _emit(render(articles, fmt, color=color), output, styled=color)
        except OutputError as exc:
            if no_store:
                raise
            raise OutputError(f"{exc}; the {analysed} article(s) analysed are stored in the library all the same "
                              "(`spinlens show ID -o FILE` writes one again)") from None
    if failures:
        if not quiet:
            _err.print(f"{failures} input(s) failed; {analysed} analysed.")
        sys.exit(1)


@main.command(name="list")
@click.option("--outlet", help="Only this outlet.")
@click.option("--language", help="Only this language code (en, fr, ru...).")
@click.option("--sort", type=click.Choice(["published", "added", "title", "outlet", "spin"]), default="published",
              show_default=True)
@click.option("--limit", type=click.IntRange(1, 100000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--actor", help="Only articles mentioning this actor (as `spinlens actors` names it).")
@click.option("--relation", type=click.Choice(["accuse", "blame", "deny", "demand", "threaten", "praise", "claim_responsibility"]),
              help="Only articles with this relation (with --actor: one the actor is part of).")
@click.option("--technique", help="Only articles with this technique on a paragraph (analysts' corrections count).")
@click.option("--since", metavar="DATE", help="Only articles published on or after this ISO date.")
@click.option("--until", metavar="DATE", help="Only articles published on or before this ISO date (a date-time: "
              "before it).")
@click.option("--min-spin", type=click.IntRange(0, 100), help="Only articles with at least this spin.")
@click.option("--max-spin", type=click.IntRange(0, 100), help="Only articles with at most this spin.")
@_text_or_json
@_library_option
def list_(outlet, language, sort, limit, offset, actor, relation, technique, since, until, min_spin, max_spin, fmt,
          library_path) -> None:
    """List the articles in the library."""
    from spinlens.corrections import technique_name

    filters = dict(outlet=outlet, language=language, actor=actor, relation=relation, since=since,
                   until=api.through_day(until),
                   technique=technique_name(technique) if technique else None, min_spin=min_spin, max_spin=max_spin)
    with api.open_library(library_path, create=False) as library:
        rows = library.list(limit=limit, offset=offset, sort=sort, **filters)
        total = library.count(**filters)
    if fmt == "json":
        _emit(json.dumps({"total": total, "offset": offset, "items": [r.model_dump() for r in rows]},
                         ensure_ascii=False, indent=2), None)
        return
    _print_table([r.model_dump() | {"published": (r.published or "")[:10], "lang": r.language} for r in rows],
                 ["id", "published", "outlet", "lang", "spin", "title"], title=f"{len(rows)} of {total} articles")


@main.command()
@click.argument("article_id")
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="text", show_default=True)
@_output_option()
@_library_option
def show(article_id: str, fmt: str, output: str | None, library_path: str | None) -> None:
    """Show one stored article (id or unique id prefix), with analysts' corrections."""
    from spinlens.corrections import list_corrections

    with api.open_library(library_path, create=False) as library:
        article = library.get(article_id)
        corrections = {article.id: list_corrections(library, article.id)}
    color = fmt == "text" and output is None and sys.stdout.isatty()
    _emit(render([article], fmt, corrections=corrections, color=color), output, styled=color)


@main.command()
@click.argument("query")
@click.option("--outlet", help="Only this outlet.")
@click.option("--language", help="Only this language code.")
@click.option("--limit", type=click.IntRange(1, 10000), default=20, show_default=True)
@click.option("--actor", help="Only articles mentioning this actor.")
@click.option("--relation", type=click.Choice(["accuse", "blame", "deny", "demand", "threaten", "praise", "claim_responsibility"]),
              help="Only articles with this relation (with --actor: one the actor is part of).")
@_text_or_json
@_library_option
def search(query: str, outlet, language, limit: int, actor, relation, fmt: str, library_path: str | None) -> None:
    """Full-text search of the library (plain words must all match; "phrases"; FTS5 syntax on SQLite, web
    search syntax on PostgreSQL)."""
    with api.open_library(library_path, create=False) as library:
        filters = dict(outlet=outlet, language=language, actor=actor, relation=relation)
        hits = library.search(query, limit=limit, **filters)
        if fmt == "json":  # a bare list of hits, as documented: no room for the total (the table has it)
            _emit(json.dumps([h.model_dump() for h in hits], ensure_ascii=False, indent=2), None)
            return
        total = library.search_count(query, **filters) if len(hits) == limit else len(hits)
    _print_table([h.model_dump() for h in hits], ["id", "outlet", "title", "snippet"],
                 title=f"{len(hits)} of {total} matches for {query!r}")


@main.command()
@click.option("--actor", "name", help="Only this actor.")
@click.option("--limit", type=click.IntRange(1, 100000), default=30, show_default=True)
@_text_or_json
@_library_option
def actors(name: str | None, limit: int, fmt: str, library_path: str | None) -> None:
    """Actors in the library: mentions, designations used, whom they accuse and who accuses them."""
    with api.open_library(library_path, create=False) as library:
        profiles = library.actors(limit=limit, actor=name)
    if fmt == "json":
        _emit(json.dumps([p.model_dump() for p in profiles], ensure_ascii=False, indent=2), None)
        return

    def relations(items: list) -> str:
        return "; ".join(" ".join([kind, *([other] if other else []), f"×{n}"])
                         for kind, other, n in sorted(items, key=lambda r: -r[2])[:4])

    _print_table([{"actor": p.actor + (f" (also {', '.join(p.folded)})" if p.folded else ""), "kind": p.kind, "mentions": p.mentions, "articles": p.articles,
                   "designations": ", ".join(list(p.designations)[:4]),
                   "acts on": relations(p.acts_on), "acted on by": relations(p.acted_on_by)} for p in profiles],
                 ["actor", "kind", "mentions", "articles", "designations", "acts on", "acted on by"],
                 title=f"{len(profiles)} actors")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "labelstudio", "labelstudio-config"]),
              default="jsonl", show_default=True)
@_output_option("File to write (default stdout).")
@_library_option
def export(fmt: str, output: str | None, library_path: str | None) -> None:
    """Export every article: JSONL (full articles with spans and corrections), CSV (one row per article),
    Label Studio tasks (model labels as predictions, corrections as annotations) or its labeling config."""
    from spinlens.export import export_library

    with api.open_library(library_path, create=False) as library:
        if output:
            with _writing(output, newline="") as handle:
                count = export_library(library, fmt, handle)
            _err.print(f"exported {count} articles to {output}" if fmt != "labelstudio-config"
                       else f"wrote the Label Studio labeling config to {output}")
        else:
            export_library(library, fmt, sys.stdout)


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="text", show_default=True)
@_output_option()
@click.option("--quiet", "-q", is_flag=True)
@click.option("--library", "library_path", type=click.Path(dir_okay=False),
              help="Library for the demo (default: demo.sqlite beside your library, never your own library).")
def demo(fmt: str, output: str | None, quiet: bool, library_path: str | None) -> None:
    """Analyse the bundled demo corpus (fictional outlets, one contested event) into a demo library."""
    from spinlens.settings import default_library_path

    path = library_path or str(default_library_path().with_name("demo.sqlite"))
    previous = os.environ.get("SPINLENS_ALIASES_FILE")
    os.environ["SPINLENS_ALIASES_FILE"] = str(api.demo_aliases_path())  # the fictional states; read by workers too
    try:
        results, failures, _ = _run_analysis([str(api.demo_corpus_dir())], path, True, False, quiet)
    finally:
        if previous is None:
            os.environ.pop("SPINLENS_ALIASES_FILE", None)
        else:
            os.environ["SPINLENS_ALIASES_FILE"] = previous
    articles = [a for a, _ in results]
    if fmt == "text" and not output:
        _print_table([{"id": a.id, "outlet": a.outlet, "lang": a.language, "words": a.word_count,
                       "removed": len(a.removed), "title": a.title} for a in articles],
                     ["id", "outlet", "lang", "words", "removed", "title"],
                     title=f"demo: {len(articles)} articles analysed into {path}")
        click.echo(f"\nNext: spinlens show {articles[0].id if articles else 'ID'} --library {path}")
    else:
        _emit(render(articles, fmt), output)
    if failures:
        sys.exit(1)


from spinlens.bench.cli import bench  # noqa: E402  (registers the `bench` group)

main.add_command(bench)

from spinlens import cli_corpus  # noqa: E402,F401  (registers stories, story, sources, copies, digest)
from spinlens import cli_web  # noqa: E402,F401  (registers serve)
from spinlens import cli_corrections  # noqa: E402,F401  (registers correct, corrections, uncorrect)
from spinlens.train.cli import train  # noqa: E402  (registers the `train` group)

main.add_command(train)
