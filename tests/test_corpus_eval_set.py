"""Validates the stories evaluation set shipped in spinlens/corpus/eval (clustering and copy detection)."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path


import spinlens

EVAL = Path(spinlens.__file__).parent / "corpus" / "eval"
KEYS = {"id", "event", "outlet", "language", "published", "title", "text", "copy_of", "copy_kind", "credits_source"}
KINDS = {"exact", "near-duplicate", "partial"}
RUN = 8


def _load() -> list[dict]:
    rows = []
    for n, line in enumerate((EVAL / "articles.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            rows.append(json.loads(line))
    return rows


ARTICLES = _load()
BY_ID = {a["id"]: a for a in ARTICLES}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    w = _words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def test_files_present():
    assert (EVAL / "articles.jsonl").is_file()
    assert (EVAL / "README.md").is_file()


def test_schema():
    for a in ARTICLES:
        assert set(a) == KEYS, a.get("id")
        assert re.fullmatch(r"ev\d\d-[a-z]", a["id"])
        assert a["id"].startswith(a["event"] + "-")
        assert isinstance(a["outlet"], str) and a["outlet"]
        assert a["language"] in {"en", "fr", "de", "ru"}
        if a["published"] is not None:
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", a["published"])
        assert a["text"].split("\n\n")[0] == a["title"]
        paras = a["text"].split("\n\n")[1:]
        assert 2 <= len(paras) <= 7, a["id"]
        if a["copy_of"] is None:
            assert a["copy_kind"] is None and a["credits_source"] is None
            assert 120 <= len(a["text"].split()) <= 300, (a["id"], len(a["text"].split()))
        else:
            assert a["copy_kind"] in KINDS and isinstance(a["credits_source"], bool)


def test_unique_ids():
    ids = [a["id"] for a in ARTICLES]
    assert len(ids) == len(set(ids))


def test_counts():
    assert len(ARTICLES) >= 60
    events = {a["event"] for a in ARTICLES}
    assert len(events) >= 12
    assert sum(a["copy_of"] is not None for a in ARTICLES) >= 8
    assert sum(a["language"] != "en" for a in ARTICLES) >= 8
    langs = defaultdict(set)
    for a in ARTICLES:
        langs[a["event"]].add(a["language"])
    assert sum(len(v) >= 2 for v in langs.values()) >= 2
    assert any(a["published"] is None for a in ARTICLES)
    sizes = Counter(a["event"] for a in ARTICLES)
    assert all(3 <= n <= 7 for n in sizes.values()), sizes
    kinds = Counter(a["copy_kind"] for a in ARTICLES if a["copy_kind"])
    assert set(kinds) == KINDS
    credits = {a["credits_source"] for a in ARTICLES if a["copy_of"]}
    assert credits == {True, False}


def test_originals_by_different_outlets():
    for ev in {a["event"] for a in ARTICLES}:
        outlets = [a["outlet"] for a in ARTICLES if a["event"] == ev and a["copy_of"] is None]
        assert len(outlets) >= 3 and len(outlets) == len(set(outlets)), ev


def test_copy_links():
    for a in ARTICLES:
        if a["copy_of"] is None:
            continue
        src = BY_ID.get(a["copy_of"])
        assert src is not None, a["id"]
        assert src["event"] == a["event"]
        assert src["outlet"] != a["outlet"]
        assert a["published"] is not None
        if src["published"] is not None:
            assert src["published"] < a["published"], a["id"]
        # a copy shares long runs with its original
        shared = _runs(a["text"]) & _runs(src["text"])
        assert len(shared) >= 20, a["id"]
        if a["copy_kind"] == "exact":
            assert src["text"].split("\n\n")[1:] == a["text"].split("\n\n")[1:len(src["text"].split("\n\n"))]
    assert any(BY_ID[a["copy_of"]]["copy_of"] for a in ARTICLES if a["copy_of"]), "a copy of a copy"


def test_non_copies_are_written_independently():
    """Articles not marked as copies share no 8-word run with any other article (ground truth is clean)."""
    originals = [a for a in ARTICLES if a["copy_of"] is None]
    runs = {a["id"]: _runs(a["text"]) for a in originals}
    for i, a in enumerate(originals):
        for b in originals[i + 1:]:
            assert not (runs[a["id"]] & runs[b["id"]]), (a["id"], b["id"])


def test_no_overlap_with_seed_texts(seeds):
    seed_runs = set()
    for path in seeds.values():
        seed_runs |= _runs(path.read_text(encoding="utf-8", errors="replace"))
    for a in ARTICLES:
        assert not (_runs(a["text"]) & seed_runs), a["id"]
