"""Fit and measure the article-context stacker (`spinlens.techniques.context`) per language.

Honest protocol (the project validation split, `is_validation`, is never fitted on for the lexical
languages; English has no honest train-part scores, so it is cross-fitted over validation articles):

- Lexical languages (fr de it pl ru): the cache (`spinlens.train.context_cache`) holds out-of-fold
  probabilities on the train part (GroupKFold by article) and the train-part model's probabilities on the
  validation part. The stacker variant (context weights shared across techniques or per technique,
  regularisation C, global or per-technique thresholds) is chosen by an inner GroupKFold over the train
  part's articles; the chosen variant is fitted on the whole train part (weights, then thresholds on its
  own fitted outputs) and scored once on validation, against the shipped baseline (same probabilities,
  thresholds from the same out-of-fold predictions). The shipped stacker is refitted the same way on
  out-of-fold probabilities over all paragraphs (the shipped lexical model is refitted on all of them).
- English (MiniLM + lexical ensemble, trained on the whole train part): the stacker and its thresholds
  are fitted on one half of the validation articles and scored on the other, and swapped
  (`metrics.hash_half`, as the shipped thresholds are measured); the shipped one is fitted on all
  validation articles.

`python -m spinlens.train.context --lang fr de it pl ru en --cache runs/context --write`
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from spinlens.techniques.context import ContextStacker, context_features, logit
from spinlens.techniques.metrics import GRID, hash_half, multilabel_scores, tune_thresholds

log = logging.getLogger("spinlens.train")

MIN_POSITIVES = 15   # per-technique context weights only for techniques with this many positives


@dataclass(frozen=True)
class Variant:
    weights: str = "shared"        # "residual": the base logit as a fixed offset plus one bias and
                                   # context weights shared by all techniques (shrinks to the base model);
                                   # "minimal": one bias, one own-logit slope and context weights for all
                                   # techniques; "shared": per-technique bias and slope, shared context
                                   # weights; "per_technique": everything per technique (shared for rare ones)
    C: float = 1.0
    thresholds: str = "global"     # "global" or "per_technique"

    def name(self) -> str:
        return f"{self.weights}/C={self.C}/{self.thresholds}"


VARIANTS = [Variant(w, c, t) for w in ("residual", "minimal", "shared", "per_technique") for c in (0.1, 1.0)
            for t in ("global", "per_technique")]


def article_order(ids: list[str]) -> tuple[np.ndarray, list[str]]:
    """Row order that puts each article's paragraphs together by paragraph number, and article keys."""
    keys = [i.rsplit(":", 1) for i in ids]
    order = sorted(range(len(ids)), key=lambda r: (keys[r][0], int(keys[r][1])))
    return np.asarray(order), [k[0] for k in keys]


def _design(probs: np.ndarray, groups: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Own logits (n x L) and context features (n x L x K) for rows already in article order."""
    return logit(probs), context_features(probs, groups)


def fit_weights(probs: np.ndarray, gold: np.ndarray, groups: list[str], variant: Variant) -> ContextStacker:
    """Stacker weights by (unweighted) logistic regression; thresholds are set separately."""
    from sklearn.linear_model import LogisticRegression

    n, L = probs.shape
    own, feats = _design(probs, groups)
    # shared fit: per-technique bias and own-logit slope, context weights shared by all techniques
    if variant.weights == "residual":
        c, w = _fit_residual(own.reshape(-1), feats.reshape(n * L, -1), gold.reshape(-1), variant.C)
        return ContextStacker(np.full(L, c), np.ones(L), np.tile(w, (L, 1)), np.full(L, 0.5))
    if variant.weights == "minimal":
        X = np.concatenate([own[:, :, None], feats], axis=2).reshape(n * L, -1)
        lr = LogisticRegression(C=variant.C, max_iter=2000).fit(X, gold.reshape(-1).astype(int))
        coef = lr.coef_[0]
        return ContextStacker(np.full(L, lr.intercept_[0]), np.full(L, coef[0]), np.tile(coef[1:], (L, 1)),
                              np.full(L, 0.5))
    eye = np.eye(L)
    X = np.concatenate([np.broadcast_to(eye, (n, L, L)), (eye[None] * own[:, :, None]), feats], axis=2)
    X = X.reshape(n * L, -1)
    y = gold.reshape(-1).astype(int)
    lr = LogisticRegression(C=variant.C, fit_intercept=False, max_iter=2000).fit(X, y)
    coef = lr.coef_[0]
    bias, slope, shared = coef[:L].copy(), coef[L:2 * L].copy(), coef[2 * L:]
    weights = np.tile(shared, (L, 1))
    if variant.weights == "per_technique":
        for j in range(L):
            if gold[:, j].sum() < MIN_POSITIVES or (gold[:, j] == 0).sum() < MIN_POSITIVES:
                continue
            Xj = np.concatenate([own[:, [j]], feats[:, j, :]], axis=1)
            lj = LogisticRegression(C=variant.C, max_iter=2000).fit(Xj, gold[:, j])
            bias[j], slope[j], weights[j] = lj.intercept_[0], lj.coef_[0, 0], lj.coef_[0, 1:]
    return ContextStacker(bias, slope, weights, np.full(L, 0.5))


def _fit_residual(offset: np.ndarray, X: np.ndarray, y: np.ndarray, C: float) -> tuple[float, np.ndarray]:
    """Logistic regression z = offset + c + X w with an L2 penalty |w|^2 / (2C) (c unpenalised).

    The base model's own logit is a fixed offset, so regularisation shrinks towards the base model.
    """
    from scipy.optimize import minimize

    y = y.astype(np.float64)

    def loss(theta):
        z = offset + theta[0] + X @ theta[1:]
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))
        nll = np.sum(np.logaddexp(0, z) - y * z)
        grad = np.concatenate([[np.sum(p - y)], X.T @ (p - y)])
        grad[1:] += theta[1:] / C
        return nll + 0.5 * np.sum(theta[1:] ** 2) / C, grad

    res = minimize(loss, np.zeros(X.shape[1] + 1), jac=True, method="L-BFGS-B")
    return float(res.x[0]), res.x[1:]


def choose_thresholds(stacked: np.ndarray, gold: np.ndarray, mode: str) -> np.ndarray:
    if mode == "global":
        return np.full(stacked.shape[1], max(GRID, key=lambda t: multilabel_scores(stacked >= t, gold)[0]))
    return tune_thresholds(stacked, gold)


def fit_stacker(probs, gold, groups, variant: Variant) -> ContextStacker:
    st = fit_weights(probs, gold, groups, variant)
    st.thresholds = choose_thresholds(st.predict_proba(probs, groups), gold, variant.thresholds)
    st.info = {"variant": variant.name()}
    return st


def baseline_thresholds(probs, gold, mode: str) -> np.ndarray:
    return choose_thresholds(probs, gold, mode)


def inner_cv(probs, gold, groups, variant: Variant, folds: int = 4) -> float:
    """Micro-F1 of the variant by GroupKFold over the articles of the fitting data (pooled predictions)."""
    from sklearn.model_selection import GroupKFold

    pred = np.zeros_like(gold, dtype=bool)
    garr = np.asarray(groups)
    for tr, te in GroupKFold(n_splits=folds).split(probs, groups=garr):
        st = fit_stacker(probs[tr], gold[tr], [groups[i] for i in tr], variant)
        pred[te] = st.decide(probs[te], [groups[i] for i in te])[1]
    return multilabel_scores(pred, gold)[0]


def _scores(pred, gold) -> dict:
    micro, macro, _ = multilabel_scores(pred, gold)
    return {"micro_f1": round(micro, 4), "macro_f1": round(macro, 4)}


def run_lexical(cache: Path, lang: str) -> dict:
    """Baseline vs stacker on validation for one lexical language; also the stacker to ship."""
    from spinlens.train.lexical import config_for

    z = np.load(cache / f"lex_{lang}.npz")
    ids = z["ids"].tolist()
    order, groups_all = article_order(ids)
    gold = z["gold"][order].astype(bool)
    val = z["val"][order]
    split = z["probs_split"][order]
    oof_all = z["oof_all"][order]
    groups = [groups_all[i] for i in order]
    tr, va = ~val, val
    g_tr = [g for g, v in zip(groups, val) if not v]
    g_va = [g for g, v in zip(groups, val) if v]
    # baseline: the shipped measurement (thresholds from the train-part out-of-fold predictions)
    base = _scores(split[va] >= z["thresholds_train"], gold[va])
    report = {"n_validation": int(va.sum()), "baseline": base, "variants": {}}
    for variant in VARIANTS:
        cv = inner_cv(split[tr], gold[tr], g_tr, variant)
        st = fit_stacker(split[tr], gold[tr], g_tr, variant)
        report["variants"][variant.name()] = {"inner_cv_micro_f1": round(cv, 4),
                                              **_scores(st.decide(split[va], g_va)[1], gold[va])}
        log.info("%s %s: inner CV %.4f, validation %s", lang, variant.name(), cv, report["variants"][variant.name()])
    # the baseline's own inner-CV figure (thresholds only) for a like-for-like choice
    mode = config_for(lang).thresholds
    report["baseline_inner_cv"] = round(_baseline_cv(split[tr], gold[tr], g_tr, mode), 4)
    best = max(VARIANTS, key=lambda v: report["variants"][v.name()]["inner_cv_micro_f1"])
    report["chosen"] = best.name()
    report["stacked"] = {k: report["variants"][best.name()][k] for k in ("micro_f1", "macro_f1")}
    ship = fit_stacker(oof_all, gold, groups, best)
    ship.info.update({"fitted_on": "out-of-fold probabilities over all paragraphs (GroupKFold by article)",
                      "validation": {"baseline": base, "stacked": report["stacked"], "n": int(va.sum()),
                                     "note": "stacker fitted on train-part out-of-fold probabilities, scored "
                                             "on the validation part with the train-part model"}})
    report["ship"] = ship.to_json()
    return report


def _baseline_cv(probs, gold, groups, mode, folds: int = 4) -> float:
    from sklearn.model_selection import GroupKFold

    pred = np.zeros_like(gold, dtype=bool)
    for tr, te in GroupKFold(n_splits=folds).split(probs, groups=np.asarray(groups)):
        pred[te] = probs[te] >= baseline_thresholds(probs[tr], gold[tr], mode)
    return multilabel_scores(pred, gold)[0]


def run_english(cache: Path, variants=None) -> dict:
    """English: cross-fitted over the validation articles' halves (fit on one, score the other, swap)."""
    z = np.load(cache / "en_val.npz")
    ids = z["ids"].tolist()
    order, groups_all = article_order(ids)
    gold = z["gold"][order].astype(bool)
    w = float(z["weight"])
    probs = (w * z["p_enc"] + (1 - w) * z["p_lex"])[order]
    groups = [groups_all[i] for i in order]
    halves = np.array([hash_half(g) for g in groups])

    def crossfit(fit_predict):
        pred = np.zeros_like(gold)
        for half in (0, 1):
            f, s = halves != half, halves == half
            pred[s] = fit_predict(f, s)
        return _scores(pred, gold)

    def base(mode):
        return lambda f, s: probs[s] >= baseline_thresholds(probs[f], gold[f], mode)

    def stacked(variant):
        def fp(f, s):
            st = fit_stacker(probs[f], gold[f], [g for g, m in zip(groups, f) if m], variant)
            return st.decide(probs[s], [g for g, m in zip(groups, s) if m])[1]
        return fp

    report = {"n_validation": len(ids), "baseline_global": crossfit(base("global")),
              "baseline_per_technique": crossfit(base("per_technique")), "variants": {}}
    for variant in variants or VARIANTS:
        report["variants"][variant.name()] = crossfit(stacked(variant))
        log.info("en %s: cross-fitted %s", variant.name(), report["variants"][variant.name()])
    return report, (probs, gold, groups)


def main(argv=None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="+", default=["fr", "de", "it", "pl", "ru", "en"])
    parser.add_argument("--cache", type=Path, default=Path("runs/context"))
    parser.add_argument("--results", type=Path, default=None)
    parser.add_argument("--write", type=Path, nargs="?", const=_default_out(), default=None,
                        help="write the stackers that improved validation micro-F1 into this JSON "
                             "(default: the package's models/techniques_context.json)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    results = {}
    for lang in args.lang:
        if lang == "en":
            results["en"] = run_english(args.cache)[0]
        else:
            results[lang] = run_lexical(args.cache, lang)
        summary = {k: v for k, v in results[lang].items() if k not in ("ship", "variants")}
        print(lang, json.dumps(summary), flush=True)
    if args.results:
        args.results.write_text(json.dumps(results, indent=1))
    if args.write:
        write_shipped(results, args.write)


def _default_out() -> Path:
    return Path(__file__).resolve().parents[1] / "models" / "techniques_context.json"


MACRO_TOLERANCE = 0.01


def write_shipped(results: dict, path: Path) -> dict:
    """Keep (add or replace) the stacker of each language whose validation micro-F1 improved with it
    while its macro-F1 fell by at most MACRO_TOLERANCE (a micro gain bought by dropping the rare
    techniques is not shipped); drop the stacker of a language measured here that did not qualify."""
    shipped = json.loads(path.read_text("utf-8")) if path.exists() else {}
    shipped.setdefault("description", "Article-context stackers (spinlens.techniques.context), written by "
                                      "`python -m spinlens.train.context --write`; only languages whose "
                                      "validation micro-F1 improved with the stacker (macro-F1 "
                                      "falling by at most 0.01) are listed.")
    languages = shipped.setdefault("languages", {})
    from spinlens.techniques.crosslingual import load_combiner

    for lang, report in results.items():
        if load_combiner(lang, path.parent) is not None:
            log.info("%s: ships a cross-lingual combiner; its stacker is chosen by spinlens.train.crosslingual", lang)
            continue
        improved = ("ship" in report and report["stacked"]["micro_f1"] > report["baseline"]["micro_f1"]
                    and report["stacked"]["macro_f1"] >= report["baseline"]["macro_f1"] - MACRO_TOLERANCE)
        if improved:
            languages[lang] = report["ship"]
        else:
            languages.pop(lang, None)
        log.info("%s: %s", lang, "stacker written" if improved else "no stacker (no validation gain)")
    shipped["languages"] = dict(sorted(languages.items()))
    path.write_text(json.dumps(shipped, indent=1) + "\n", encoding="utf-8")
    return shipped


if __name__ == "__main__":
    main()
