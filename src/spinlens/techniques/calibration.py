"""Calibrated confidences: Platt scaling of technique probabilities, and how calibration is measured.

The confidence shown next to a technique is meant to read as a probability: of the labels shown at about
70%, about 70% should be right. English (the MiniLM + lexical ensemble, whose asymmetric loss inflates
probabilities) and the languages scored by their class-balanced lexical model alone need a per-technique
Platt map (slope and intercept on the logit; `spinlens.train.calibration` fits and measures them). The
cross-lingual combiners and the article-context stackers are fitted by log-loss, so their outputs are
calibrated already. Decisions never change: they compare the uncalibrated probabilities with the tuned
thresholds.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from spinlens.techniques.context import logit

#: Platt parameters of the languages without an English-model meta (`techniques_en.json` holds English's).
CALIBRATION_FILE = "techniques_calibration.json"


def apply_platt(probs: np.ndarray, platt: np.ndarray | None) -> np.ndarray:
    """Calibrated probabilities: sigmoid(slope × logit(p) + intercept) per technique (columns)."""
    if platt is None:
        return probs
    platt = np.asarray(platt, dtype=np.float64)
    z = platt[:, 0] * logit(np.asarray(probs, dtype=np.float64)) + platt[:, 1]
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


def load_platt(language: str, folder: Path) -> np.ndarray | None:
    """The shipped Platt parameters (techniques × 2) of a non-English language, or None."""
    path = folder / CALIBRATION_FILE
    if not path.exists():
        return None
    entry = json.loads(path.read_text("utf-8")).get("languages", {}).get(language)
    return np.asarray(entry["platt"], dtype=np.float64) if entry else None


def expected_calibration_error(probs: np.ndarray, gold: np.ndarray, bins: int = 10) -> float:
    """ECE over all (paragraph, technique) pairs: the pair-weighted gap between mean confidence and the
    share of true labels in equal-width confidence bins."""
    probs, gold = np.asarray(probs, dtype=np.float64).ravel(), np.asarray(gold, dtype=np.float64).ravel()
    if probs.size == 0:
        return 0.0
    which = np.minimum((probs * bins).astype(int), bins - 1)
    error = 0.0
    for b in range(bins):
        inside = which == b
        if inside.any():
            error += inside.sum() / probs.size * abs(probs[inside].mean() - gold[inside].mean())
    return float(error)


def calibration_figures(probs: np.ndarray, gold: np.ndarray, decisions: np.ndarray) -> dict:
    """ECE and Brier score over all pairs, and for the detected labels their mean shown confidence
    against the share that is right (precision)."""
    gold = np.asarray(gold, dtype=bool)
    decisions = np.asarray(decisions, dtype=bool)
    detected = int(decisions.sum())
    return {"ece": round(expected_calibration_error(probs, gold), 4),
            "brier": round(float(((np.asarray(probs, dtype=np.float64) - gold) ** 2).mean()), 4) if gold.size else 0.0,
            "detected": detected,
            "detected_mean_confidence": round(float(probs[decisions].mean()), 4) if detected else None,
            "detected_precision": round(float(gold[decisions].mean()), 4) if detected else None}


__all__ = ["CALIBRATION_FILE", "apply_platt", "calibration_figures", "expected_calibration_error", "load_platt"]
