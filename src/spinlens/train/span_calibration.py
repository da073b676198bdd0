"""Calibrate the English evidence-span scores on the validation PTC articles.

A span's score is, before calibration, the mean probability of the tokens it grew from: it ranks spans but
reads low (0.26 on average where a third of the spans are right). Here every span the shipped decoder
finds on the 57 validation PTC articles is one example, right when it overlaps an annotated span of its
own technique; a logistic regression over `spinlens.techniques.encoder.span_features` (the logit of the
mean and of the highest token probability, the log of the token count) maps a span to that probability.
Figures are cross-fitted (fitted on one hash half of the articles, scored on the other, and swapped);
the map written is fitted on all 57. Decisions never change, so no span figure moves.

    python -m spinlens.train.span_calibration            # report
    python -m spinlens.train.span_calibration --write    # store the map in techniques_en.json
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from spinlens.techniques.calibration import expected_calibration_error
from spinlens.techniques.encoder import SpanDecoder, span_features
from spinlens.techniques.metrics import hash_half

log = logging.getLogger("spinlens.train")


def span_examples(cache: dict, decoder: SpanDecoder, span_probs) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(features, right or wrong, article id) of every span `decoder` finds in the cached articles;
    `span_probs(text, token_probs, offsets)` gives the token probabilities it reads."""
    rows, right, groups = [], [], []
    for article_id, item in sorted(cache.items()):
        text, gold = item["text"], item["gold"]
        for (a, b), probs, offsets in zip(item["offsets"], item["token_probs"], item["token_offsets"]):
            if not len(offsets):
                continue
            mixed = np.asarray(span_probs(text[a:b], probs, offsets), dtype=np.float64)
            for c, name in enumerate(decoder.classes):
                for start, end, run in decoder.class_spans(text[a:b], mixed[:, c], offsets, decoder.thresholds[c]):
                    rows.append(span_features(run))
                    right.append(any(label == name and gs < a + end and ge > a + start for label, gs, ge in gold))
                    groups.append(article_id)
    return np.array(rows).reshape(-1, 3), np.array(right, dtype=bool), groups


def fit_map(features: np.ndarray, right: np.ndarray) -> tuple[float, ...]:
    """Weights of the features and a bias (a nearly unregularised logistic regression)."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=100.0, max_iter=1000).fit(features, right)
    return tuple(float(w) for w in lr.coef_[0]) + (float(lr.intercept_[0]),)


def apply_map(features: np.ndarray, calibration: tuple[float, ...]) -> np.ndarray:
    """Calibrated scores of many spans at once (as `SpanDecoder.confidence` computes them one by one)."""
    z = features @ np.asarray(calibration[:-1]) + calibration[-1]
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))


def figures(scores: np.ndarray, right: np.ndarray) -> dict:
    """ECE (10 bins), Brier score, log-loss and AUC of span scores against right/wrong."""
    from sklearn.metrics import log_loss, roc_auc_score

    return {"ece": round(expected_calibration_error(scores, right), 4),
            "brier": round(float(((scores - right) ** 2).mean()), 4),
            "log_loss": round(float(log_loss(right, np.clip(scores, 1e-6, 1 - 1e-6))), 4),
            "auc": round(float(roc_auc_score(right, scores)), 4),
            "mean_score": round(float(scores.mean()), 4)}


def report(features: np.ndarray, right: np.ndarray, groups: list[str]) -> dict:
    """Raw and cross-fitted calibrated figures, and the map fitted on all spans."""
    halves = np.array([hash_half(g) for g in groups])
    calibrated = np.zeros(len(right))
    for half in (0, 1):
        fitted = fit_map(features[halves != half], right[halves != half])
        calibrated[halves == half] = apply_map(features[halves == half], fitted)
    raw = 1.0 / (1.0 + np.exp(-features[:, 0]))
    return {"spans": int(len(right)), "right": round(float(right.mean()), 4),
            "articles": len(set(groups)), "raw": figures(raw, right), "calibrated": figures(calibrated, right),
            "calibrated_scores": "cross-fitted (map fitted on one hash half of the articles, scored on the other)",
            "map": fit_map(features, right)}


def main(argv: list[str] | None = None) -> dict:
    """Report the span-score calibration on the validation PTC articles; with --write, store the map."""
    import argparse

    from spinlens.settings import shared_data_dir
    from spinlens.techniques.encoder import EnglishEncoderModel, models_dir
    from spinlens.train import spans_en

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None, help="shared data folder (default ../shared/data)")
    parser.add_argument("--write", action="store_true", help="store the map in techniques_en.json")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    model = EnglishEncoderModel.load(models_dir())
    cache = spans_en.load_or_build(args.data or shared_data_dir(), spans_en.cache_path(models_dir()))
    result = report(*span_examples(cache, model.decoder, model.span_probs))
    print(json.dumps(result, indent=1))
    if args.write:
        path = models_dir() / "techniques_en.json"
        meta = json.loads(path.read_text("utf-8"))
        meta["spans"]["calibration"] = [round(v, 5) for v in result["map"]]
        meta.setdefault("validation", {})["span_score_calibration"] = {
            k: v for k, v in result.items() if k != "map"}
        path.write_text(json.dumps(meta, indent=1))
    return result


if __name__ == "__main__":
    main()
