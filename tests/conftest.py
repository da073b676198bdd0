"""Shared fixtures: temporary libraries, shared-data location, hand-built articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinlens.model import Article, short_id
from spinlens.settings import shared_data_dir
from spinlens.store import Library

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def library(tmp_path: Path):
    lib = Library(tmp_path / "lib.sqlite")
    yield lib
    lib.close()


@pytest.fixture
def shared_data() -> Path:
    path = shared_data_dir()
    if not (path / "seeds").is_dir():
        pytest.skip(f"shared data not found at {path} (set SPINLENS_SHARED_DATA)")
    return path


@pytest.fixture
def seeds(shared_data: Path) -> dict[str, Path]:
    return {p.name[:3]: p for p in sorted((shared_data / "seeds").glob("*.txt"))}


def make_article(text: str, identity: str = "test:1", **fields) -> Article:
    """An article built by hand, as extraction would leave it (raw text, no spans)."""
    return Article(identity=identity, id=short_id(identity), raw_text=text, source=identity, **fields)
