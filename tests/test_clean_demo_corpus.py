"""The cleaner against the demo corpus manifest (its expected titles, authors, provenance, removals)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import spinlens
from spinlens.clean import clean_text

DEMO = Path(spinlens.__file__).parent / "demo"
CORPUS = DEMO / "corpus"
# The manifest lists each corpus file's boilerplate kinds and expected title, authors, provenance.
MANIFEST = DEMO / "MANIFEST.json"


def _entries(suffixes: tuple[str, ...]) -> list[dict]:
    return [e for e in json.loads(MANIFEST.read_text(encoding="utf-8")) if e["file"].endswith(suffixes)]


def _check(entry: dict, title: str | None, authors: list[str], provenance, paragraphs: list[str]) -> None:
    assert title == entry["expected_title"]
    assert authors == entry["expected_authors"]
    expected = entry.get("expected_provenance")
    if expected:
        got = provenance.model_dump()
        for key, value in expected.items():
            assert got[key] == value, key
    else:
        assert provenance.is_empty()
    for block in entry.get("must_remove", []):
        assert not any(block in p or p in block for p in paragraphs), block
    for line in entry.get("separator_lines", []):
        assert line not in paragraphs
    for start in entry.get("must_keep", []):
        assert any(start in p for p in paragraphs), start
    body = paragraphs[1:] if title else paragraphs
    if "body_paragraphs" in entry:
        assert len(body) == entry["body_paragraphs"]
    if "body_words" in entry:
        assert sum(len(p.split()) for p in body) == entry["body_words"]


@pytest.mark.parametrize("entry", _entries((".txt",)), ids=lambda e: e["file"])
def test_plain_text_demo_files(entry: dict) -> None:
    cleaned = clean_text((CORPUS / entry["file"]).read_text(encoding="utf-8"), language=entry.get("language"))
    _check(entry, cleaned.title, cleaned.authors, cleaned.provenance, cleaned.paragraphs)


@pytest.mark.parametrize("entry", _entries((".txt", ".html", ".json")), ids=lambda e: e["file"])
def test_demo_files_through_extraction_and_clean_stage(entry: dict) -> None:
    from spinlens.ingest import extract, readers
    from spinlens.clean.stage import CleanStage

    doc = next(iter(readers.iter_documents([str(CORPUS / entry["file"])])))
    assert not isinstance(doc, Exception), doc
    article = extract.extract_article(doc)
    CleanStage()([article])
    assert article.ok, article.status
    _check(entry, article.title, article.authors, article.provenance, article.text.split("\n\n"))
