"""The cleaner on the two reference articles (read at run time from ../shared/data, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinlens.clean import clean_text
from spinlens.clean.normalize import normalize_line

CUE_PHRASES = ("newsletter", "share button", "fair use", "disclaimer", "featured image",
               "media inquiries", "translate", "copyrighted material", "follow us", "first published by",
               "original source of this article", "copyright ©")


def _blocks(raw: str) -> list[str]:
    """Blank-line separated blocks of a raw file, normalised to one line each."""
    return [normalize_line(b) for b in raw.replace("\r\n", "\n").split("\n\n") if b.strip()]


def _assert_no_cues(paragraphs: list[str]) -> None:
    for paragraph in paragraphs:
        lower = paragraph.lower()
        for phrase in CUE_PHRASES:
            assert phrase not in lower, f"{phrase!r} left in {paragraph[:80]!r}"


def _reason_of(cleaned, snippet: str) -> str:
    hits = [r.reason for r in cleaned.removed if snippet in r.text]
    assert len(hits) == 1, f"expected one removed block containing {snippet!r}, got {hits}"
    return hits[0]


@pytest.fixture
def seed_000(seeds: dict[str, Path]) -> str:
    if "000" not in seeds:
        pytest.skip("seed 000 not in shared data")
    return seeds["000"].read_text(encoding="utf-8")


@pytest.fixture
def seed_003(seeds: dict[str, Path]) -> str:
    if "003" not in seeds:
        pytest.skip("seed 003 not in shared data")
    return seeds["003"].read_text(encoding="utf-8")


def test_seed_000_body_survives_exactly(seed_000: str) -> None:
    blocks = _blocks(seed_000)
    start = blocks.index("***") + 1
    end = blocks.index("*")
    body = blocks[start:end]
    assert len(body) >= 10
    cleaned = clean_text(seed_000)
    assert cleaned.title == blocks[0]
    assert cleaned.paragraphs == [blocks[0], *body]


def test_seed_000_boilerplate_removed_with_reasons(seed_000: str) -> None:
    cleaned = clean_text(seed_000)
    expected = {
        "In-depth Report": "section label",
        "51 languages": "translation widget",
        "Daily Newsletter": "newsletter prompt",
        "Click the share button": "share/follow prompt",
        "Note to readers": "share/follow prompt",
        "is a journalist": "author bio",
        "Featured image": "image credit",
        "Disclaimer:": "disclaimer",
        "contains copyrighted material": "fair-use notice",
        "media inquiries": "contact line",
    }
    for snippet, reason in expected.items():
        assert _reason_of(cleaned, snippet) == reason, snippet
    assert sorted(r.text for r in cleaned.removed if r.reason == "separator") == ["*", "***"]
    assert len(cleaned.removed) == len(expected) + 2
    _assert_no_cues(cleaned.paragraphs)


def test_seed_000_author_and_bio(seed_000: str) -> None:
    cleaned = clean_text(seed_000)
    assert cleaned.authors == ["Lucas Leiroz"]
    assert len(cleaned.author_bios) == 1
    assert cleaned.author_bios[0].startswith("Lucas Leiroz is a journalist")
    assert not cleaned.authors_from_copyright
    assert cleaned.provenance.is_empty()


def test_seed_003_body_survives_exactly(seed_003: str) -> None:
    lines = [normalize_line(line) for line in seed_003.splitlines() if line.strip()]
    end = next(i for i, line in enumerate(lines) if line.startswith("First published by"))
    body = lines[1:end]
    assert len(body) >= 10
    cleaned = clean_text(seed_003)
    assert cleaned.title == lines[0]
    assert cleaned.title_span == (0, len(lines[0]))
    assert cleaned.paragraphs == [lines[0], *body]
    _assert_no_cues(cleaned.paragraphs)


def test_seed_003_provenance_and_author(seed_003: str) -> None:
    cleaned = clean_text(seed_003)
    prov = cleaned.provenance
    assert prov.first_published_by == "SCF"
    assert prov.original_source == "Global Research"
    assert prov.copyright_holders == ["Pepe Escobar", "Global Research"]
    assert prov.copyright_year == 2023
    assert prov.republished_from is None
    assert cleaned.authors == ["Pepe Escobar"]
    assert cleaned.authors_from_copyright
    assert [r.reason for r in cleaned.removed] == ["attribution"] * 3


def test_seed_003_with_known_title_is_not_duplicated(seed_003: str) -> None:
    title = seed_003.splitlines()[0]
    cleaned = clean_text(seed_003, title=title.upper())
    assert cleaned.title == title.upper()
    assert cleaned.removed[0].reason == "duplicate of title"
    assert cleaned.paragraphs.count(title) == 0
    assert len(cleaned.paragraphs) == len(clean_text(seed_003).paragraphs)


@pytest.mark.parametrize("seed", ["000", "003"])
def test_seed_offsets_slice_text(seeds: dict[str, Path], seed: str) -> None:
    if seed not in seeds:
        pytest.skip(f"seed {seed} not in shared data")
    cleaned = clean_text(seeds[seed].read_text(encoding="utf-8"))
    assert "\n\n".join(cleaned.text[s:e] for s, e in cleaned.paragraph_offsets) == cleaned.text
