"""Fit and measure the calibration of the confidences spinlens shows (`spinlens.techniques.calibration`).

Honest protocol, per language, on the project validation split:
- English: the ensemble probabilities of the shipped model on the validation paragraphs (the lexical part
  from the train-part lexical model, `--lexical-val`, as `spinlens.train.finalize_en` scores them). Platt
  maps are fitted on one half of the validation articles and measured on the other, and swapped
  (`metrics.hash_half`, as the thresholds are measured); the shipped map is fitted on all of them.
- The other languages: their shown probabilities as the train-part pipeline gives them on validation
  (lexical model, its cross-lingual combiner and its context stacker where the language ships them, each
  fitted on the train part as in `spinlens.train.crosslingual` and `spinlens.train.context`). A language
  whose shown probabilities are its class-balanced lexical model's own gets a Platt map fitted on the
  train part's out-of-fold probabilities and measured on validation; it ships (refitted on out-of-fold
  probabilities over all paragraphs) when both the validation ECE and Brier score improve. Combiners and
  stackers are fitted by log-loss and are only measured.

`python -m spinlens.train.calibration --lang en fr de it pl ru --cache runs/context --lexical-val
runs/lexical_en_val.npz [--write]`
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from spinlens.techniques.calibration import CALIBRATION_FILE, apply_platt, calibration_figures
from spinlens.techniques.context import logit
from spinlens.techniques.metrics import hash_half

log = logging.getLogger("spinlens.train")

#: A technique gets its own Platt map with at least this many positives and negatives; the others share
#: one map fitted over all (paragraph, technique) pairs.
MIN_POSITIVES = 15


def fit_platt(probs: np.ndarray, gold: np.ndarray, min_positives: int = MIN_POSITIVES) -> np.ndarray:
    """Per-technique Platt parameters (slope, intercept on the logit), techniques × 2; techniques with
    few positives get the map pooled over all techniques (never the identity: uncalibrated probabilities
    of rare techniques are the most inflated)."""
    from sklearn.linear_model import LogisticRegression

    gold = np.asarray(gold, dtype=bool)
    logits = logit(np.asarray(probs, dtype=np.float64))
    pooled = [1.0, 0.0]
    if gold.any() and not gold.all():
        lr = LogisticRegression(C=1.0).fit(logits.reshape(-1, 1), gold.reshape(-1))
        pooled = [float(lr.coef_[0, 0]), float(lr.intercept_[0])]
    params = np.tile(pooled, (probs.shape[1], 1))
    for j in range(probs.shape[1]):
        if gold[:, j].sum() >= min_positives and (~gold[:, j]).sum() >= min_positives:
            lr = LogisticRegression(C=1.0).fit(logits[:, [j]], gold[:, j])
            params[j] = [float(lr.coef_[0, 0]), float(lr.intercept_[0])]
    return params


def cross_fitted_platt(probs: np.ndarray, gold: np.ndarray, groups) -> np.ndarray:
    """Calibrated probabilities, each half of the articles mapped by a Platt fit on the other half."""
    halves = np.array([hash_half(g) for g in groups])
    out = np.zeros_like(probs, dtype=np.float64)
    for half in (0, 1):
        fit, score = halves != half, halves == half
        out[score] = apply_platt(probs[score], fit_platt(probs[fit], gold[fit]))
    return out


def cross_fitted_report(probs: np.ndarray, gold: np.ndarray, groups, decisions: np.ndarray) -> dict:
    """Calibration figures of raw probabilities and of cross-fitted Platt maps over the article halves."""
    return {"n_validation": len(probs), "raw": calibration_figures(probs, gold, decisions),
            "cross_fitted": calibration_figures(cross_fitted_platt(probs, gold, groups), gold, decisions)}


def english_report(root: Path, lexical_val: Path, folder: Path | None = None) -> tuple[dict, np.ndarray]:
    """English: figures of the raw ensemble, of the shipped map (in-sample) and of a cross-fitted refit;
    and the map refitted on all validation paragraphs."""
    from spinlens.techniques.encoder import models_dir
    from spinlens.train.word_evidence import english_validation_probs, with_share

    folder = folder or models_dir()
    meta = json.loads((folder / "techniques_en.json").read_text("utf-8"))
    _, groups, gold, _, probs, evidence, mask = english_validation_probs(root, lexical_val, folder)
    probs = with_share(probs, evidence, mask, float(meta.get("word_evidence_share", 0.0)))
    decisions = probs >= np.asarray(meta["thresholds"])
    report = cross_fitted_report(probs, gold, groups, decisions)
    if meta.get("platt"):
        report["shipped_in_sample"] = calibration_figures(apply_platt(probs, meta["platt"]), gold, decisions)
    return report, fit_platt(probs, gold)


def lexical_report(root: Path, lang: str, cache: Path, crosslingual_out: Path) -> tuple[dict, np.ndarray | None]:
    """A lexical language: figures of its shown validation probabilities, and for a language shown by its
    lexical model alone, of the Platt candidate (with the map to ship, else None)."""
    from spinlens.techniques.crosslingual import load_combiner
    from spinlens.techniques.encoder import models_dir
    from spinlens.train.context import Variant, article_order, fit_stacker
    from spinlens.train.crosslingual import build_cache

    combiner = load_combiner(lang, models_dir())
    if combiner is not None:
        build_cache(root, lang, cache, crosslingual_out)
        cache = crosslingual_out
    z = np.load(cache / f"lex_{lang}.npz")
    order, keys = article_order(z["ids"].tolist())
    gold, val = z["gold"][order].astype(bool), z["val"][order].astype(bool)
    split, oof_all = z["probs_split"][order], z["oof_all"][order]
    groups = [keys[i] for i in order]
    stacker = json.loads((models_dir() / "techniques_context.json").read_text("utf-8"))["languages"].get(lang)
    shown_by = "combiner" if combiner is not None else "lexical model"
    if stacker is not None:
        weights, c, thresholds = stacker["variant"].split("/")
        fitted = fit_stacker(split[~val], gold[~val], [g for g, v in zip(groups, val) if not v],
                             Variant(weights, float(c.split("=")[1]), thresholds))
        shown = fitted.predict_proba(split[val], [g for g, v in zip(groups, val) if v])
        decisions = fitted.decide(split[val], [g for g, v in zip(groups, val) if v])[1]
        shown_by = "context stacker"
    else:
        shown = split[val]
        decisions = shown >= z["thresholds_train"]
    report = {"n_validation": int(val.sum()), "shown_by": shown_by,
              "shown": calibration_figures(shown, gold[val], decisions)}
    if shown_by != "lexical model":
        return report, None
    candidate = apply_platt(shown, fit_platt(split[~val], gold[~val]))
    report["platt"] = calibration_figures(candidate, gold[val], decisions)
    better = (report["platt"]["ece"] < report["shown"]["ece"] and report["platt"]["brier"] < report["shown"]["brier"])
    report["ships_platt"] = bool(better)
    return report, fit_platt(oof_all, gold) if better else None


def write_english(folder: Path, report: dict, platt: np.ndarray) -> None:
    """Store the refitted English map and its figures in techniques_en.json."""
    path = folder / "techniques_en.json"
    meta = json.loads(path.read_text("utf-8"))
    meta["platt"] = platt.round(5).tolist()
    meta.setdefault("validation", {})["calibration"] = {k: v for k, v in report.items() if k != "shipped_in_sample"}
    path.write_text(json.dumps(meta, indent=1), encoding="utf-8")


def lexical_model_digest(folder: Path, lang: str) -> str:
    """SHA-256 of the lexical model file a map was fitted for (a retrained model needs a refitted map)."""
    from spinlens.train.joint_en import file_digest

    return file_digest(folder / f"lexical_{lang}.npz")


def write_lexical(folder: Path, reports: dict, maps: dict) -> dict:
    """Keep the Platt map of each measured language that earned one; drop it for the others."""
    path = folder / CALIBRATION_FILE
    shipped = json.loads(path.read_text("utf-8")) if path.exists() else {
        "description": "Platt maps of the technique confidences of languages shown by their lexical model "
                       "alone, written by `python -m spinlens.train.calibration --write`."}
    languages = shipped.setdefault("languages", {})
    for lang, report in reports.items():
        if maps.get(lang) is not None:
            languages[lang] = {"platt": maps[lang].round(5).tolist(),
                               "fitted_on": "out-of-fold probabilities over all paragraphs (GroupKFold by article)",
                               "lexical_model_sha256": lexical_model_digest(folder, lang),
                               "validation": {"before": report["shown"], "after": report["platt"],
                                              "n": report["n_validation"]}}
        else:
            languages.pop(lang, None)
    shipped["languages"] = dict(sorted(languages.items()))
    path.write_text(json.dumps(shipped, indent=1) + "\n", encoding="utf-8")
    return shipped


def main(argv=None) -> None:
    import argparse

    from spinlens.settings import shared_data_dir
    from spinlens.techniques.encoder import models_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_data_dir())
    parser.add_argument("--lang", nargs="+", default=["en", "fr", "de", "it", "pl", "ru"])
    parser.add_argument("--cache", type=Path, default=Path("runs/context"))
    parser.add_argument("--crosslingual-out", type=Path, default=Path("runs/crosslingual"))
    parser.add_argument("--lexical-val", type=Path, default=Path("runs/lexical_en_val.npz"))
    parser.add_argument("--write", action="store_true", help="store the maps in the package's models folder")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    reports, maps = {}, {}
    for lang in args.lang:
        if lang == "en":
            reports[lang], english_map = english_report(args.data, args.lexical_val)
            if args.write:
                write_english(models_dir(), reports[lang], english_map)
        else:
            reports[lang], maps[lang] = lexical_report(args.data, lang, args.cache, args.crosslingual_out)
        print(lang, json.dumps(reports[lang]), flush=True)
    if args.write and maps:
        write_lexical(models_dir(), reports, maps)


if __name__ == "__main__":
    main()
