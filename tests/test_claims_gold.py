"""Validator for the claims gold set (src/spinlens/claims/gold/*.jsonl).

Checks the files are well formed, every annotated string can be located in the text (honouring the
``<field>_occurrence`` disambiguation), and the set meets the coverage figures of the claims issue.
The gold set is data only: nothing here runs the extractor.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "src" / "spinlens" / "claims" / "gold"
DEMO = ROOT / "src" / "spinlens" / "demo" / "corpus"

QUOTE_KINDS = {"direct", "indirect", "mixed"}
RELATION_TYPES = {"accuse", "blame", "deny", "demand", "threaten", "praise", "claim_responsibility"}
HEDGE_KINDS = {"hedge", "evidence", "unsourced"}

DOC_KEYS = {"id", "language", "text", "quotes", "relations", "hedges"}
DOC_OPTIONAL = {"source"}
# field -> may it be null?
QUOTE_FIELDS = {"kind": False, "speaker": True, "speaker_resolved": True, "cue": True, "content": False}
RELATION_FIELDS = {"type": False, "agent": True, "target": True, "content": True, "cue": False}
HEDGE_FIELDS = {"kind": False, "marker": False}
SPAN_FIELDS = {
    "quotes": ("speaker", "speaker_resolved", "cue", "content"),
    "relations": ("agent", "target", "content", "cue"),
    "hedges": ("marker",),
}
OPEN_MARKS = "\"'“‘«‹„‚»›"
CLOSE_MARKS = "\"'”’»›“‘«‹"


def occurrences(text: str, s: str) -> list[int]:
    """Every start position of ``s`` in ``text`` (raw, case-sensitive, overlapping matches counted)."""
    out, i = [], text.find(s)
    while i != -1:
        out.append(i)
        i = text.find(s, i + 1)
    return out


def locate(text: str, s: str, occurrence: int | None = None) -> tuple[int, int]:
    """Character span (start, end) of an annotated string: the ``occurrence``-th match, default the only one."""
    pos = occurrences(text, s)
    if not pos:
        raise ValueError(f"not a substring of the text: {s!r}")
    if occurrence is None:
        if len(pos) > 1:
            raise ValueError(f"{s!r} occurs {len(pos)} times and has no _occurrence")
        occurrence = 1
    if not 1 <= occurrence <= len(pos):
        raise ValueError(f"{s!r}: occurrence {occurrence} out of range 1..{len(pos)}")
    start = pos[occurrence - 1]
    return start, start + len(s)


def load() -> dict[str, list[dict]]:
    files = sorted(GOLD.glob("*.jsonl"))
    out = {}
    for f in files:
        docs = []
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                docs.append(json.loads(line))
            except json.JSONDecodeError as e:  # pragma: no cover - reported by the test
                raise AssertionError(f"{f.name}:{n}: invalid JSON: {e}") from e
        out[f.stem] = docs
    return out


@pytest.fixture(scope="module")
def gold() -> dict[str, list[dict]]:
    assert GOLD.is_dir(), f"gold folder missing: {GOLD}"
    data = load()
    assert data, "no gold files"
    return data


def all_docs(gold):
    for lang, docs in gold.items():
        for d in docs:
            yield lang, d


def test_files_present(gold):
    for lang in ("en", "fr", "de", "ru", "it", "pl"):
        assert lang in gold, f"{lang}.jsonl missing"
    assert (GOLD / "README.md").is_file()


def test_documents_well_formed(gold):
    seen = set()
    for lang, d in all_docs(gold):
        keys = set(d)
        assert DOC_KEYS <= keys, f"{d.get('id')}: missing {DOC_KEYS - keys}"
        assert keys <= DOC_KEYS | DOC_OPTIONAL, f"{d['id']}: unexpected keys {keys - DOC_KEYS - DOC_OPTIONAL}"
        assert d["language"] == lang, d["id"]
        assert d["id"].startswith(lang + "-"), d["id"]
        assert d["id"] not in seen, f"duplicate id {d['id']}"
        seen.add(d["id"])
        text = d["text"]
        assert isinstance(text, str) and text == text.strip() and text, d["id"]
        paragraphs = text.split("\n\n")
        assert all(p and "\n" not in p and p == p.strip() for p in paragraphs), f"{d['id']}: paragraph layout"
        for key in ("quotes", "relations", "hedges"):
            assert isinstance(d[key], list), d["id"]
        assert d["quotes"] or d["relations"] or d["hedges"], f"{d['id']}: nothing annotated"


def _check_record(doc_id: str, text: str, rec: dict, fields: dict[str, bool], spans: tuple[str, ...]):
    allowed = set(fields) | {f + "_occurrence" for f in spans}
    assert set(rec) <= allowed, f"{doc_id}: unexpected keys {set(rec) - allowed}"
    for f, nullable in fields.items():
        assert f in rec, f"{doc_id}: {rec} lacks {f}"
        v = rec[f]
        if v is None:
            assert nullable, f"{doc_id}: {f} may not be null in {rec}"
            assert f + "_occurrence" not in rec, f"{doc_id}: occurrence given for null {f}"
            continue
        assert isinstance(v, str) and v, f"{doc_id}: {f} must be a non-empty string"
        if f in spans:
            assert v == v.strip(), f"{doc_id}: {f} has surrounding whitespace: {v!r}"
            occ = rec.get(f + "_occurrence")
            assert occ is None or (isinstance(occ, int) and not isinstance(occ, bool)), f"{doc_id}: {f}_occurrence"
            try:
                locate(text, v, occ)
            except ValueError as e:
                raise AssertionError(f"{doc_id}: {f}: {e}") from None


def test_annotations_locate(gold):
    for _, d in all_docs(gold):
        text = d["text"]
        for q in d["quotes"]:
            _check_record(d["id"], text, q, QUOTE_FIELDS, SPAN_FIELDS["quotes"])
            assert q["kind"] in QUOTE_KINDS, f"{d['id']}: quote kind {q['kind']}"
        for r in d["relations"]:
            _check_record(d["id"], text, r, RELATION_FIELDS, SPAN_FIELDS["relations"])
            assert r["type"] in RELATION_TYPES, f"{d['id']}: relation type {r['type']}"
            assert r["agent"] or r["target"] or r["content"], f"{d['id']}: empty relation {r}"
        for h in d["hedges"]:
            _check_record(d["id"], text, h, HEDGE_FIELDS, SPAN_FIELDS["hedges"])
            assert h["kind"] in HEDGE_KINDS, f"{d['id']}: hedge kind {h['kind']}"


def test_direct_quotes_touch_a_quotation_mark(gold):
    """A direct quote's content starts after an opening mark or ends before a closing mark (unbalanced
    quotes have only one of the two)."""
    for _, d in all_docs(gold):
        text = d["text"]
        for q in d["quotes"]:
            if q["kind"] != "direct":
                continue
            s, e = locate(text, q["content"], q.get("content_occurrence"))
            before = text[:s].rstrip()[-1:]  # French guillemets are spaced: « ... »
            after = re.sub(r"\s", "", text[e:e + 5])[:2]
            ok = (before and before in OPEN_MARKS) or any(c in CLOSE_MARKS for c in after)
            assert ok, f"{d['id']}: direct quote not delimited by quotation marks: {q['content'][:50]!r}"


def test_resolved_speakers_only_for_pronoun_or_role(gold):
    for _, d in all_docs(gold):
        for q in d["quotes"]:
            if q["speaker_resolved"] is not None:
                assert q["speaker"] is not None, f"{d['id']}: resolved speaker without a speaker"
                assert q["speaker_resolved"] != q["speaker"], d["id"]


def _demo_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        d = json.loads(raw)
        return d.get("title", "") + "\n\n" + d["text"]
    if path.suffix == ".html":
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return re.sub(r"\s+", " ", raw)


def test_demo_entries_are_copied_verbatim(gold):
    for _, d in all_docs(gold):
        src = d.get("source", "spinlens")
        if not src.startswith("demo/corpus/"):
            assert src == "spinlens", f"{d['id']}: unknown source {src}"
            continue
        path = DEMO / src.removeprefix("demo/corpus/")
        assert path.is_file(), f"{d['id']}: {path} missing"
        body = _demo_text(path)
        flat = re.sub(r"\s+", " ", body)
        for p in d["text"].split("\n\n"):
            assert p in body or p in flat, f"{d['id']}: paragraph not found in {path.name}: {p[:60]!r}"


def test_no_overlap_with_shared_seeds(gold, shared_data):
    """The seeds are third-party texts: no 8-word run of them may appear in the gold texts."""
    def shingles(t: str, n: int = 8) -> set[tuple[str, ...]]:
        w = re.findall(r"\w+", t.lower())
        return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}

    seeds = set()
    for p in (shared_data / "seeds").glob("*.txt"):
        seeds |= shingles(p.read_text(encoding="utf-8", errors="replace"))
    for _, d in all_docs(gold):
        common = shingles(d["text"]) & seeds
        assert not common, f"{d['id']}: shares text with a seed: {' '.join(next(iter(common)))}"


def test_coverage(gold):
    per_lang = {}
    for lang, docs in gold.items():
        c = Counter()
        for d in docs:
            c["quotes"] += len(d["quotes"])
            c["quotes_with_speaker"] += sum(q["speaker"] is not None for q in d["quotes"])
            c["relations"] += len(d["relations"])
        per_lang[lang] = c
    total = sum(c["quotes"] + c["relations"] for c in per_lang.values())
    assert total >= 150, total
    en = per_lang["en"]
    assert en["quotes"] + en["relations"] >= 100, en
    assert en["quotes_with_speaker"] >= 60, en
    assert en["relations"] >= 40, en
    others = [lang for lang, c in per_lang.items() if lang != "en" and c["quotes"] + c["relations"] >= 25]
    assert len(others) >= 2, per_lang


def test_hard_cases_present(gold):
    """The cases the issue calls out are all represented somewhere in the set."""
    texts = [d["text"] for _, d in all_docs(gold)]
    joined = "\n".join(texts)
    for marks in ("“", "”", "«", "»", "„", "‚", "‘", "’", "‹", "›", '"', "'"):
        assert marks in joined, f"no text uses {marks!r}"
    kinds = Counter(q["kind"] for _, d in all_docs(gold) for q in d["quotes"])
    assert all(kinds[k] >= 5 for k in QUOTE_KINDS), kinds
    types = Counter(r["type"] for _, d in all_docs(gold) for r in d["relations"])
    assert all(types[t] >= 3 for t in RELATION_TYPES), types
    hedges = Counter(h["kind"] for _, d in all_docs(gold) for h in d["hedges"])
    assert all(hedges[k] >= 3 for k in HEDGE_KINDS), hedges
    quotes = [q for _, d in all_docs(gold) for q in d["quotes"]]
    relations = [r for _, d in all_docs(gold) for r in d["relations"]]
    assert any(q["speaker"] is None for q in quotes), "no quote without a speaker"
    assert sum(q["speaker_resolved"] is not None for q in quotes) >= 10, "too few resolved speakers"
    assert any("\n\n" in q["content"] for q in quotes), "no quote spanning paragraphs"
    assert any(r["agent"] is None for r in relations), "no agentless (passive) relation"
    assert any(" by" in r["cue"] or "par" in r["cue"] for r in relations), "no passive relation with agent"
