"""Choose the share of the lexical span model's word evidence in the English paragraph probabilities.

The lexical span model (`spinlens.techniques.word_spans`, trained on the train-part PTC articles) gives every
word a probability per PTC class. A paragraph's highest word probability of a class is evidence for the
technique that class maps to (`PTC_TO_TECHNIQUE`; 14 of the 23 techniques), learnt from span annotations the
paragraph model never saw as such. The shipped English probabilities are the encoder–lexical ensemble with
`share` of the weight of those 14 techniques given to that evidence (`models.with_word_evidence`).

The share is chosen with the one global threshold on the validation articles: for the quoted figure, both
on one half of the articles (`metrics.hash_half`) and scored on the other, and swapped (as the threshold
always was); the same over 60 random half-splits; then on all validation articles for the shipped values,
with the Platt calibration refitted on the new probabilities.

    python -m spinlens.train.word_evidence [--write]
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import numpy as np

from spinlens.techniques.metrics import GRID, hash_half, multilabel_scores
from spinlens.techniques.word_spans import with_evidence as with_share

log = logging.getLogger("spinlens.train")

#: The shares compared (fixed before any figure of them was computed).
SHARES = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
RANDOM_SPLITS = 60


def english_validation_probs(root: Path, lexical_val: Path, folder: Path):
    """English validation paragraphs as the runtime scores them: (ids, groups, gold, names, probs without
    the word evidence, the word evidence and its mask); the ensemble uses the train-part lexical model's
    probabilities (`lexical_val`), as `finalize_en` does."""
    from spinlens.techniques.encoder import EnglishEncoderModel, previous_paragraphs
    from spinlens.techniques.word_spans import FILE_NAME, WordSpanModel, paragraph_evidence
    from spinlens.train.finalize_en import lexical_validation_probs, validation_inputs

    meta = json.loads((folder / "techniques_en.json").read_text("utf-8"))
    model = EnglishEncoderModel(folder / "techniques_en.onnx", meta, folder / "tokenizer_en.json")
    ids, texts, titles, gold, names = validation_inputs(root)
    groups = [i.split(":")[0] for i in ids]
    previous = previous_paragraphs(texts, titles, groups)
    weight = float(meta.get("ensemble_weight", 1.0))
    probs = model.run(texts, titles, previous=previous, spans=False)[0].astype(np.float64)
    if weight < 1.0:
        probs = weight * probs + (1 - weight) * lexical_validation_probs(lexical_val, ids)
    if (folder / FILE_NAME).exists():
        evidence, mask = paragraph_evidence(WordSpanModel.load(folder / FILE_NAME), texts, names)
    else:  # a models folder from before the lexical span model
        evidence, mask = np.zeros_like(probs), np.zeros(len(names), dtype=bool)
    return ids, groups, gold, names, probs, evidence, mask


def choose(candidates: dict[float, np.ndarray], gold: np.ndarray, rows: np.ndarray) -> tuple[float, float]:
    """(share, global threshold) with the best micro-F1 on `rows` (ties: the smaller share, then threshold)."""
    best = None
    for share, probs in candidates.items():
        for t in GRID:
            value = multilabel_scores(probs[rows] >= t, gold[rows])[0]
            if best is None or value > best[0] + 1e-12:
                best = (value, share, float(t))
    return best[1], best[2]


def cross_fitted(candidates: dict[float, np.ndarray], gold: np.ndarray, first_half: np.ndarray):
    """Predictions with (share, threshold) chosen on one half and applied to the other, and the two choices."""
    pred = np.zeros_like(gold, dtype=bool)
    chosen = []
    for fit in (first_half, ~first_half):
        share, t = choose(candidates, gold, fit)
        pred[~fit] = candidates[share][~fit] >= t
        chosen.append(share)
    return pred, chosen


def run(root: Path, lexical_val: Path, folder: Path) -> dict:
    """The report: cross-fitted figures (hash halves and random halves) and the values chosen on all."""
    from spinlens.train.calibration import cross_fitted_report, fit_platt

    ids, groups, gold, names, probs, evidence, mask = english_validation_probs(root, lexical_val, folder)
    candidates = {share: with_share(probs, evidence, mask, share) for share in SHARES}
    halves = np.array([hash_half(g) == 0 for g in groups])
    pred, chosen = cross_fitted(candidates, gold, halves)
    micro, macro, per = multilabel_scores(pred, gold)
    base_pred, _ = cross_fitted({0.0: candidates[0.0]}, gold, halves)
    articles = sorted(set(groups))
    rng = np.random.default_rng(0)
    random_new, random_base = [], []
    for _ in range(RANDOM_SPLITS):
        picked = set(rng.permutation(articles)[:len(articles) // 2])
        first = np.array([g in picked for g in groups])
        random_new.append(multilabel_scores(cross_fitted(candidates, gold, first)[0], gold)[0])
        random_base.append(multilabel_scores(cross_fitted({0.0: candidates[0.0]}, gold, first)[0], gold)[0])
    share, threshold = choose(candidates, gold, np.ones(len(gold), dtype=bool))
    final = candidates[share]
    thresholds = np.full(len(names), threshold)
    report = {"word_evidence_share": share, "word_evidence_shares_compared": list(SHARES),
              "word_evidence_chosen_per_half": chosen, "micro_f1": micro, "macro_f1": float(macro),
              "per_technique_f1": dict(zip(names, np.round(per, 4).tolist())),
              "micro_f1_without_word_evidence": multilabel_scores(base_pred, gold)[0],
              "micro_f1_random_halves_mean": float(np.mean(random_new)),
              "micro_f1_random_halves_mean_without_word_evidence": float(np.mean(random_base)),
              "random_halves_higher": int(sum(a > b + 1e-12 for a, b in zip(random_new, random_base))),
              "micro_f1_in_sample_thresholds": multilabel_scores(final >= thresholds, gold)[0],
              "calibration": cross_fitted_report(final, gold, groups, final >= thresholds)}
    return {"report": report, "thresholds": thresholds, "platt": fit_platt(final, gold)}


def write(folder: Path, result: dict) -> None:
    """Store the share, the threshold, the Platt map and the figures in techniques_en.json."""
    path = folder / "techniques_en.json"
    meta = json.loads(path.read_text("utf-8"))
    report = result["report"]
    meta["word_evidence_share"] = report["word_evidence_share"]
    meta["thresholds"] = result["thresholds"].round(4).tolist()
    meta["platt"] = result["platt"].round(5).tolist()
    meta.setdefault("validation", {}).update(report)
    path.write_text(json.dumps(meta, indent=1))


def main(argv: list[str] | None = None) -> dict:
    """Measure (and with --write, store) the word-evidence share of the English model in the models folder."""
    from spinlens.settings import shared_data_dir
    from spinlens.techniques.encoder import models_dir

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None, help="shared data folder (default ../shared/data)")
    parser.add_argument("--lexical-val", type=Path, default=Path("runs/lexical_en_val.npz"),
                        help="the train-part English lexical model's validation probabilities "
                             "(`python -m spinlens.train.lexical --lang en --no-final --val-out runs`)")
    parser.add_argument("--write", action="store_true", help="store the chosen values in techniques_en.json")
    args = parser.parse_args(argv)
    folder = models_dir()
    result = run(args.data or shared_data_dir(), args.lexical_val, folder)
    print(json.dumps(result["report"], indent=1))
    if args.write:
        write(folder, result)
    return result


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    main()
