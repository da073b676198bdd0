"""Exports of the library: JSONL (full articles with their corrections, lossless), CSV (one row per article;
a cell a spreadsheet would run as a formula gets a leading quote), Label Studio tasks (see
`spinlens.labelstudio`) and the Label Studio labeling config that goes with them."""

from __future__ import annotations

import csv
import json
from typing import TextIO

from spinlens.errors import UsageError
from spinlens.store import Library

EXPORT_FORMATS = ("jsonl", "csv", "labelstudio", "labelstudio-config")

CSV_COLUMNS = ["id", "title", "outlet", "site", "authors", "published", "language", "url", "canonical_url",
               "first_published_by", "original_source", "copyright_holders", "copyright_year", "word_count",
               "paragraphs", "status", "text"]
#: First characters that make a spreadsheet read a cell as a formula (see `spreadsheet_cell`).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_library(library: Library, fmt: str, out: TextIO) -> int:
    """Write every article of the library to `out` in `fmt` (see EXPORT_FORMATS); returns the number written."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "labelstudio-config":
        from spinlens.labelstudio import labeling_config

        out.write(labeling_config())
        return 0
    if fmt == "labelstudio":
        return _write_labelstudio(library, out)
    if fmt == "jsonl":
        return _write_jsonl(library, out)
    writer = csv.DictWriter(out, CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for article in library.iter_articles():
        prov = article.provenance
        row = {
            "id": article.id, "title": article.title, "outlet": article.outlet, "site": article.site,
            "authors": "; ".join(article.authors), "published": article.published,
            "language": article.language, "url": article.url, "canonical_url": article.canonical_url,
            "first_published_by": prov.first_published_by, "original_source": prov.original_source,
            "copyright_holders": "; ".join(prov.copyright_holders), "copyright_year": prov.copyright_year,
            "word_count": article.word_count, "paragraphs": len(article.paragraphs()),
            "status": article.status, "text": article.text}
        writer.writerow({column: spreadsheet_cell(value) for column, value in row.items()})
        count += 1
    return count


def spreadsheet_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a string starting with = + - @ TAB or CR (a formula to Excel,
    LibreOffice and Google Sheets) gets a leading single quote (OWASP's CSV injection rule); others unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _corrections_by_article(library: Library) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for correction in library.corrections():
        grouped.setdefault(correction.article_id, []).append(correction)
    return grouped


def _write_jsonl(library: Library, out: TextIO) -> int:
    """One article per line (readable back with `Article.from_json`), with a `corrections` list added."""
    corrections = _corrections_by_article(library)
    count = 0
    for article in library.iter_articles():
        own = json.dumps([c.model_dump() for c in corrections.get(article.id, [])], ensure_ascii=False)
        out.write(article.to_json()[:-1] + f',"corrections":{own}}}\n')
        count += 1
    return count


def _write_labelstudio(library: Library, out: TextIO) -> int:
    """A JSON list of Label Studio tasks, written one task at a time."""
    from spinlens import __version__
    from spinlens.labelstudio import labelstudio_task

    corrections = _corrections_by_article(library)
    count = 0
    out.write("[")
    for article in library.iter_articles():
        task = labelstudio_task(article, corrections.get(article.id, []), model_version=f"spinlens {__version__}")
        out.write(("," if count else "") + "\n" + json.dumps(task, ensure_ascii=False))
        count += 1
    out.write("\n]\n")
    return count
