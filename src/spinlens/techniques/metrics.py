"""Scores used by training and `spinlens bench`: multi-label F1, threshold tuning, SemEval-2020 span F1."""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

GRID = np.round(np.arange(0.05, 0.96, 0.025), 3)


def f1_counts(tp: float, fp: float, fn: float) -> float:
    """F1 from counts (0 when undefined)."""
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def multilabel_scores(pred: np.ndarray, gold: np.ndarray) -> tuple[float, float, np.ndarray]:
    """(micro-F1, macro-F1, per-label F1) of boolean prediction and gold matrices (n × labels)."""
    pred, gold = pred.astype(bool), gold.astype(bool)
    tp = (pred & gold).sum(0)
    fp = (pred & ~gold).sum(0)
    fn = (~pred & gold).sum(0)
    per = np.array([f1_counts(*c) for c in zip(tp, fp, fn)])
    micro = f1_counts(tp.sum(), fp.sum(), fn.sum())
    present = (gold.sum(0) + pred.sum(0)) > 0
    macro = float(per[present].mean()) if present.any() else 0.0
    return micro, macro, per


def tune_thresholds(probs: np.ndarray, gold: np.ndarray, passes: int = 2) -> np.ndarray:
    """Per-label thresholds maximising micro-F1 by coordinate ascent from the best global threshold."""
    gold = gold.astype(bool)
    best_global = max(GRID, key=lambda t: multilabel_scores(probs >= t, gold)[0])
    thresholds = np.full(probs.shape[1], best_global)
    for _ in range(passes):
        for j in range(probs.shape[1]):
            pred = probs >= thresholds
            base_tp = (pred & gold).sum() - (pred[:, j] & gold[:, j]).sum()
            base_fp = (pred & ~gold).sum() - (pred[:, j] & ~gold[:, j]).sum()
            base_fn = (~pred & gold).sum() - (~pred[:, j] & gold[:, j]).sum()
            best_t, best_f = thresholds[j], -1.0
            for t in GRID:
                col = probs[:, j] >= t
                f = f1_counts(base_tp + (col & gold[:, j]).sum(), base_fp + (col & ~gold[:, j]).sum(),
                              base_fn + (~col & gold[:, j]).sum())
                if f > best_f + 1e-9:
                    best_t, best_f = t, f
            thresholds[j] = best_t
    return thresholds


def cross_fitted_scores(probs: np.ndarray, gold: np.ndarray, groups: Sequence[str]) -> tuple[float, float, np.ndarray]:
    """Honest scores of tuned thresholds: tune on one half of the groups, score the other, and swap."""
    groups = np.asarray(groups)
    halves = np.array([hash_half(g) for g in groups])
    pred = np.zeros_like(gold, dtype=bool)
    for half in (0, 1):
        fit, score = halves != half, halves == half
        if fit.sum() == 0 or score.sum() == 0:
            continue
        thresholds = tune_thresholds(probs[fit], gold[fit])
        pred[score] = probs[score] >= thresholds
    return multilabel_scores(pred, gold)


def hash_half(group: str) -> int:
    """Deterministic 0/1 assignment of a group (article id) to one half."""
    import hashlib

    return hashlib.md5(group.encode()).digest()[0] % 2


# -- SemEval-2020 Task 11 span scoring ----------------------------------------------------------------
Span = tuple[str, int, int]  # (label, start, end)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sharing at least one character merged into one (touching spans stay apart, as officially)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlap_sums(ps: list[tuple[int, int]], gs: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Each span's characters shared with the other list, for two sorted lists of disjoint spans (as `_merge`
    gives): one sweep instead of every pair, the same integers."""
    p_over, g_over = [0] * len(ps), [0] * len(gs)
    first = 0
    for i, (start, end) in enumerate(ps):
        while first < len(gs) and gs[first][1] <= start:
            first += 1
        k = first
        while k < len(gs) and gs[k][0] < end:
            shared = min(end, gs[k][1]) - max(start, gs[k][0])
            if shared > 0:
                p_over[i] += shared
                g_over[k] += shared
            k += 1
    return p_over, g_over


def span_scores(pred: dict[str, list[Span]], gold: dict[str, list[Span]], technique_aware: bool
                ) -> tuple[float, float, float]:
    """(precision, recall, F1) with partial-overlap credit, the SemEval-2020 Task 11 way.

    As the official scorers do: span identification ignores labels and merges spans that share a
    character; the technique-aware variant merges overlapping spans of the same technique only and credits
    overlap only between spans of the same technique. Then precision = sum over predicted spans s and gold
    spans g of |s ∩ g| / |s|, divided by the number of predicted spans; recall the same with |g| and the
    number of gold spans (after merging, so no span is credited more than once).
    """
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for article in set(pred) | set(gold):
        p_spans, g_spans = pred.get(article, []), gold.get(article, [])
        labels = sorted({s[0] for s in p_spans} | {s[0] for s in g_spans}) if technique_aware else [None]
        for label in labels:
            ps = _merge((s, e) for l, s, e in p_spans if not technique_aware or l == label)
            gs = _merge((s, e) for l, s, e in g_spans if not technique_aware or l == label)
            n_pred += len(ps)
            n_gold += len(gs)
            p_over, g_over = _overlap_sums(ps, gs)
            for (start, end), over in zip(ps, p_over):
                p_sum += over / (end - start)
            for (start, end), over in zip(gs, g_over):
                r_sum += over / (end - start)
    precision = p_sum / n_pred if n_pred else 0.0
    recall = r_sum / n_gold if n_gold else 0.0
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return precision, recall, f1
