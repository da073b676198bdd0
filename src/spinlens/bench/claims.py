"""`spinlens bench claims`: precision and recall of quotes, speakers, cues, relations and hedges on the gold set.

The gold set (src/spinlens/claims/gold, written for the project) annotates strings of each text; they
are located to character offsets and compared by overlap with what the claims stage finds. A predicted
quote matches a gold quote when their contents overlap by at least half of the shorter one; the speaker
is right when it overlaps the gold speaker or the actor it resolves to; a relation matches when its type
is the same and its cue overlaps the gold cue; a hedge or evidence marker when it overlaps the gold marker
(and, for the second hedge measure, has its kind). Documents are split in two halves by the parity of their
number (`--split dev` for the even ones used while writing the rules, `test` for the odd ones).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterator

from spinlens.claims.actors import AliasTable
from spinlens.claims.stage import ClaimsStage
from spinlens.model import Article, short_id
from spinlens.text.segment import ParagraphStage, SentenceStage

_TRIM = " \t\n\"'“”«»„‚‘’‹›.,;:"


def gold_dir() -> Path:
    """Folder of the gold set shipped with spinlens."""
    return Path(str(resources.files("spinlens.claims") / "gold"))


def locate(text: str, needle: str | None, occurrence: int | None = None) -> tuple[int, int] | None:
    """Offsets of the `occurrence`-th (1-based, overlapping matches counted) appearance of `needle`."""
    if not needle:
        return None
    positions, i = [], text.find(needle)
    while i != -1:
        positions.append(i)
        i = text.find(needle, i + 1)
    if len(positions) < (occurrence or 1):
        raise ValueError(f"{needle!r} occurs {len(positions)} times, occurrence {occurrence} asked")
    start = positions[(occurrence or 1) - 1]
    return start, start + len(needle)


def _trimmed(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    if span is None:
        return None
    start, end = span
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return (start, end) if end > start else None


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> int:
    if a is None or b is None:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _same_content(text: str, a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    a, b = _trimmed(text, a), _trimmed(text, b)
    if a is None or b is None:
        return False
    return _overlap(a, b) >= 0.5 * min(a[1] - a[0], b[1] - b[0])


@dataclass
class Counts:
    """True positives against predicted and gold totals, for precision and recall."""

    tp_pred: int = 0
    tp_gold: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: "Counts") -> None:
        """Add another language's counts to these."""
        self.tp_pred += other.tp_pred
        self.tp_gold += other.tp_gold
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        """Matched predictions over predictions."""
        return self.tp_pred / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Matched gold records over gold records."""
        return self.tp_gold / self.gold if self.gold else 0.0

    def line(self, name: str) -> str:
        """One report line: precision, recall, F1 and the totals."""
        p, r = self.precision, self.recall
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{name:<28} P={p:.3f} R={r:.3f} F1={f:.3f} (predicted {self.predicted}, gold {self.gold})"


@dataclass
class Scores:
    """Counts per measure for one language."""

    measures: dict[str, Counts] = field(default_factory=dict)

    def count(self, name: str) -> Counts:
        """The counts of one measure (created empty on first use)."""
        return self.measures.setdefault(name, Counts())


def load_gold(path: Path) -> Iterator[dict]:
    """Gold documents of one JSONL file, every annotated string located to offsets."""
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        doc = json.loads(line)
        text = doc["text"]
        for record in doc.get("quotes", []) + doc.get("relations", []) + doc.get("hedges", []):
            for key in ("speaker", "speaker_resolved", "cue", "content", "agent", "target", "marker"):
                if key in record:
                    record[f"{key}_span"] = locate(text, record[key], record.get(f"{key}_occurrence"))
        yield doc


def analyse_gold_text(doc: dict) -> Article:
    """The gold text through paragraphs, sentences and claims, in its annotated language (with no user
    aliases: the figures must not depend on the alias file of the machine they are computed on)."""
    identity = f"gold:{doc['id']}"
    article = Article(identity=identity, id=short_id(identity), raw_text=doc["text"], text=doc["text"],
                      language=doc["language"])
    for stage in (ParagraphStage(), SentenceStage(), ClaimsStage(aliases=AliasTable())):
        stage([article])
    if article.errors:  # a stage that failed would be scored as finding nothing
        raise RuntimeError(f"gold document {doc['id']}: {'; '.join(article.errors)}")
    return article


def _span(attrs: dict, key: str) -> tuple[int, int] | None:
    return (attrs[f"{key}_start"], attrs[f"{key}_end"]) if attrs.get(f"{key}_start") is not None else None


def _speaker_right(text: str, predicted: dict, gold: dict) -> bool:
    spans = [gold.get("speaker_span"), gold.get("speaker_resolved_span")]
    mine = _span(predicted, "speaker")
    if any(_overlap(_trimmed(text, mine), _trimmed(text, s)) for s in spans if s):
        return True
    actor = predicted.get("actor")
    return bool(actor) and any(actor in text[s[0]:s[1]] or text[s[0]:s[1]] in actor for s in spans if s)


def score_document(doc: dict, article: Article, scores: Scores) -> None:
    """Add one document's matches to `scores`."""
    text = doc["text"]
    predicted = [(((s.start, s.end)), s.attrs, s.label) for s in article.layer("quote")]
    gold = doc.get("quotes", [])
    pairs = [(i, j) for i, (span, _, _) in enumerate(predicted) for j, g in enumerate(gold)
             if _same_content(text, span, g["content_span"])]
    checks = {
        "quotes (content)": lambda p, g: True,
        "quotes with speaker": lambda p, g: g.get("speaker") is not None and _speaker_right(text, p[1], g),
        "quote cues": lambda p, g: _overlap(_span(p[1], "cue"), g.get("cue_span")) > 0,
        "quote kinds": lambda p, g: p[2] == g["kind"],
    }
    for name, check in checks.items():
        relevant = (lambda g: g.get("speaker") is not None) if name == "quotes with speaker" else (lambda g: True)
        _add(scores.count(name), [(i, j) for i, j in pairs if check(predicted[i], gold[j])],
             len([p for p in predicted if name != "quotes with speaker" or p[1].get("speaker")]),
             sum(1 for g in gold if relevant(g)))
    relations = [(s.label, s.attrs) for s in article.layer("relation")]
    gold_rel = doc.get("relations", [])
    rel_pairs = [(i, j) for i, (label, attrs) in enumerate(relations) for j, g in enumerate(gold_rel)
                 if label == g["type"] and _overlap(_span(attrs, "cue"), g.get("cue_span")) > 0]
    rel_checks = {
        "relations (type + cue)": lambda p, g: True,
        "relation agents": lambda p, g: _overlap(_trimmed(text, _span(p, "agent")), _trimmed(text, g.get("agent_span"))) > 0
        or (p.get("agent") is None and g.get("agent") is None),
        "relation targets": lambda p, g: _overlap(_trimmed(text, _span(p, "target")), _trimmed(text, g.get("target_span"))) > 0
        or (p.get("target") is None and g.get("target") is None),
        "relation contents": lambda p, g: _same_content(text, _span(p, "content"), g.get("content_span"))
        or (p.get("content") is None and g.get("content") is None),
    }
    for name, check in rel_checks.items():
        _add(scores.count(name), [(i, j) for i, j in rel_pairs if check(relations[i][1], gold_rel[j])],
             len(relations), len(gold_rel))
    hedges = [((s.start, s.end), s.label) for s in article.layer("hedge")]
    gold_hedges = doc.get("hedges", [])
    hedge_pairs = [(i, j) for i, (span, _) in enumerate(hedges) for j, g in enumerate(gold_hedges)
                   if _overlap(span, g["marker_span"]) > 0]
    _add(scores.count("hedges (marker)"), hedge_pairs, len(hedges), len(gold_hedges))
    _add(scores.count("hedges (marker + kind)"), [(i, j) for i, j in hedge_pairs if hedges[i][1] == gold_hedges[j]["kind"]],
         len(hedges), len(gold_hedges))


def _add(counts: Counts, matched: list[tuple[int, int]], predicted: int, gold: int) -> None:
    """Count matched (prediction, gold) pairs: each prediction and each gold record at most once."""
    counts.tp_pred += len({i for i, _ in matched})
    counts.tp_gold += len({j for _, j in matched})
    counts.predicted += predicted
    counts.gold += gold


def run_claims_bench(split: str = "all", folder: Path | None = None) -> Iterator[str]:
    """Score every gold file and yield report lines, per language and in all."""
    folder = folder or gold_dir()
    total = Scores()
    for path in sorted(folder.glob("*.jsonl")):
        scores = Scores()
        docs = [d for d in load_gold(path) if split == "all" or (int(d["id"].rsplit("-", 1)[1]) % 2 == 0) == (split == "dev")]
        for doc in docs:
            score_document(doc, analyse_gold_text(doc), scores)
        yield f"== {path.stem}: {len(docs)} documents"
        for name, counts in scores.measures.items():
            yield "  " + counts.line(name)
            total.count(name).add(counts)
    yield "== all languages"
    for name, counts in total.measures.items():
        yield "  " + counts.line(name)
