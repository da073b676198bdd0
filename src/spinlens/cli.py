"""Command-line interface: parses arguments, calls the Python API, formats output. Nothing else."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Callable, Iterable

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from spinlens import api
from spinlens.errors import EXIT_CODES, SpinlensError, UsageError
from spinlens.report import FORMAT_NAMES, render

_err = Console(stderr=True, highlight=False)


def _library_option(fn: Callable) -> Callable:
    return click.option("--library", "library_path", envvar="SPINLENS_LIBRARY", type=click.Path(dir_okay=False),
                        help="Library file (default: your data directory; or set SPINLENS_LIBRARY).")(fn)


#: The --format option of commands that print a table or JSON.
_text_or_json = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                             show_default=True, help="A table, or JSON for scripts.")


def _handle_errors(fn: Callable) -> Callable:
    """Map spinlens errors to one line on stderr and the documented exit code."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except SpinlensError as exc:
            _err.print(f"[red]error:[/red] {escape(str(exc))}", markup=True, highlight=False, soft_wrap=True)
            sys.exit(exc.exit_code)
    return wrapper


def _emit(content: str, output: str | None) -> None:
    if output:
        Path(output).write_text(content, encoding="utf-8")
    else:
        click.echo(content, nl=not content.endswith("\n"))


def _print_table(rows: list[dict], columns: list[str], title: str | None = None) -> None:
    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    Console(highlight=False).print(table)


@click.group(epilog="Exit codes: " + "; ".join(f"{k} {v}" for k, v in EXIT_CODES.items()))
@click.version_option(package_name="spinlens")
def main() -> None:
    """spinlens: see how the news spins a story."""


def _run_analysis(sources: Iterable[str], library_path: str | None, store: bool, allow_private: bool,
                  quiet: bool, workers: int | None = None) -> tuple[list, int]:
    library = api.open_library(library_path) if store else None
    articles, failures = [], 0
    show_progress = not quiet and sys.stderr.isatty()
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=_err, transient=True, disable=not show_progress)
    try:
        with progress:
            task = progress.add_task("analysing", total=None)
            for outcome in api.analyze_sources(sources, library=library, store=store,
                                               allow_private=allow_private or None, workers=workers):
                progress.advance(task)
                if outcome.error is not None:
                    failures += 1
                    _err.print(f"[red]error:[/red] {escape(str(outcome.error))}", markup=True, highlight=False,
                               soft_wrap=True)
                    continue
                articles.append((outcome.article, outcome.saved))
    finally:
        if library is not None:
            library.close()
    return articles, failures


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report here instead of stdout.")
@click.option("--no-store", is_flag=True, help="Analyse without storing in the library.")
@click.option("--allow-private", is_flag=True, help="Allow fetching private, loopback and link-local addresses.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary; errors still go to stderr.")
@click.option("--workers", "-j", type=click.IntRange(1, 64), default=None,
              help="Processes that extract and analyse in parallel (default 1, or SPINLENS_WORKERS).")
@_library_option
@_handle_errors
def analyze(sources: tuple[str, ...], fmt: str, output: str | None, no_store: bool, allow_private: bool,
            quiet: bool, workers: int | None, library_path: str | None) -> None:
    """Analyse articles from files, folders, URLs, feeds, JSONL, WARC or stdin (-)."""
    results, failures = _run_analysis(sources, library_path, not no_store, allow_private, quiet, workers)
    articles = [a for a, _ in results]
    if fmt == "text" and len(articles) > 1 and not output:
        if not quiet:
            _print_table([{"id": a.id, "title": a.title, "outlet": a.outlet, "lang": a.language,
                           "words": a.word_count, "stored": s.action if s else "-"} for a, s in results],
                         ["id", "title", "outlet", "lang", "words", "stored"],
                         title=f"{len(articles)} articles analysed, {failures} failed")
    elif articles:
        _emit(render(articles, fmt, color=fmt == "text" and output is None and sys.stdout.isatty()), output)
    if failures:
        if not quiet:
            _err.print(f"{failures} input(s) failed; {len(articles)} analysed.")
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
@_text_or_json
@_library_option
@_handle_errors
def list_(outlet, language, sort, limit, offset, actor, relation, fmt, library_path) -> None:
    """List the articles in the library."""
    with api.open_library(library_path) as library:
        rows = library.list(limit=limit, offset=offset, outlet=outlet, language=language, sort=sort,
                            actor=actor, relation=relation)
        total = library.count(outlet=outlet, language=language, actor=actor, relation=relation)
    if fmt == "json":
        _emit(json.dumps({"total": total, "offset": offset, "items": [r.model_dump() for r in rows]},
                         ensure_ascii=False, indent=2), None)
        return
    _print_table([r.model_dump() for r in rows], ["id", "published", "outlet", "language", "spin", "title"],
                 title=f"{len(rows)} of {total} articles")


@main.command()
@click.argument("article_id")
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False))
@_library_option
@_handle_errors
def show(article_id: str, fmt: str, output: str | None, library_path: str | None) -> None:
    """Show one stored article (id or unique id prefix)."""
    with api.open_library(library_path) as library:
        article = library.get(article_id)
    _emit(render([article], fmt, color=fmt == "text" and output is None and sys.stdout.isatty()), output)


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
@_handle_errors
def search(query: str, outlet, language, limit: int, actor, relation, fmt: str, library_path: str | None) -> None:
    """Full-text search of the library (SQLite FTS5 syntax; plain words must all match)."""
    with api.open_library(library_path) as library:
        hits = library.search(query, limit=limit, outlet=outlet, language=language, actor=actor, relation=relation)
    if fmt == "json":
        _emit(json.dumps([h.model_dump() for h in hits], ensure_ascii=False, indent=2), None)
        return
    _print_table([h.model_dump() for h in hits], ["id", "outlet", "title", "snippet"],
                 title=f"{len(hits)} matches for {query!r}")


@main.command()
@_text_or_json
@_library_option
@_handle_errors
def stories(fmt: str, library_path: str | None) -> None:
    """Stories in the library: articles about the same event grouped, with outlets, languages and dates."""
    with api.open_library(library_path) as library:
        found = api.find_stories(library)
    rows = [{"story": s.id, "title": s.title, "articles": len(s.article_ids),
             "outlets": ", ".join(o for o, _ in s.outlets.most_common()),
             "languages": ", ".join(sorted(s.languages)),
             "from": s.first.date().isoformat() if s.first else "undated",
             "to": s.last.date().isoformat() if s.last else "undated",
             "article_ids": s.article_ids} for s in found]
    if fmt == "json":
        _emit(json.dumps(rows, ensure_ascii=False, indent=2), None)
        return
    _print_table(rows, ["story", "title", "articles", "outlets", "languages", "from", "to"],
                 title=f"{len(rows)} stories")


@main.command(name="story-join")
@click.argument("article_id")
@click.argument("other_id")
@_library_option
@_handle_errors
def story_join(article_id: str, other_id: str, library_path: str | None) -> None:
    """Put an article in the story of another article (merging stories); kept across re-analysis."""
    with api.open_library(library_path) as library:
        library.add_story_edit(article_id, "join", other_id)
    _err.print(f"{article_id} now joins the story of {other_id}")


@main.command(name="story-split")
@click.argument("article_id")
@_library_option
@_handle_errors
def story_split(article_id: str, library_path: str | None) -> None:
    """Take an article out of its story into a story of its own; kept across re-analysis."""
    with api.open_library(library_path) as library:
        library.add_story_edit(article_id, "split")
    _err.print(f"{article_id} now starts a story of its own")


@main.command()
@click.argument("story_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default="text",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@_library_option
@_handle_errors
def story(story_id: int, fmt: str, output: str | None, library_path: str | None) -> None:
    """One story side by side by outlet: claims agreed, contested or only here; relations; designations."""
    from dataclasses import asdict

    from spinlens.corpus.compare import comparison_html, comparison_markdown

    with api.open_library(library_path) as library:
        found, comparison = api.compare_story(library, story_id)
    if fmt in ("markdown", "html"):
        render_story = comparison_markdown if fmt == "markdown" else comparison_html
        _emit(render_story(f"Story {story_id}: {found.title}", comparison), output)
        return
    if fmt == "json":
        data = asdict(comparison)
        for claim in data["claims"]:
            for item in claim["claims"]:
                item.pop("stems", None)
        _emit(json.dumps({"story": story_id, "title": found.title, **data}, ensure_ascii=False, indent=2,
                         default=list), output)
        return
    _print_table([{"outlet": v.outlet, "articles": len(v.article_ids),
                   "spin": f"{v.spin:.0f}" if v.spin is not None else "-",
                   "techniques": ", ".join(f"{t} ×{n}" for t, n in v.techniques[:3]),
                   "relations": "; ".join(f"{agent} {kind} {target}" for kind, agent, target in v.relations[:3])}
                  for v in comparison.outlets], ["outlet", "articles", "spin", "techniques", "relations"],
                 title=f"story {story_id}: {found.title}")
    _print_table([{"status": c.status, "outlets": ", ".join(c.outlets),
                   "claims": " | ".join(f"{item.outlet}: {item.text}" for item in c.claims)[:400]}
                  for c in comparison.claims if c.status != "only here"],
                 ["status", "outlets", "claims"], title="claims shared between outlets")


@main.command()
@_text_or_json
@_library_option
@_handle_errors
def sources(fmt: str, library_path: str | None) -> None:
    """Outlets in the library: volume, languages, stories covered and missed, spin, top techniques."""
    _print_sources(fmt, library_path, None)


@main.command()
@click.argument("name")
@_text_or_json
@_library_option
@_handle_errors
def source(name: str, fmt: str, library_path: str | None) -> None:
    """One outlet's profile: articles and spin by month, techniques, designations, stories covered and missed."""
    _print_sources(fmt, library_path, name)


def _print_sources(fmt: str, library_path: str | None, name: str | None) -> None:
    from dataclasses import asdict

    with api.open_library(library_path) as library:
        profiles = api.find_sources(library)
    if name is not None:
        profiles = [p for p in profiles if p.outlet.lower() == name.lower()]
        if not profiles:
            raise UsageError(f"no outlet {name!r} in the library; see `spinlens sources`")
    if fmt == "json":
        _emit(json.dumps([asdict(p) for p in profiles], ensure_ascii=False, indent=2), None)
        return
    rows = [{"outlet": p.outlet, "articles": p.articles, "languages": ", ".join(sorted(p.languages)),
             "spin": "-" if p.spin is None else f"{p.spin:.0f}",
             "stories": f"{len(p.stories_covered)} covered, {len(p.stories_missed)} missed",
             "copies": p.copies_of_others, "techniques": ", ".join(t for t, _ in p.techniques[:3])}
            for p in profiles]
    _print_table(rows, ["outlet", "articles", "languages", "spin", "stories", "copies", "techniques"],
                 title=f"{len(rows)} sources")
    if name is not None and profiles:
        profile = profiles[0]
        _print_table([{"month": m, "articles": n, "spin": profile.spin_by_month.get(m, "-")}
                      for m, n in profile.by_month.items()], ["month", "articles", "spin"], title="by month")
        _print_table([{"actor": actor, "designations": ", ".join(names)}
                      for actor, names in list(profile.designations.items())[:15]],
                     ["actor", "designations"], title="how it names the actors")


@main.command()
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="First day (default: --period before --until).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Day after the last (default: tomorrow).")
@click.option("--period", type=click.Choice(["day", "week"]), default="week", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["markdown", "html", "atom", "json"]), default="markdown",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@_library_option
@_handle_errors
def digest(since, until, period: str, fmt: str, output: str | None, library_path: str | None) -> None:
    """Digest of a day or week: its stories, coverage by outlet and contested claims."""
    from dataclasses import asdict
    from datetime import datetime, timedelta

    from spinlens.corpus.digest import digest_atom, digest_html, digest_markdown

    until = until or datetime.combine(datetime.now().date() + timedelta(days=1), datetime.min.time())
    since = since or until - timedelta(days=1 if period == "day" else 7)
    if since >= until:
        raise UsageError(f"--since {since.date()} is not before --until {until.date()}")
    with api.open_library(library_path) as library:
        result = api.digest(library, since, until)
    renderers = {"markdown": digest_markdown, "html": digest_html, "atom": digest_atom,
                 "json": lambda d: json.dumps(asdict(d), ensure_ascii=False, indent=2)}
    _emit(renderers[fmt](result), output)


@main.command()
@_text_or_json
@_library_option
@_handle_errors
def copies(fmt: str, library_path: str | None) -> None:
    """Copies across the library: exact, near-duplicate and partial, their original, and whether credited."""
    from dataclasses import asdict

    with api.open_library(library_path) as library:
        links = api.find_copies(library)
        titles = {s.id: s for s in library.list(limit=1_000_000)}
    if fmt == "json":
        _emit(json.dumps([asdict(link) for link in links], ensure_ascii=False, indent=2), None)
        return

    def label(article_id: str) -> str:
        summary = titles.get(article_id)
        return f"{article_id[:8]} {summary.outlet or ''}: {summary.title or ''}" if summary else article_id

    _print_table([{"copy": label(link.copy_id), "original": label(link.original_id), "kind": link.kind,
                   "similarity": f"{link.similarity:.2f}", "credited": link.credit if link.credited else "no",
                   "order": "by date" if link.dated else "by ingestion"} for link in links],
                 ["copy", "original", "kind", "similarity", "credited", "order"], title=f"{len(links)} copies")


@main.command()
@click.option("--actor", "name", help="Only this actor.")
@click.option("--limit", type=click.IntRange(1, 100000), default=30, show_default=True)
@_text_or_json
@_library_option
@_handle_errors
def actors(name: str | None, limit: int, fmt: str, library_path: str | None) -> None:
    """Actors in the library: mentions, designations used, whom they accuse and who accuses them."""
    with api.open_library(library_path) as library:
        profiles = library.actors(limit=limit, actor=name)
    if fmt == "json":
        _emit(json.dumps([p.model_dump() for p in profiles], ensure_ascii=False, indent=2), None)
        return

    def relations(items: list) -> str:
        return "; ".join(f"{kind} {other} ×{n}" for kind, other, n in sorted(items, key=lambda r: -r[2])[:4])

    _print_table([{"actor": p.actor, "kind": p.kind, "mentions": p.mentions, "articles": p.articles,
                   "designations": ", ".join(list(p.designations)[:4]),
                   "acts on": relations(p.acts_on), "acted on by": relations(p.acted_on_by)} for p in profiles],
                 ["actor", "kind", "mentions", "articles", "designations", "acts on", "acted on by"],
                 title=f"{len(profiles)} actors")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (default stdout).")
@_library_option
@_handle_errors
def export(fmt: str, output: str | None, library_path: str | None) -> None:
    """Export every article: JSONL (full articles with spans) or CSV (one row per article)."""
    from spinlens.export import export_library

    with api.open_library(library_path) as library:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                count = export_library(library, fmt, handle)
            _err.print(f"exported {count} articles to {output}")
        else:
            export_library(library, fmt, sys.stdout)


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False))
@click.option("--quiet", "-q", is_flag=True)
@click.option("--library", "library_path", type=click.Path(dir_okay=False),
              help="Library for the demo (default: demo.sqlite beside your library, never your own library).")
@_handle_errors
def demo(fmt: str, output: str | None, quiet: bool, library_path: str | None) -> None:
    """Analyse the bundled demo corpus (fictional outlets, one contested event) into a demo library."""
    from spinlens.settings import default_library_path

    path = library_path or str(default_library_path().with_name("demo.sqlite"))
    results, failures = _run_analysis([str(api.demo_corpus_dir())], path, True, False, quiet)
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

from spinlens.train.cli import train  # noqa: E402  (registers the `train` group)

main.add_command(train)
