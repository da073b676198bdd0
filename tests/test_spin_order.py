"""The spin meter orders real articles: neutral wire copy low, loaded pieces and the seed op-eds high."""

from __future__ import annotations

import json

import pytest

import spinlens
from spinlens.api import demo_corpus_dir

MANIFEST = json.loads((demo_corpus_dir().parent / "MANIFEST.json").read_text("utf-8"))


def spin_of(path) -> int:
    return spinlens.analyze(str(path)).extra["spin"]["score"]


@pytest.fixture(scope="module")
def demo_spin() -> dict[str, tuple[str, int]]:
    return {e["file"]: (e["framing"], spin_of(demo_corpus_dir() / e["file"])) for e in MANIFEST
            if e["language"] == "en"}


def test_neutral_wire_lands_low_and_loaded_pieces_higher(demo_spin):
    neutral = [score for framing, score in demo_spin.values() if framing.startswith("neutral")]
    blaming = [score for framing, score in demo_spin.values() if framing == "blames-kastovia"]
    assert neutral and blaming
    assert max(neutral) <= 20
    assert min(blaming) > max(neutral)


def test_seeds_land_high_above_neutral_wire(seeds, demo_spin):
    neutral = max(score for framing, score in demo_spin.values() if framing.startswith("neutral"))
    for path in seeds.values():
        assert spin_of(path) >= 30 > neutral
