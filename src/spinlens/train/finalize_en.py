"""Turn a trained English checkpoint into the shipped model: ONNX int8, ensemble weight, thresholds,
calibration and span thresholds, all chosen on the validation split with honest (cross-fitted) scores.

Writes `techniques_en.onnx`, `techniques_en.json` and `tokenizer_en.json` into `--out` (the package's
models folder when shipping) and prints the validation report the README's model card quotes. The thresholds
and Platt map it writes are for the ensemble without the lexical span model's word evidence (no
`word_evidence_share`); `python -m spinlens.train.word_evidence --write` then measures and adds it.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import numpy as np

from spinlens.techniques.metrics import GRID, cross_fitted_scores, multilabel_scores, tune_thresholds
from spinlens.train.calibration import cross_fitted_report, fit_platt
from spinlens.train.data import is_validation, load_st3
from spinlens.train.joint_en import encoder_dir

log = logging.getLogger("spinlens.train")


def validation_inputs(root: Path):
    """English validation paragraphs as the runtime sees them: (ids, texts, titles, gold matrix, names)."""
    names = [t.strip() for t in (root / "semeval2023-task3" / "techniques.txt").read_text().split() if t.strip()]
    paragraphs = [p for p in load_st3(root, "en") if is_validation(p.article_id)]
    first = {}
    for p in paragraphs:
        if p.article_id not in first or p.no < first[p.article_id].no:
            first[p.article_id] = p
    rows = [p for p in paragraphs if p.text.strip()]
    texts = [p.text.strip() for p in rows]
    titles = [None if first[p.article_id] is p else first[p.article_id].text.strip() for p in rows]
    gold = np.zeros((len(rows), len(names)), dtype=bool)
    for i, p in enumerate(rows):
        for label in p.labels:
            gold[i, names.index(label)] = True
    return [f"{p.article_id}:{p.no}" for p in rows], texts, titles, gold, names


def lexical_validation_probs(lexical_val: Path, ids: list[str]) -> np.ndarray:
    """The train-part English lexical model's probabilities (`--lexical-val` file) in the order of `ids`."""
    lex = np.load(lexical_val, allow_pickle=True)
    order = {i: k for k, i in enumerate(lex["ids"].tolist())}
    return lex["probs"][[order[i] for i in ids]]


def finalize(root: Path, checkpoint: Path, meta_path: Path, out: Path, lexical_val: Path | None,
             window: int | None = None) -> dict:
    """Export, choose ensemble/thresholds/calibration/span thresholds on validation, write the model files.
    `window` sets the run-time window in tokens (default: the training window), e.g. a grafted model's
    base window, which its base span head reads best."""
    from spinlens.techniques.encoder import EnglishEncoderModel, previous_paragraphs
    from spinlens.train.export_onnx import export

    out.mkdir(parents=True, exist_ok=True)
    meta = json.loads(meta_path.read_text()) | ({"max_len": window} if window else {})
    onnx_path = export(checkpoint, meta_path, out / "techniques_en.onnx", quantize=True)
    fp32_path = onnx_path.with_suffix(".fp32.onnx")
    shutil.copy(encoder_dir() / "tokenizer.json", out / "tokenizer_en.json")
    ids, texts, titles, gold, names = validation_inputs(root)
    groups = [i.split(":")[0] for i in ids]
    int8 = EnglishEncoderModel(onnx_path, meta, out / "tokenizer_en.json")
    fp32 = EnglishEncoderModel(fp32_path, meta, out / "tokenizer_en.json")
    previous = previous_paragraphs(texts, titles, groups)
    p8, _, _ = int8.run(texts, titles, previous=previous)
    p32, _, _ = fp32.run(texts, titles, previous=previous)
    report = {"int8_micro_f1_cross_fitted": _cross_fitted_global(p8, gold, groups)[0],
              "fp32_micro_f1_cross_fitted": _cross_fitted_global(p32, gold, groups)[0]}
    log.info("int8 vs fp32: %s", report)
    if report["fp32_micro_f1_cross_fitted"] - report["int8_micro_f1_cross_fitted"] > 0.01:
        raise RuntimeError(f"int8 loses more than 0.01 micro-F1 ({report}); not shipping it")
    fp32_path.unlink()
    probs, weight = p8, 1.0
    if lexical_val and lexical_val.exists():
        lex_probs = lexical_validation_probs(lexical_val, ids)
        candidates = {w: _cross_fitted_global(w * p8 + (1 - w) * lex_probs, gold, groups)[0]
                      for w in (1.0, 0.85, 0.7, 0.6, 0.5)}
        weight = max(candidates, key=candidates.get)
        report["ensemble_weight_candidates"] = candidates
        probs = weight * p8 + (1 - weight) * lex_probs
    global_best = max(GRID, key=lambda t: multilabel_scores(probs >= t, gold)[0])
    per_technique = cross_fitted_scores(probs, gold, groups)
    global_cf = _cross_fitted_global(probs, gold, groups)
    use_per_technique = per_technique[0] > global_cf[0]
    thresholds = tune_thresholds(probs, gold) if use_per_technique else np.full(len(names), global_best)
    chosen = per_technique if use_per_technique else global_cf
    report.update({"ensemble_weight": weight, "thresholds": "per technique" if use_per_technique else "global",
                   "micro_f1": chosen[0], "macro_f1": chosen[1],
                   "per_technique_f1": dict(zip(names, np.round(chosen[2], 4).tolist())),
                   "support": dict(zip(names, gold.sum(0).tolist())),
                   "micro_f1_in_sample_thresholds": multilabel_scores(probs >= thresholds, gold)[0]})
    platt = fit_platt(probs, gold)
    report["calibration"] = cross_fitted_report(probs, gold, groups, probs >= thresholds)
    span_report = tune_spans(root, int8)
    meta.update({"thresholds": thresholds.round(4).tolist(), "ensemble_weight": weight,
                 "platt": platt.round(5).tolist(), "span_thresholds": span_report.pop("span_thresholds"),
                 "spans": span_report.pop("spans"),
                 "validation": report | span_report})
    (out / "techniques_en.json").write_text(json.dumps(meta, indent=1))
    return meta["validation"]


def _cross_fitted_global(probs, gold, groups):
    from spinlens.techniques.metrics import hash_half

    halves = np.array([hash_half(g) for g in groups])
    pred = np.zeros_like(gold)
    for half in (0, 1):
        fit = halves != half
        t = max(GRID, key=lambda t: multilabel_scores(probs[fit] >= t, gold[fit])[0])
        pred[halves == half] = probs[halves == half] >= t
    return multilabel_scores(pred, gold)


def tune_spans(root: Path, model) -> dict:
    """Choose the span post-processing on the validation PTC articles (`spinlens.train.spans_en`): the
    `spans` entry of the model meta, `span_thresholds`, and the cross-fitted span figures."""
    from spinlens.train.spans_en import SETUPS, build_cache, span_entries, tune

    result = tune(build_cache(root, None, model=model), SETUPS, classes=model.ptc_classes)
    spans, figures = span_entries(result, model.ptc_classes)
    log.info("spans %s: span F1 %.4f, technique-aware F1 %.4f (cross-fitted) on %d articles", spans,
             figures["span_f1"], figures["technique_aware_span_f1"], figures["ptc_validation_articles"])
    return {"spans": spans, "span_thresholds": spans["thresholds"]} | figures


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("--meta", type=Path, required=True)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--lexical-val", type=Path)
    parser.add_argument("--window", type=int, help="run-time window in tokens (default: the training window)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    print(json.dumps(finalize(args.data, args.checkpoint, args.meta, args.out, args.lexical_val, args.window),
                     indent=1))
