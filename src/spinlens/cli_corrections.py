"""CLI commands for analysts' corrections of technique labels: correct, corrections, uncorrect."""

from __future__ import annotations

import json

import click

from spinlens import api
from spinlens.cli import _emit, _err, _library_option, _print_table, _text_or_json, main
from spinlens.corrections import add_correction, delete_correction, list_corrections, paragraph_offsets, stale_reasons
from spinlens.errors import UsageError


def _span(value: str) -> tuple[int, int]:
    start, sep, end = value.partition(":")
    if not sep or not start.strip().isdigit() or not end.strip().isdigit():
        raise UsageError(f"--span {value!r} is not START:END (character offsets, e.g. 120:148)")
    return int(start), int(end)


def _excerpt(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


@main.command()
@click.argument("article_id")
@click.option("--add", "add", metavar="TECHNIQUE", help="Add this technique label (name as in the taxonomy).")
@click.option("--remove", "remove", metavar="TECHNIQUE", help="Remove this technique label.")
@click.option("--paragraph", type=int, metavar="N", help="On paragraph N (numbered as `spinlens show` numbers them).")
@click.option("--span", "span", metavar="START:END", help="On the characters START:END of the article text.")
@click.option("--layer", type=click.Choice(["paragraph", "evidence"]),
              help="Label a paragraph or an evidence span (default: paragraph with --paragraph, evidence with --span).")
@click.option("--note", help="Why (kept with the correction).")
@click.option("--author", envvar="SPINLENS_AUTHOR", help="Who corrected it (or set SPINLENS_AUTHOR).")
@_library_option
def correct(article_id: str, add: str | None, remove: str | None, paragraph: int | None, span: str | None,
            layer: str | None, note: str | None, author: str | None, library_path: str | None) -> None:
    """Correct a technique label: --add or --remove TECHNIQUE on --paragraph N or --span START:END."""
    if (add is None) == (remove is None):
        raise UsageError("give exactly one of --add TECHNIQUE or --remove TECHNIQUE")
    if (paragraph is None) == (span is None):
        raise UsageError("give exactly one of --paragraph N or --span START:END")
    with api.open_library(library_path) as library:
        if paragraph is not None:
            start, end = paragraph_offsets(library.get(article_id), paragraph)
        else:
            start, end = _span(span or "")
        stored = add_correction(library, article_id, action="add" if add else "remove", technique=add or remove or "",
                                start=start, end=end, layer=layer or ("paragraph" if span is None else "evidence"),
                                note=note, author=author)
    _err.print(f"correction {stored.id}: {stored.action} {stored.technique} on {stored.layer}"
               f" {stored.start}:{stored.end} of {stored.article_id}", markup=False)


@main.command()
@click.argument("article_id", required=False)
@_text_or_json
@_library_option
def corrections(article_id: str | None, fmt: str, library_path: str | None) -> None:
    """Analysts' corrections of one article (or of the whole library), oldest first; stale ones say why."""
    with api.open_library(library_path, create=False) as library:
        found = list_corrections(library, article_id)
        stale = stale_reasons(library, found)
    if fmt == "json":
        _emit(json.dumps([{**c.model_dump(), "stale": stale.get(c.id or 0)} for c in found], ensure_ascii=False,
                         indent=2), None)
        return
    rows = [{**c.model_dump(), "offsets": f"{c.start}:{c.end}", "words": _excerpt(c.covered_text),
             "article": c.article_id[:8], "stale": stale.get(c.id or 0)} for c in found]
    columns = ["id", "action", "layer", "technique", "offsets", "words", "note", "author"] + (["stale"] if stale else [])
    title = f"{len(rows)} corrections" + (f", {len(stale)} stale (no longer applied)" if stale else "")
    _print_table(rows, columns if article_id else ["id", "article", *columns[1:]], title=title)
    if stale:
        _err.print(f"{len(stale)} stale: the article's text changed under them; redo them with `spinlens correct`"
                   " (the words they were made on are in --format json) or withdraw them with `spinlens uncorrect`.",
                   markup=False)


@main.command()
@click.argument("correction_id", type=int)
@_library_option
def uncorrect(correction_id: int, library_path: str | None) -> None:
    """Withdraw a correction by its id (see `spinlens corrections`): the label is the model's again."""
    with api.open_library(library_path) as library:
        delete_correction(library, correction_id)
    _err.print(f"correction {correction_id} withdrawn")
