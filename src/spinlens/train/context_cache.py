"""Cache the honest per-paragraph probabilities the context stacker is fitted and measured on.

For a lexical language (the shipped setup `CHOSEN[lang]`): out-of-fold probabilities on the train part
of the project split (GroupKFold by article), the train-part model's probabilities on the validation part
(pruned as shipped: the figure quoted in the model card), and out-of-fold probabilities over all
paragraphs (what the shipped stacker of the final, all-data model is fitted on). Written to
`OUT/lex_<lang>.npz` with ids "article_id:no", gold labels and the validation mask.

`python -m spinlens.train.context_cache --lang fr de --out runs/context`
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import numpy as np

log = logging.getLogger("spinlens.train")


def cache_lexical(root: Path, lang: str, out: Path) -> Path:
    from spinlens.techniques.lexical import LexicalTechniqueModel
    from spinlens.train.lexical import config_for, fit_model, load_lang, oof_probs, techniques

    start = time.time()
    names = techniques(root)
    cfg = config_for(lang)
    data = load_lang(root, lang, names)
    train, val = data.subset(~data.val), data.subset(data.val)
    model, oof_train = fit_model(train, cfg, names)
    prune = float(LexicalTechniqueModel.load(lang).metadata.get("pruned_below") or 0.0)
    model = model.pruned(prune)
    p_val = model.predict_proba(val.texts, val.titles)
    log.info("%s: train part fitted (%.0f s), pruned below %s", lang, time.time() - start, prune)
    oof_all = oof_probs(data, cfg)
    ids = np.array([f"{p.article_id}:{p.no}" for p in data.paragraphs])
    probs_split = np.zeros(data.Y.shape)
    probs_split[~data.val] = oof_train
    probs_split[data.val] = p_val
    path = out / f"lex_{lang}.npz"
    out.mkdir(parents=True, exist_ok=True)
    np.savez(path, ids=ids, gold=data.Y, val=data.val, probs_split=probs_split, oof_all=oof_all,
             thresholds_train=np.asarray(model.thresholds), labels=np.array(names),
             config=np.array(json.dumps(cfg.to_json())))
    log.info("%s: wrote %s (%.0f s)", lang, path, time.time() - start)
    return path


if __name__ == "__main__":
    import argparse

    from spinlens.settings import shared_data_dir

    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=shared_data_dir())
    parser.add_argument("--lang", nargs="+", required=True)
    parser.add_argument("--out", type=Path, default=Path("runs/context"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    for lang in args.lang:
        cache_lexical(args.data, lang, args.out)
