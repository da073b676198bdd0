"""Shared fixtures: temporary libraries, shared-data location, hand-built articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from spinlens.model import Article, short_id
from spinlens.settings import shared_data_dir
from spinlens.store import Library

from postgres_server import postgres_server, postgres_url  # noqa: F401  (fixtures)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(params=["sqlite", "postgresql"])
def library(request, tmp_path: Path):
    """An empty library on each back end: a SQLite file, then a fresh PostgreSQL database."""
    location = tmp_path / "lib.sqlite" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    lib = Library(location)
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
