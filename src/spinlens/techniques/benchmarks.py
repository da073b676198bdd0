"""The `bench st3` and `bench ptc` contracts: template in, predictions out, scores when gold is given."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import numpy as np

from spinlens.errors import InputError, UsageError
from spinlens.techniques.encoder import EvidenceSpan
from spinlens.techniques.metrics import multilabel_scores, span_scores
from spinlens.techniques.models import SUPPORTED_LANGUAGES, model_for
from spinlens.text.language import article_language


def predict_st3(paragraphs: list, language: str | None = None,
                not_analysed: list[tuple[str, str]] | None = None) -> list[list[str]]:
    """Labels for SemEval template paragraphs; each article id is analysed together (title = lowest no).

    Articles in a language without a technique model get no labels; `not_analysed` collects their
    (article id, language code)."""
    by_article: dict[str, list[int]] = {}
    for index, para in enumerate(paragraphs):
        by_article.setdefault(para.article_id, []).append(index)
    jobs: dict[str, list[tuple[int, str, str | None]]] = {}
    for article_id, indices in by_article.items():
        indices.sort(key=lambda i: (paragraphs[i].no, i))  # reading order: neighbours for the context model
        texts = [paragraphs[i].text.strip() for i in indices]
        lang = language or article_language(texts)  # as `spinlens analyze` decides it: most of the text
        if lang not in SUPPORTED_LANGUAGES:
            if not_analysed is not None:
                not_analysed.append((article_id, lang))
            continue  # no model for this language: its paragraphs get no labels
        first = min(indices, key=lambda i: paragraphs[i].no)
        title = paragraphs[first].text.strip() or None
        for i, text in zip(indices, texts):
            if text:
                jobs.setdefault(lang, []).append((i, text, None if i == first else title))
    labels: list[list[str]] = [[] for _ in paragraphs]
    for lang, items in jobs.items():
        scores = model_for(lang).score([t for _, t, _ in items], [c for _, _, c in items],
                                       [paragraphs[i].article_id for i, _, _ in items])
        for row, (i, _, _) in enumerate(items):
            labels[i] = [name for j, name in enumerate(scores.labels) if scores.decisions[row, j]]
    return labels


def st3_report(paragraphs: list, predicted: list[list[str]], gold: dict[tuple[str, int], list[str]],
               names: list[str]) -> Iterator[str]:
    """Per-technique F1 lines, then `micro-F1=... macro-F1=...` as the last line.

    Gold lines of the template's articles that the template lacks (empty lines of the source article, as
    in the SemEval data) are scored as empty paragraphs with no prediction; other articles' lines are
    ignored, so a template may hold a subset of the gold file's articles.
    """
    missing = [(p.article_id, p.no) for p in paragraphs if (p.article_id, p.no) not in gold]
    if missing:
        raise InputError(f"labels file has no line for {len(missing)} template paragraphs, e.g. "
                         f"{missing[0][0]}\t{missing[0][1]}")
    index = {n: j for j, n in enumerate(names)}
    keys = [(p.article_id, p.no) for p in paragraphs]
    articles, seen = {p.article_id for p in paragraphs}, set(keys)
    keys += sorted(k for k in gold if k[0] in articles and k not in seen)
    pred = np.zeros((len(keys), len(names)), dtype=bool)
    true = np.zeros_like(pred)
    for row, labels in enumerate(predicted):
        for name in labels:
            pred[row, index[name]] = True
    for row, key in enumerate(keys):
        for name in gold[key]:
            if name not in index:
                raise InputError(f"unknown technique {name!r} for {key[0]}\t{key[1]}")
            true[row, index[name]] = True
    micro, macro, per = multilabel_scores(pred, true)
    for name, f1, support in zip(names, per, true.sum(0)):
        yield f"{name:36s} F1={f1:.4f} support={int(support)}"
    yield f"micro-F1={micro:.5f} macro-F1={macro:.5f}"


def ptc_paragraph_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line, whitespace trimmed: PTC articles put one paragraph per line
    (line 1 = title), the unit the SemEval-2023 paragraphs and the span head were trained on."""
    offsets = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            offsets.append((start, start + len(stripped)))
        pos += len(line) + 1
    return offsets


def ptc_article_spans(text: str) -> list[tuple[int, EvidenceSpan]]:
    """(offset of its line, evidence span within the line) over a raw PTC article text (line 1 = title)."""
    offsets = ptc_paragraph_offsets(text)
    if not offsets:
        return []
    paragraphs = [text[s:e] for s, e in offsets]
    title = paragraphs[0]
    scores = model_for("en").score(paragraphs, [None] + [title] * (len(paragraphs) - 1))
    return [(start, span) for (start, _), spans in zip(offsets, scores.spans) for span in spans]


def predict_ptc_article(text: str) -> list[tuple[str, int, int]]:
    """PTC-class evidence spans (class, start, end) over a raw article text (line 1 = title)."""
    return [(span.ptc_class, start + span.start, start + span.end) for start, span in ptc_article_spans(text)]


def read_ptc_labels(folder: Path) -> dict[str, list[tuple[str, int, int]]]:
    """Gold PTC spans per article id from `*.labels` files (duplicates removed)."""
    gold: dict[str, set] = {}
    for path in sorted(folder.glob("*.labels")):
        try:
            text = path.read_text("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text (byte {exc.start}: {exc.reason})", source=str(path)) from None
        for line_no, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            parts = line.split("\t")
            if (len(parts) != 4 or not parts[2].isascii() or not parts[2].isdigit() or not parts[3].isascii()
                    or not parts[3].isdigit()):
                raise InputError(f"line {line_no}: expected article_id<TAB>technique<TAB>start<TAB>end",
                                 source=str(path))
            gold.setdefault(parts[0], set()).add((parts[1], int(parts[2]), int(parts[3])))
    return {k: sorted(v) for k, v in gold.items()}


def ptc_report(pred: dict[str, list], gold: dict[str, list]) -> Iterator[str]:
    """Span F1 (span identification) and technique-aware span F1, SemEval-2020 Task 11 style."""
    for name, aware in (("span", False), ("technique-aware", True)):
        p, r, f = span_scores(pred, gold, technique_aware=aware)
        yield f"{name} P={p:.4f} R={r:.4f} F1={f:.4f}"


def article_id_of(path: Path) -> str:
    """PTC file name `article123.txt` -> `123`."""
    stem = path.stem
    if not stem.startswith("article"):
        raise UsageError(f"{path.name}: PTC article files are named articleID.txt")
    return stem.removeprefix("article")
