"""Fit and measure the cross-lingual combiners (`spinlens.techniques.crosslingual`) of the lexical languages.

Honest protocol, the same as the context stacker's (`spinlens.train.context`): the English MiniLM never saw
these languages, so its probabilities on their paragraphs are out-of-sample everywhere; the lexical
probabilities are the cached out-of-fold ones of the train part and the train-part model's on validation
(`spinlens.train.context_cache`). The combiner's regularisation is chosen by GroupKFold over the train
part's articles; the chosen combiner is fitted on the train part, its probabilities replace the lexical
ones in a new cache, and the context stacker is chosen and measured on that cache exactly as before. The
combination ships for a language only when its validation micro-F1 (with the stacker if one is chosen)
beats the shipped figure and macro-F1 falls by at most 0.01; a refit that gives back the shipped combiner
(same weights, same figure: a new English file whose cross-lingual output did not change, as with a grafted
model) is written too, re-pinned to the new file's SHA-256. The shipped combiner is refitted on out-of-fold
probabilities over all paragraphs, as the shipped stacker is.

`python -m spinlens.train.crosslingual --lang fr de it pl ru --cache runs/context --out runs/crosslingual
[--write]`
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np

from spinlens.techniques.context import logit
from spinlens.techniques.crosslingual import (
    CROSSLINGUAL_FILE,
    CrossLingualCombiner,
    english_model_digest,
    load_combiner,
)
from spinlens.techniques.metrics import multilabel_scores
from spinlens.train.context import choose_thresholds

log = logging.getLogger("spinlens.train")

CS = (0.1, 1.0)
MACRO_TOLERANCE = 0.01


def english_head_probs(root: Path, lang: str, out: Path) -> tuple[np.ndarray, np.ndarray]:
    """The shipped English model's cross-lingual probabilities (`crosslingual_probs`) on every training
    paragraph of `lang` (ids, probs), cached in `out/english_<lang>.npz` with the model's digest (recomputed
    when the model changed)."""
    from spinlens.techniques.encoder import EnglishEncoderModel, models_dir

    path = out / f"english_{lang}.npz"
    digest = english_model_digest(models_dir())
    if path.exists():
        z = np.load(path)
        if "digest" in z.files and str(z["digest"]) == digest:
            return z["ids"], z["probs"]
    from spinlens.train.lexical import load_lang, techniques

    names = techniques(root)
    model = EnglishEncoderModel.load()
    if list(model.labels) != names:
        raise ValueError("the English model's techniques differ from the training data's")
    data = load_lang(root, lang, names)
    probs = model.crosslingual_probs(data.texts, [t or None for t in data.titles])
    ids = np.array([f"{p.article_id}:{p.no}" for p in data.paragraphs])
    out.mkdir(parents=True, exist_ok=True)
    np.savez(path, ids=ids, probs=probs, digest=digest)
    return ids, probs


def fit_combiner(lexical: np.ndarray, english: np.ndarray, gold: np.ndarray, C: float) -> CrossLingualCombiner:
    """Per-technique logistic regression over the two logits; a technique with fewer than two positives
    keeps its lexical probability. The global threshold is the best on the fitted outputs."""
    from sklearn.linear_model import LogisticRegression

    n_labels = gold.shape[1]
    bias, lex_w, en_w = np.zeros(n_labels), np.ones(n_labels), np.zeros(n_labels)
    for j in range(n_labels):
        if gold[:, j].sum() < 2:
            continue
        X = np.stack([logit(lexical[:, j]), logit(english[:, j])], axis=1)
        lr = LogisticRegression(C=C, max_iter=2000).fit(X, gold[:, j].astype(int))
        bias[j], (lex_w[j], en_w[j]) = lr.intercept_[0], lr.coef_[0]
    combiner = CrossLingualCombiner(bias, lex_w, en_w, 0.5)
    combiner.threshold = float(choose_thresholds(combiner.combine(lexical, english), gold, "global")[0])
    return combiner


def inner_cv(lexical, english, gold, groups, C: float, folds: int = 4) -> float:
    """Micro-F1 of the combiner (weights and threshold) by GroupKFold over articles (pooled predictions)."""
    from sklearn.model_selection import GroupKFold

    pred = np.zeros_like(gold, dtype=bool)
    for tr, te in GroupKFold(n_splits=folds).split(lexical, groups=np.asarray(groups)):
        combiner = fit_combiner(lexical[tr], english[tr], gold[tr], C)
        pred[te] = combiner.combine(lexical[te], english[te]) >= combiner.threshold
    return multilabel_scores(pred, gold)[0]


def build_cache(root: Path, lang: str, cache: Path, out: Path) -> dict:
    """Choose C, write `out/lex_<lang>.npz` (the context cache with combined probabilities) and return the
    report with the combiner to ship."""
    z = dict(np.load(cache / f"lex_{lang}.npz"))
    ids, english = english_head_probs(root, lang, out)
    if not np.array_equal(ids, z["ids"]):
        raise ValueError(f"{lang}: the English head's paragraphs differ from the lexical cache's")
    gold, val = z["gold"].astype(bool), z["val"].astype(bool)
    groups = [i.rsplit(":", 1)[0] for i in ids]
    tr = ~val
    g_tr = [g for g, v in zip(groups, val) if not v]
    cv = {C: round(float(inner_cv(z["probs_split"][tr], english[tr], gold[tr], g_tr, C)), 4) for C in CS}
    C = max(CS, key=cv.get)
    fitted = fit_combiner(z["probs_split"][tr], english[tr], gold[tr], C)
    z["probs_split"] = fitted.combine(z["probs_split"], english)
    z["thresholds_train"] = np.full(gold.shape[1], fitted.threshold)
    ship = fit_combiner(z["oof_all"], english, gold, C)
    z["oof_all"] = ship.combine(z["oof_all"], english)
    out.mkdir(parents=True, exist_ok=True)
    np.savez(out / f"lex_{lang}.npz", **z)
    from spinlens.techniques.encoder import models_dir

    ship.info = {"C": C, "fitted_on": "out-of-fold lexical probabilities over all paragraphs",
                 "english_model_sha256": english_model_digest(models_dir())}
    log.info("%s: combiner inner CV %s, chosen C=%s", lang, cv, C)
    return {"inner_cv": cv, "C": C, "ship": ship}


def shipped_figure(lang: str, cache: Path) -> dict:
    """The validation figure of the language's shipped setup: its combiner's, its stacker's, or else the
    lexical model's (the train-part model at its out-of-fold thresholds, from the lexical cache)."""
    from spinlens.techniques.encoder import models_dir

    combiner = load_combiner(lang, models_dir())
    if combiner is not None:
        return combiner.info["validation"]
    entry = json.loads((models_dir() / "techniques_context.json").read_text("utf-8"))["languages"].get(lang)
    if entry and "validation" in entry:
        return entry["validation"]["stacked"]
    z = np.load(cache / f"lex_{lang}.npz")
    val = z["val"].astype(bool)
    micro, macro, _ = multilabel_scores(z["probs_split"][val] >= z["thresholds_train"], z["gold"][val].astype(bool))
    return {"micro_f1": round(float(micro), 4), "macro_f1": round(float(macro), 4)}


def main(argv=None) -> None:
    import argparse

    from spinlens.settings import shared_data_dir
    from spinlens.techniques.encoder import models_dir
    from spinlens.train.context import run_lexical

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_data_dir())
    parser.add_argument("--lang", nargs="+", default=["fr", "de", "it", "pl", "ru"])
    parser.add_argument("--cache", type=Path, default=Path("runs/context"))
    parser.add_argument("--out", type=Path, default=Path("runs/crosslingual"))
    parser.add_argument("--write", action="store_true", help="write the combiners (and their stackers) that "
                                                             "beat the shipped validation figure into the package")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    summary = {}
    for lang in args.lang:
        built = build_cache(args.data, lang, args.cache, args.out)
        report = run_lexical(args.out, lang)
        use_stacker = report["stacked"]["micro_f1"] > report["baseline"]["micro_f1"] and (
            report["stacked"]["macro_f1"] >= report["baseline"]["macro_f1"] - MACRO_TOLERANCE)
        figure = report["stacked"] if use_stacker else report["baseline"]
        before = shipped_figure(lang, args.cache)
        better = (figure["micro_f1"] > before["micro_f1"] and
                  figure["macro_f1"] >= before["macro_f1"] - MACRO_TOLERANCE)
        better = bool(better)
        unchanged = figure == before and _same_weights(load_combiner(lang, models_dir()), built["ship"])
        summary[lang] = {"combiner_inner_cv": {str(k): float(v) for k, v in built["inner_cv"].items()}, "combined": report["baseline"],
                         "combined_stacked": report["stacked"], "stacker": report["chosen"] if use_stacker else None,
                         "shipped_before": before, "better": better, "unchanged": unchanged}
        print(lang, json.dumps(summary[lang]), flush=True)
        if args.write and (better or unchanged):  # unchanged: the same combiner, re-pinned to the new English file
            _write(models_dir(), lang, built["ship"], figure, report["ship"] if use_stacker else None)
    (args.out / "summary.json").write_text(json.dumps(summary, indent=1))


def _same_weights(shipped: CrossLingualCombiner | None, refitted: CrossLingualCombiner) -> bool:
    """Whether a refitted combiner has the shipped one's weights and threshold (as stored, 5 decimals): the
    English model changed but not the cross-lingual probabilities it gives (a grafted model's)."""
    if shipped is None:
        return False
    keys = ("bias", "lexical", "english", "threshold")
    return all(shipped.to_json()[k] == refitted.to_json()[k] for k in keys)


def _write(folder: Path, lang: str, combiner: CrossLingualCombiner, figure: dict, stacker: dict | None) -> None:
    path = folder / CROSSLINGUAL_FILE
    shipped = json.loads(path.read_text("utf-8")) if path.exists() else {
        "description": "Cross-lingual combiners (spinlens.techniques.crosslingual), written by `python -m "
                       "spinlens.train.crosslingual --write`; only languages whose validation micro-F1 improved."}
    combiner.info["validation"] = figure
    shipped.setdefault("languages", {})[lang] = combiner.to_json()
    path.write_text(json.dumps(shipped, indent=1) + "\n", encoding="utf-8")
    context_path = folder / "techniques_context.json"
    context = json.loads(context_path.read_text("utf-8"))
    if stacker is None:
        context["languages"].pop(lang, None)
    else:
        context["languages"][lang] = stacker
    context_path.write_text(json.dumps(context, indent=1) + "\n", encoding="utf-8")
    log.info("%s: combiner%s written", lang, " and stacker" if stacker else "")


if __name__ == "__main__":
    main()
