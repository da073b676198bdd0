"""The article as context: a small stacker over the per-paragraph technique probabilities (numpy only).

A paragraph model scores each paragraph on its own (with at most the title as context). Techniques cluster
by article: an article full of loaded language makes the next borderline paragraph more likely to carry it
too. The stacker re-scores technique j of paragraph i with a logistic model over

- the paragraph's own probability (as a logit),
- the mean and maximum probability of technique j over the *other* paragraphs of the same article,
- the probability of technique j in the previous and the next paragraph,
- the mean probability of all techniques over the other paragraphs (how charged the article is),
- the paragraph's own mean probability over all techniques,
- indicators: the article has other paragraphs, the paragraph is the article's first (usually the title),
  and log(1 + number of paragraphs in the article) / 3.

Context features of a paragraph without neighbours (a one-paragraph article, the first or last paragraph)
are 0, with the indicator telling the model so. The output is a probability (the stacker is fitted by
log-loss, unweighted, so it is calibrated on its fitting data) with its own decision thresholds.

Parameters (`bias` and `own` per technique, `weights` techniques x context features, `thresholds`) live
in a small JSON dict written by `spinlens.train.context`; see `ContextStacker.to_json`.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np

#: Context feature names, in column order (the own logit is separate: it has a per-technique weight).
FEATURES = ("others_mean", "others_max", "prev", "next", "article_all_mean", "own_all_mean",
            "has_others", "is_first", "log_n")

_EPS = 1e-6


def logit(p: np.ndarray) -> np.ndarray:
    """Log-odds of probabilities, clipped away from 0 and 1."""
    p = np.clip(p, _EPS, 1 - _EPS)
    return np.log(p / (1 - p))


def article_rows(groups: Sequence[Hashable] | None, n: int) -> list[np.ndarray]:
    """Row indices of each article, in order of first appearance; within an article the given order.

    `groups[i]` is any hashable key naming the article of row i; None means all rows are one article.
    """
    if groups is None:
        return [np.arange(n)] if n else []
    if len(groups) != n:
        raise ValueError(f"{n} paragraphs but {len(groups)} article keys")
    rows: dict[Hashable, list[int]] = {}
    for i, key in enumerate(groups):
        rows.setdefault(key, []).append(i)
    return [np.asarray(r, dtype=np.int64) for r in rows.values()]


def context_features(probs: np.ndarray, groups: Sequence[Hashable] | None = None) -> np.ndarray:
    """Context features (n x labels x len(FEATURES)) of paragraph probabilities (n x labels).

    Rows of one article are taken in the order given (neighbours = adjacent rows of the same article).
    """
    probs = np.asarray(probs, dtype=np.float64)
    n, n_labels = probs.shape if probs.ndim == 2 else (0, 0)
    feats = np.zeros((n, n_labels, len(FEATURES)))
    for rows in article_rows(groups, n):
        P = probs[rows]                      # m x L
        m = len(rows)
        f = np.zeros((m, n_labels, len(FEATURES)))
        if m > 1:
            total = P.sum(0, keepdims=True)
            f[:, :, 0] = (total - P) / (m - 1)
            # max over the others: the top value unless it is the row's own, then the runner-up
            order = np.argsort(-P, axis=0, kind="stable")
            top, second = P[order[0], np.arange(n_labels)], P[order[1], np.arange(n_labels)]
            is_top = np.zeros_like(P, dtype=bool)
            is_top[order[0], np.arange(n_labels)] = True
            f[:, :, 1] = np.where(is_top, second[None, :], top[None, :])
            f[1:, :, 2] = P[:-1]
            f[:-1, :, 3] = P[1:]
            row_mean = P.mean(1)
            f[:, :, 4] = ((row_mean.sum() - row_mean) / (m - 1))[:, None]
            f[:, :, 6] = 1.0
        if m:
            f[:, :, 5] = P.mean(1)[:, None]
            f[0, :, 7] = 1.0
            f[:, :, 8] = np.log1p(m) / 3.0
        feats[rows] = f
    return feats


class ContextStacker:
    """Per-technique logistic re-scoring of paragraph probabilities with article context features."""

    def __init__(self, bias: np.ndarray, own: np.ndarray, weights: np.ndarray, thresholds: np.ndarray,
                 features: Sequence[str] = FEATURES, info: dict | None = None):
        self.bias = np.asarray(bias, dtype=np.float64)
        self.own = np.asarray(own, dtype=np.float64)
        self.weights = np.asarray(weights, dtype=np.float64)
        self.thresholds = np.asarray(thresholds, dtype=np.float64)
        if tuple(features) != FEATURES:
            raise ValueError(f"context stacker expects features {FEATURES}, file has {tuple(features)}")
        n = len(self.bias)
        if self.own.shape != (n,) or self.weights.shape != (n, len(FEATURES)) or self.thresholds.shape != (n,):
            raise ValueError("context stacker parameters have inconsistent shapes")
        self.info = info or {}

    @classmethod
    def from_json(cls, data: dict) -> ContextStacker:
        return cls(data["bias"], data["own"], data["weights"], data["thresholds"], data["features"],
                   {k: v for k, v in data.items() if k not in ("bias", "own", "weights", "thresholds", "features")})

    def to_json(self) -> dict:
        return {"features": list(FEATURES), "bias": np.round(self.bias, 5).tolist(),
                "own": np.round(self.own, 5).tolist(), "weights": np.round(self.weights, 5).tolist(),
                "thresholds": np.round(self.thresholds, 4).tolist(), **self.info}

    def logits(self, probs: np.ndarray, groups: Sequence[Hashable] | None = None) -> np.ndarray:
        probs = np.asarray(probs, dtype=np.float64)
        if probs.shape[0] == 0:
            return np.zeros((0, len(self.bias)))
        feats = context_features(probs, groups)
        return self.bias + self.own * logit(probs) + np.einsum("nlk,lk->nl", feats, self.weights)

    def predict_proba(self, probs: np.ndarray, groups: Sequence[Hashable] | None = None) -> np.ndarray:
        """Context-aware probabilities (n x labels) of paragraph probabilities grouped by article."""
        return 1.0 / (1.0 + np.exp(-np.clip(self.logits(probs, groups), -50, 50)))

    def decide(self, probs: np.ndarray, groups: Sequence[Hashable] | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """(context-aware probabilities, decisions at the stacker's thresholds)."""
        stacked = self.predict_proba(probs, groups)
        return stacked, stacked >= self.thresholds


__all__ = ["FEATURES", "ContextStacker", "article_rows", "context_features", "logit"]
