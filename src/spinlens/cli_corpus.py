"""CLI commands over the whole library: stories, story comparison and edits, sources, copies, digest."""

from __future__ import annotations

import json

import click

from spinlens import api
from spinlens.cli import (_emit, _err, _library_option, _output_option, _print_table, _table_output, _text_or_json,
                          main)
from spinlens.errors import UsageError
from spinlens.techniques.taxonomy import technique


@main.command()
@_text_or_json
@_library_option
def stories(fmt: str, library_path: str | None) -> None:
    """Stories in the library: articles about the same event grouped, with outlets, languages and dates;
    copies are counted apart from the independent articles."""
    with api.open_library(library_path, create=False) as library:
        originals = {link.copy_id: link.original_id for link in api.find_copies(library)}
        found = api.find_stories(library, originals)  # as the web app forms them
    copies = set(originals)
    rows = [{"story": s.id, "title": s.title, "articles": len(s.article_ids) - len(copies & set(s.article_ids)),
             "copies": len(copies & set(s.article_ids)),
             "outlets": ", ".join(o for o, _ in s.outlets.most_common()),
             "languages": ", ".join(sorted(s.languages)),
             "from": s.time_span()[0], "to": s.time_span()[1],
             "article_ids": s.article_ids} for s in found]
    if fmt == "json":
        _emit(json.dumps(rows, ensure_ascii=False, indent=2), None)
        return
    _print_table(rows, ["story", "title", "articles", "copies", "outlets", "languages", "from", "to"],
                 title=f"{len(rows)} stories")


@main.command(name="story-join")
@click.argument("article_id")
@click.argument("other_id")
@_library_option
def story_join(article_id: str, other_id: str, library_path: str | None) -> None:
    """Put an article in the story of another article (merging stories); kept across re-analysis."""
    with api.open_library(library_path) as library:
        library.add_story_edit(article_id, "join", other_id)
    _err.print(f"{article_id} now joins the story of {other_id}")


@main.command(name="story-split")
@click.argument("article_id")
@_library_option
def story_split(article_id: str, library_path: str | None) -> None:
    """Take an article out of its story into a story of its own; kept across re-analysis."""
    with api.open_library(library_path) as library:
        library.add_story_edit(article_id, "split")
    _err.print(f"{article_id} now starts a story of its own")


@main.command()
@click.argument("story_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default="text",
              show_default=True)
@_output_option()
@_library_option
def story(story_id: int, fmt: str, output: str | None, library_path: str | None) -> None:
    """One story side by side by outlet: claims agreed, contested or only here; relations; designations."""
    from dataclasses import asdict

    from spinlens.corpus.compare import comparison_html, comparison_markdown, outlet_designations, outlet_summary

    with api.open_library(library_path, create=False) as library:
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
    rows = []
    for v in comparison.outlets:
        techniques, relations = outlet_summary(v, relations=3)
        rows.append({"outlet": v.outlet, "articles": len(v.article_ids),
                     "spin": f"{v.spin:.0f}" if v.spin is not None else "-", "techniques": techniques,
                     "relations": relations, "designations": outlet_designations(v)})
    with _table_output(output) as console:
        _print_table(rows, ["outlet", "articles", "spin", "techniques", "relations", "designations"],
                     title=f"story {story_id}: {found.title}", console=console)
        _print_table([{"status": c.status, "outlets": ", ".join(c.outlets),
                       "claims": " | ".join(f"{item.outlet}: {item.text}" for item in c.claims)[:400]}
                      for c in comparison.claims if c.status != "only here"],
                     ["status", "outlets", "claims"], title="claims shared between outlets", console=console)


@main.command()
@_text_or_json
@_library_option
def sources(fmt: str, library_path: str | None) -> None:
    """Outlets in the library: volume, languages, stories covered and missed, spin, top techniques."""
    _print_sources(fmt, library_path, None)


@main.command()
@click.argument("name")
@_text_or_json
@_library_option
def source(name: str, fmt: str, library_path: str | None) -> None:
    """One outlet's profile: articles and spin by month, techniques, designations, stories covered and missed."""
    _print_sources(fmt, library_path, name)


def _print_sources(fmt: str, library_path: str | None, name: str | None) -> None:
    from dataclasses import asdict

    with api.open_library(library_path, create=False) as library:
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
             "copies": p.copies_of_others, "techniques": ", ".join(technique(t).display for t, _ in p.techniques[:3])}
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
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]),
              help="Day after the last (default: --period after --since; without --since, tomorrow).")
@click.option("--period", type=click.Choice(["day", "week"]), default="week", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["markdown", "html", "atom", "json"]), default="markdown",
              show_default=True)
@_output_option()
@_library_option
def digest(since, until, period: str, fmt: str, output: str | None, library_path: str | None) -> None:
    """Digest of a day or week: its stories, coverage by outlet and contested claims."""
    from dataclasses import asdict

    from spinlens.corpus.digest import digest_atom, digest_html, digest_markdown, digest_window

    since, until = digest_window(period, since, until)
    if since >= until:
        raise UsageError(f"--since {since.date()} is not before --until {until.date()}")
    with api.open_library(library_path, create=False) as library:
        result = api.digest(library, since, until)
    renderers = {"markdown": digest_markdown, "html": digest_html, "atom": digest_atom,
                 "json": lambda d: json.dumps(asdict(d), ensure_ascii=False, indent=2)}
    _emit(renderers[fmt](result), output)


@main.command()
@_text_or_json
@_library_option
def copies(fmt: str, library_path: str | None) -> None:
    """Copies across the library: exact, near-duplicate and partial, their original, and whether credited."""
    from dataclasses import asdict

    with api.open_library(library_path, create=False) as library:
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
