"""Exports of the library: JSONL (full articles, lossless) and CSV (one row per article)."""

from __future__ import annotations

import csv
from typing import TextIO

from spinlens.errors import UsageError
from spinlens.store import Library

CSV_COLUMNS = ["id", "title", "outlet", "site", "authors", "published", "language", "url", "canonical_url",
               "first_published_by", "original_source", "copyright_holders", "copyright_year", "word_count",
               "paragraphs", "status", "text"]


def export_library(library: Library, fmt: str, out: TextIO) -> int:
    """Write every article of the library to `out` as jsonl or csv; returns the number written."""
    if fmt not in ("jsonl", "csv"):
        raise UsageError(f"unknown export format {fmt!r}; choose jsonl or csv")
    writer = csv.DictWriter(out, CSV_COLUMNS) if fmt == "csv" else None
    if writer:
        writer.writeheader()
    count = 0
    for article in library.iter_articles():
        if writer is None:
            out.write(article.to_json() + "\n")
        else:
            prov = article.provenance
            writer.writerow({
                "id": article.id, "title": article.title, "outlet": article.outlet, "site": article.site,
                "authors": "; ".join(article.authors), "published": article.published,
                "language": article.language, "url": article.url, "canonical_url": article.canonical_url,
                "first_published_by": prov.first_published_by, "original_source": prov.original_source,
                "copyright_holders": "; ".join(prov.copyright_holders), "copyright_year": prov.copyright_year,
                "word_count": article.word_count, "paragraphs": len(article.paragraphs()),
                "status": article.status, "text": article.text})
        count += 1
    return count
