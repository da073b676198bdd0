"""Choose the English evidence-span post-processing on the validation PTC articles.

The encoder is not retrained: its token probabilities for the validation PTC articles (those whose id
satisfies `is_validation`) are computed once and cached, then the few post-processing knobs of
`spinlens.techniques.encoder.SpanDecoder` are chosen by grid search. The measured figure is cross-fitted:
knobs chosen on one half of the articles (by id hash, `metrics.hash_half`) are scored on the other half,
and swapped; the full-set figure after choosing on all 57 articles is reported next to it.

    python -m spinlens.train.spans_en cache            # token probabilities -> runs/spans_en/cache_*.pkl
    python -m spinlens.train.spans_en tune [--write]   # grid search, report; --write stores the knobs
                                                       # chosen on all articles in techniques_en.json
    ... tune --variant DIR [--variant DIR ...]         # other models folders compete with the shipped model
    ... tune --lexical-share 0 --lexical-share 0.5     # shares of the lexical span model compete too
    ... splits --seeds 10 --lexical-share ...          # the same whole choice on random half-splits instead
                                                       # of the hash split: the figure's spread
"""

from __future__ import annotations

import json
import logging
import pickle
from pathlib import Path

import numpy as np

from spinlens.train.data import is_validation, load_ptc

log = logging.getLogger("spinlens.train")

RUNS = Path("runs/spans_en")


def build_cache(root: Path, out: Path | None, segmentation: str = "lines", model=None) -> dict:
    """Per validation PTC article: text, gold spans, paragraph offsets and the encoder's outputs
    (`model` defaults to the shipped English encoder; `out` None = not saved)."""
    from spinlens.techniques.benchmarks import ptc_paragraph_offsets
    from spinlens.techniques.encoder import EnglishEncoderModel, models_dir, previous_paragraphs
    from spinlens.text.segment import paragraph_offsets

    model = model or EnglishEncoderModel.load(models_dir())
    ptc = {k: v for k, v in load_ptc(root).items() if is_validation(k)}
    cache = {}
    for n, (article_id, (text, gold)) in enumerate(sorted(ptc.items()), 1):
        offsets = ptc_paragraph_offsets(text) if segmentation == "lines" else paragraph_offsets(text)
        paragraphs = [text[s:e] for s, e in offsets]
        titles = [None] + [paragraphs[0]] * (len(paragraphs) - 1) if paragraphs else []
        previous = previous_paragraphs(paragraphs, titles) if model.previous_tokens else None
        probs, token_probs, token_offsets = model.run(paragraphs, titles, previous=previous)
        cache[article_id] = {"text": text, "gold": gold, "offsets": offsets, "paragraph_probs": probs,
                             "token_probs": token_probs, "token_offsets": token_offsets}
        log.info("%d/%d article %s: %d paragraphs", n, len(ptc), article_id, len(paragraphs))
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "wb") as handle:
            pickle.dump(cache, handle)
    return cache


def load_cache(path: Path) -> dict:
    with open(path, "rb") as handle:
        return pickle.load(handle)


#: The name of the shipped model among the variants `cross_fit` compares.
SHIPPED = "shipped"


def with_lexical_share(cache: dict, word_model, share: float) -> dict:
    """A copy of `cache` whose token probabilities are averaged with the lexical span model's
    (`spinlens.techniques.word_spans.mix`, as the runtime does), the model's share being `share`."""
    from spinlens.techniques.word_spans import mix

    out = {}
    for article_id, item in cache.items():
        text = item["text"]
        mixed = [mix(probs, word_model.token_probs(text[a:b], offsets), share) if len(offsets) else probs
                 for (a, b), probs, offsets in zip(item["offsets"], item["token_probs"], item["token_offsets"])]
        out[article_id] = item | {"token_probs": mixed}
    return out


def share_variants(name: str, cache: dict, word_model, shares) -> dict:
    """{variant name: cache} for each lexical share (`name` itself for share 0)."""
    return {(name if not share else f"{name}+lexical{share:g}"):
            (cache if not share else with_lexical_share(cache, word_model, share)) for share in shares}


def variant_share(variant: str) -> float:
    """The lexical share a variant name of `share_variants` stands for."""
    return float(variant.rsplit("+lexical", 1)[1]) if "+lexical" in variant else 0.0


def cache_path(models: Path, segmentation: str = "lines") -> Path:
    """Where the token probabilities of the English model in the `models` folder are cached (by its digest)."""
    from spinlens.train.joint_en import file_digest

    return RUNS / f"cache_{file_digest(models / 'techniques_en.onnx')[:12]}_{segmentation}.pkl"


def load_or_build(root: Path, path: Path, segmentation: str = "lines", model=None) -> dict:
    """The cache at `path`, built first when missing (`model`: a callable giving the model to read with)."""
    if not path.exists():
        build_cache(root, path, segmentation, model() if model else None)
    return load_cache(path)


# -- tuning ---------------------------------------------------------------------------------------------
THRESHOLD_GRID = np.round(np.arange(0.2, 0.801, 0.05), 3)


def class_predictions(cache: dict, decoder, grid=THRESHOLD_GRID) -> dict:
    """{(class index, threshold): {article id: [(class, start, end), ...]}} for one decoder setup."""
    out = {}
    for c, name in enumerate(decoder.classes):
        for t in grid:
            pred = {}
            for article_id, item in cache.items():
                text = item["text"]
                pred[article_id] = [(name, a + s, a + e)
                                    for (a, b), probs, offsets in zip(item["offsets"], item["token_probs"],
                                                                      item["token_offsets"]) if len(offsets)
                                    for s, e, _ in decoder.class_spans(text[a:b], probs[:, c], offsets, t)]
            out[(c, float(t))] = pred
    return out


def combine(per_class: dict, thresholds, articles) -> dict:
    """Predictions of every class at its threshold, for the given articles."""
    pred = {a: [] for a in articles}
    for c, t in enumerate(thresholds):
        source = per_class[(c, float(t))]
        for a in articles:
            pred[a].extend(source[a])
    return pred


def evaluate(pred: dict, gold: dict) -> dict:
    from spinlens.techniques.metrics import span_scores

    (sp, sr, sf), (tp, tr, tf) = span_scores(pred, gold, False), span_scores(pred, gold, True)
    return {"span_f1": sf, "span_precision": sp, "span_recall": sr, "technique_aware_f1": tf,
            "technique_aware_precision": tp, "technique_aware_recall": tr}


def objective(scores: dict) -> float:
    """What the knobs maximise: span F1 + technique-aware F1 (both targets of the issue)."""
    return scores["span_f1"] + scores["technique_aware_f1"]


def choose_thresholds(per_class: dict, gold: dict, articles, n_classes: int, per_class_thresholds: bool,
                      grid=THRESHOLD_GRID, passes: int = 2) -> tuple[np.ndarray, float]:
    """Best global threshold, then (optionally) per-class coordinate ascent, on the given articles."""
    gold = {a: gold[a] for a in articles}

    def value(thresholds):
        return objective(evaluate(combine(per_class, thresholds, articles), gold))

    best_t = max(grid, key=lambda t: value([t] * n_classes))
    thresholds = np.full(n_classes, float(best_t))
    best = value(thresholds)
    if per_class_thresholds:
        for _ in range(passes):
            for c in range(n_classes):
                for t in grid:
                    trial = thresholds.copy()
                    trial[c] = t
                    v = value(trial)
                    if v > best + 1e-9:
                        best, thresholds = v, trial
    return thresholds, best


def tune(cache: dict, setups: list[dict], per_class_options=(False, True), classes: list[str] | None = None,
         nested: bool = False) -> dict:
    """Choose (setup, thresholds) by cross-fitting and on all articles; report both figures."""
    return cross_fit({SHIPPED: cache}, setups, per_class_options, classes, nested)


def _quarter(article_id: str) -> int:
    """A second 0/1 split of the articles, independent of `hash_half` (another byte of the same digest)."""
    import hashlib

    return hashlib.md5(article_id.encode()).digest()[1] % 2


def inner_value(per_class: dict, gold: dict, articles: list[str], n_classes: int, per_class_thresholds: bool) -> float:
    """A candidate's objective cross-fitted inside `articles`: thresholds chosen on one part (`_quarter`),
    scored on the other, and swapped; what nested selection ranks candidates by."""
    pred = {}
    for part in (0, 1):
        fit = [a for a in articles if _quarter(a) != part]
        thresholds, _ = choose_thresholds(per_class, gold, fit, n_classes, per_class_thresholds)
        pred.update(combine(per_class, thresholds, [a for a in articles if _quarter(a) == part]))
    return objective(evaluate(pred, {a: gold[a] for a in articles}))


def across_halves(per_class: dict, fitted: dict, halves: dict) -> dict:
    """Predictions on every article with the thresholds chosen on the other half (`fitted[half][0]`)."""
    pred = {}
    for half in (0, 1):
        pred.update(combine(per_class, fitted[half][0], [a for a, h in halves.items() if h == half]))
    return pred


def cross_fit(caches: dict, setups: list[dict], per_class_options=(False, True), classes: list[str] | None = None,
              nested: bool = False, halves: dict | None = None) -> dict:
    """`tune` over several models' caches of the same articles (`{variant: cache}`): the variant is chosen
    with the setup and thresholds, on one half of the articles for the cross-fitted figure, on all for the
    knobs written. Candidates are ranked by their objective on the articles their thresholds were chosen on,
    or with `nested` by their objective cross-fitted inside those articles (`inner_value`; for the knobs
    written, across the two halves), which does not favour the candidates with the most freedom to fit.
    `halves` maps each article to 0/1 (default: `metrics.hash_half`, the split every figure is quoted on)."""
    from spinlens.techniques.encoder import SpanDecoder
    from spinlens.techniques.metrics import hash_half

    first = next(iter(caches.values()))
    gold = {a: item["gold"] for a, item in first.items()}
    articles = sorted(first)
    halves = halves or {a: hash_half(a) for a in articles}
    meta = {"ptc_classes": classes or _classes()}
    candidates = []
    for variant, cache in caches.items():
        if sorted(cache) != articles:
            raise ValueError(f"the cache of {variant} holds other articles than the first")
        for setup in setups:
            decoder = SpanDecoder.from_meta(meta | {"spans": setup})
            per_class = class_predictions(cache, decoder)
            for per_class_thresholds in per_class_options:
                fitted = {}
                for half in (0, 1):
                    fit = [a for a in articles if halves[a] != half]
                    fitted[half] = choose_thresholds(per_class, gold, fit, len(decoder.classes), per_class_thresholds)
                full_t, full_v = choose_thresholds(per_class, gold, articles, len(decoder.classes),
                                                   per_class_thresholds)
                if nested:  # rank by out-of-sample values instead of the in-sample ones
                    fitted = {half: (t, inner_value(per_class, gold, [a for a in articles if halves[a] != half],
                                                    len(decoder.classes), per_class_thresholds))
                              for half, (t, _) in fitted.items()}
                    full_v = objective(evaluate(across_halves(per_class, fitted, halves), gold))
                candidates.append({"variant": variant, "setup": setup, "per_class": per_class_thresholds,
                                   "per_class_predictions": per_class, "fitted": fitted, "full": (full_t, full_v)})
                log.info("%s setup %s per-class %s: objective %.4f (halves %.4f / %.4f)", variant,
                         setup, per_class_thresholds, full_v, fitted[0][1], fitted[1][1])
    # cross-fitting of the whole choice: variant, setup and thresholds chosen on one half, scored on the other
    pred = {}
    chosen_per_half = {}
    for half in (0, 1):
        best = max(candidates, key=lambda cand: cand["fitted"][half][1])
        score_on = [a for a in articles if halves[a] == half]
        pred.update(combine(best["per_class_predictions"], best["fitted"][half][0], score_on))
        chosen_per_half[half] = {"variant": best["variant"], "setup": best["setup"], "per_class": best["per_class"],
                                 "thresholds": best["fitted"][half][0].round(3).tolist()}
    cross_fitted = evaluate(pred, gold)
    best = max(candidates, key=lambda cand: cand["full"][1])
    full = evaluate(combine(best["per_class_predictions"], best["full"][0], articles), gold)
    per_candidate = []
    for cand in candidates:  # each candidate's own cross-fitted figure (thresholds chosen per half)
        per_candidate.append({"variant": cand["variant"], "setup": cand["setup"], "per_class": cand["per_class"],
                              "cross_fitted": evaluate(across_halves(cand["per_class_predictions"], cand["fitted"],
                                                                     halves), gold)})
    return {"cross_fitted": cross_fitted, "chosen_per_half": chosen_per_half, "full": full,
            "chosen": {"variant": best["variant"], "setup": best["setup"], "per_class": best["per_class"],
                       "thresholds": best["full"][0].round(3).tolist()},
            "candidates": per_candidate, "articles": len(articles), "variants": list(caches), "nested": nested}


SETUPS = [{"keep": keep, "gap": gap} for keep in (1.0, 0.5, 0.35) for gap in (0, 25)]


def random_halves(articles: list[str], seed: int) -> dict:
    """A random split of the articles into two halves of (nearly) equal size."""
    import random

    order = sorted(articles)
    random.Random(seed).shuffle(order)
    return {a: int(i >= len(order) // 2) for i, a in enumerate(order)}


def random_split_figures(caches: dict, setups: list[dict], seeds: range, classes: list[str] | None = None
                         ) -> list[dict]:
    """The whole cross-fitted choice re-run on random half-splits: how far the hash split's figure is from
    the procedure's average (one cross-fitted figure per seed)."""
    articles = sorted(next(iter(caches.values())))
    return [{"seed": seed} | cross_fit(caches, setups, classes=classes,
                                       halves=random_halves(articles, seed))["cross_fitted"] for seed in seeds]


def span_entries(result: dict, classes: list[str]) -> tuple[dict, dict]:
    """(the `spans` entry of techniques_en.json, the span figures of its `validation` entry)."""
    from spinlens.techniques.encoder import SpanDecoder

    chosen = result["chosen"]
    decoder = SpanDecoder(classes, np.asarray(chosen["thresholds"]), chosen["setup"]["keep"],
                          chosen["setup"]["gap"], variant_share(chosen["variant"]))
    cf, full = result["cross_fitted"], result["full"]
    return decoder.to_meta(), {
        "span_threshold": "per class" if chosen["per_class"] else chosen["thresholds"][0],
        "span_f1": round(cf["span_f1"], 4), "span_precision": round(cf["span_precision"], 4),
        "span_recall": round(cf["span_recall"], 4), "technique_aware_span_f1": round(cf["technique_aware_f1"], 4),
        "technique_aware_precision": round(cf["technique_aware_precision"], 4),
        "technique_aware_recall": round(cf["technique_aware_recall"], 4),
        "span_scores": "cross-fitted (knobs chosen on one half of the articles, scored on the other)",
        "span_f1_in_sample": round(full["span_f1"], 4),
        "technique_aware_span_f1_in_sample": round(full["technique_aware_f1"], 4),
        "ptc_validation_articles": result["articles"], "ptc_paragraphs": "one per line",
        "span_selection": ("nested: candidates ranked by their objective cross-fitted inside the choosing half"
                           if result.get("nested") else "candidates ranked in-sample on the choosing half"),
        "span_models_compared": result.get("variants", [SHIPPED]),
        "lexical_share": decoder.lexical_share}


def write_meta(result: dict, path: Path) -> dict:
    """Store the knobs chosen on all articles in techniques_en.json (only the span entries are touched, and
    the span-score calibration, fitted for the old knobs, is dropped; the file is re-read right before
    writing, so other entries written meanwhile are kept)."""
    meta = json.loads(path.read_text("utf-8"))
    spans, figures = span_entries(result, meta["ptc_classes"])
    if "calibration" in meta.get("spans", {}):
        meta.get("validation", {}).pop("span_score_calibration", None)
        log.warning("span scores are no longer calibrated (the knobs changed): run "
                    "`python -m spinlens.train.span_calibration --write`")
    meta["spans"] = spans
    meta["span_thresholds"] = spans["thresholds"]
    meta.setdefault("validation", {}).update(figures)
    path.write_text(json.dumps(meta, indent=1))
    return meta


def _classes() -> list[str]:
    from spinlens.techniques.encoder import models_dir

    return json.loads((models_dir() / "techniques_en.json").read_text("utf-8"))["ptc_classes"]


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["cache", "tune", "splits"])
    parser.add_argument("--data", type=Path, default=None, help="shared data folder (default ../shared/data)")
    parser.add_argument("--cache", type=Path, default=None,
                        help="token probabilities of the shipped model (default: runs/spans_en/cache_<its SHA-256>.pkl)")
    parser.add_argument("--segmentation", choices=["lines", "blank"], default="lines",
                        help="PTC paragraphs: one per line (as the model was trained) or blank-line blocks")
    parser.add_argument("--write", action="store_true", help="store the chosen knobs in techniques_en.json")
    parser.add_argument("--variant", type=Path, action="append", default=[],
                        help="a models folder whose English model competes with the shipped one (repeatable): the "
                             "model is chosen with the knobs, and the cross-fitted figure covers that choice")
    parser.add_argument("--lexical-share", type=float, action="append", default=[],
                        help="a share of the lexical span model in the token probabilities (repeatable; default 0): "
                             "each share of each model competes inside the cross-fitting")
    parser.add_argument("--lexical-model", type=Path, default=None,
                        help="the lexical span model file (default: the one in the models folder)")
    parser.add_argument("--seeds", type=int, default=10, help="splits: how many random half-splits")
    parser.add_argument("--nested", action="store_true",
                        help="rank candidates by their objective cross-fitted inside the articles they are chosen on")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    from spinlens.settings import shared_data_dir

    from spinlens.techniques.encoder import EnglishEncoderModel, models_dir

    data = args.data or shared_data_dir()
    shipped_cache = args.cache or cache_path(models_dir(), args.segmentation)
    if args.command == "cache":
        build_cache(data, shipped_cache, args.segmentation)
    else:
        from spinlens.techniques.word_spans import FILE_NAME, WordSpanModel

        shares = args.lexical_share or [0.0]
        word_model = (WordSpanModel.load((args.lexical_model or models_dir() / FILE_NAME).resolve())
                      if any(shares) else None)
        caches = share_variants(SHIPPED, load_or_build(data, shipped_cache, args.segmentation), word_model, shares)
        for folder in args.variant:
            caches |= share_variants(str(folder), load_or_build(
                data, cache_path(folder, args.segmentation), args.segmentation,
                lambda f=folder: EnglishEncoderModel.load(f.resolve())), word_model, shares)
        if args.command == "splits":
            figures = random_split_figures(caches, SETUPS, range(args.seeds))
            for row in figures:
                print(f"seed {row['seed']}: span F1 {row['span_f1']:.4f}, technique-aware F1 "
                      f"{row['technique_aware_f1']:.4f}", flush=True)
            spans, aware = (np.array([row[k] for row in figures]) for k in ("span_f1", "technique_aware_f1"))
            print(f"over {len(figures)} random half-splits: span F1 mean {spans.mean():.4f} (sd {spans.std():.4f}), "
                  f"technique-aware F1 mean {aware.mean():.4f} (sd {aware.std():.4f})")
            raise SystemExit(0)
        result = cross_fit(caches, SETUPS, nested=args.nested)
        report = {k: v for k, v in result.items() if k != "candidates"}
        for cand in result["candidates"]:
            cf = cand["cross_fitted"]
            print(f"{cand['variant']} setup {cand['setup']} per-class thresholds {cand['per_class']}: cross-fitted "
                  f"span F1 {cf['span_f1']:.4f}, technique-aware F1 {cf['technique_aware_f1']:.4f}")
        print(json.dumps(report, indent=1))
        RUNS.mkdir(parents=True, exist_ok=True)
        (RUNS / "tune.json").write_text(json.dumps(result, indent=1))
        if args.write:
            if result["chosen"]["variant"].rsplit("+lexical", 1)[0] != SHIPPED:
                raise SystemExit(f"{result['chosen']['variant']} scores best: install it, then tune again to write")
            write_meta(result, models_dir() / "techniques_en.json")
