"""Lexical persuasion-technique models: TF-IDF n-grams + one logistic regression per technique.

Trained on SemEval-2023 Task 3 subtask 3 (paragraph level, 23 techniques). Features are TF-IDF blocks
(word n-grams and char_wb n-grams of the paragraph, word n-grams of the article title as context, and a
paragraph-length feature), each block L2-normalised and weighted. Decision thresholds per technique are
tuned on out-of-fold predictions (GroupKFold by article id), never on the validation split.

`train_lexical()` reproduces the shipped models: it scores the train-split model on the project's
validation split (`is_validation`), then (with `final=True`) refits on all paragraphs of the language
and writes `lexical_<lang>.npz` in the format read by `spinlens.techniques.lexical`.
Needs scikit-learn (training only; the runtime model needs numpy alone).
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from spinlens.techniques.lexical import FORMAT_VERSION, compact_arrays, length_feature
from spinlens.train.data import Paragraph, is_validation, load_st3

log = logging.getLogger("spinlens.train")

SEED = 13


@dataclass(frozen=True)
class LexicalConfig:
    """Feature and classifier settings of one lexical model (everything needed to reproduce it)."""

    word_ngram: tuple[int, int] = (1, 2)
    word_max_features: int | None = None
    word_min_df: int = 2
    char_ngram: tuple[int, int] | None = (2, 5)
    char_analyzer: str = "char_wb"
    char_max_features: int | None = None
    char_min_df: int = 2
    title_ngram: tuple[int, int] | None = (1, 1)
    title_max_features: int | None = None
    title_min_df: int = 2
    title_weight: float = 0.5
    char_weight: float = 1.0
    length_weight: float = 0.0
    sublinear_tf: bool = True
    C: float = 1.0
    classifier: str = "lr"  # "lr", "lr_unbalanced", "nblr" (NB-scaled LR) or "svm" (Platt-scaled LinearSVC)
    thresholds: str = "per_technique"  # "global" or "per_technique"
    folds: int = 4
    prune: float = 0.0              # |weight| below this is set to zero in the saved file
    prune_tolerance: float = 0.0    # >0: prune at the largest PRUNE_SCAN level losing at most this much
                                    # validation micro-F1 (train-split model), ignoring `prune`

    def to_json(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------------------------------------- data


def techniques(root: Path) -> list[str]:
    """The 23 technique names, in the order of techniques.txt (the label order of every model)."""
    path = root / "semeval2023-task3" / "techniques.txt"
    return [t.strip() for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]


@dataclass
class LangData:
    """Paragraphs of one language with titles, label matrix and validation mask."""

    lang: str
    paragraphs: list[Paragraph]
    titles: list[str]
    Y: np.ndarray
    groups: np.ndarray
    val: np.ndarray
    langs: np.ndarray = field(default=None)  # type: ignore[assignment]

    @property
    def texts(self) -> list[str]:
        return [p.text for p in self.paragraphs]

    def subset(self, mask: np.ndarray) -> LangData:
        idx = np.flatnonzero(mask)
        return LangData(self.lang, [self.paragraphs[i] for i in idx], [self.titles[i] for i in idx],
                        self.Y[idx], self.groups[idx], self.val[idx], self.langs[idx])


def load_lang(root: Path, lang: str, names: list[str], *, self_title: bool = False) -> LangData:
    """All paragraphs with non-empty text (template order), their article titles and gold labels.

    The title of an article is its paragraph with the lowest number; as in the analysis stage, the
    title paragraph itself gets no title context ("") unless `self_title`. Ids present only in the
    labels file have no text and cannot be scored by a text model; they are left out everywhere.
    """
    paragraphs = [p for p in load_st3(root, lang) if p.text.strip()]
    first: dict[str, Paragraph] = {}
    for p in paragraphs:
        if p.article_id not in first or p.no < first[p.article_id].no:
            first[p.article_id] = p
    index = {n: i for i, n in enumerate(names)}
    Y = np.zeros((len(paragraphs), len(names)), dtype=np.int8)
    for row, p in enumerate(paragraphs):
        for label in p.labels:
            if label in index:
                Y[row, index[label]] = 1
            else:
                log.warning("%s: unknown technique %r in %s:%s", lang, label, p.article_id, p.no)
    groups = np.array([f"{lang}/{p.article_id}" for p in paragraphs])
    val = np.array([is_validation(p.article_id) for p in paragraphs], dtype=bool)
    titles = [first[p.article_id].text if self_title or first[p.article_id] is not p else "" for p in paragraphs]
    return LangData(lang, paragraphs, titles, Y, groups, val, np.array([lang] * len(paragraphs)))


def concat(parts: list[LangData]) -> LangData:
    """Several languages as one training set (the joint model)."""
    return LangData("+".join(p.lang for p in parts), [x for p in parts for x in p.paragraphs],
                    [x for p in parts for x in p.titles], np.vstack([p.Y for p in parts]),
                    np.concatenate([p.groups for p in parts]), np.concatenate([p.val for p in parts]),
                    np.concatenate([p.langs for p in parts]))


# ------------------------------------------------------------------------------------------ features


class Featurizer:
    """The sklearn side of the feature blocks; `blocks()` exports what the runtime model needs."""

    def __init__(self, cfg: LexicalConfig):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.cfg = cfg
        common = {"lowercase": True, "sublinear_tf": cfg.sublinear_tf, "dtype": np.float64}
        self.vectorizers: list[tuple[str, str, float, TfidfVectorizer]] = []
        self.vectorizers.append(("word", "text", 1.0, TfidfVectorizer(
            analyzer="word", ngram_range=tuple(cfg.word_ngram), min_df=cfg.word_min_df,
            max_features=cfg.word_max_features, **common)))
        if cfg.char_ngram:
            self.vectorizers.append(("char", "text", cfg.char_weight, TfidfVectorizer(
                analyzer=cfg.char_analyzer, ngram_range=tuple(cfg.char_ngram), min_df=cfg.char_min_df,
                max_features=cfg.char_max_features, **common)))
        if cfg.title_ngram:
            self.vectorizers.append(("title", "title", cfg.title_weight, TfidfVectorizer(
                analyzer="word", ngram_range=tuple(cfg.title_ngram), min_df=cfg.title_min_df,
                max_features=cfg.title_max_features, **common)))

    def _inputs(self, source: str, texts: list[str], titles: list[str | None]) -> list[str]:
        return texts if source == "text" else [t or "" for t in titles]

    def fit_transform(self, texts: list[str], titles: list[str | None]):
        return self._stack([vec.fit_transform(self._inputs(src, texts, titles)) * w
                            for _, src, w, vec in self.vectorizers], texts, titles)

    def transform(self, texts: list[str], titles: list[str | None]):
        return self._stack([vec.transform(self._inputs(src, texts, titles)) * w
                            for _, src, w, vec in self.vectorizers], texts, titles)

    def _stack(self, mats, texts, titles):
        import scipy.sparse as sp

        if self.cfg.length_weight:
            lengths = np.array([[length_feature(t)] for t in texts]) * self.cfg.length_weight
            mats = mats + [sp.csr_matrix(lengths)]
        return sp.hstack(mats, format="csr")

    @property
    def n_features(self) -> int:
        return sum(len(v.vocabulary_) for *_, v in self.vectorizers) + (1 if self.cfg.length_weight else 0)

    def blocks(self) -> list[dict]:
        """Per block: name, source field, analyzer, n-gram range, weight, vocabulary (by index), idf."""
        out = []
        for name, source, weight, vec in self.vectorizers:
            vocab = np.empty(len(vec.vocabulary_), dtype=object)
            for term, i in vec.vocabulary_.items():
                vocab[i] = term
            out.append({"name": name, "source": source, "analyzer": vec.analyzer,
                        "ngram_range": list(vec.ngram_range), "weight": weight, "sublinear_tf": vec.sublinear_tf,
                        "vocabulary": vocab.astype(str), "idf": vec.idf_.astype(np.float32)})
        return out


# ---------------------------------------------------------------------------------------- classifier


def fit_heads(X, Y: np.ndarray, cfg: LexicalConfig) -> tuple[np.ndarray, np.ndarray]:
    """One binary classifier per technique; returns (coef n_labels x n_features, intercept n_labels).

    A technique without positives gets a constant very low score. "svm" fits a class-balanced
    LinearSVC and calibrates its margin with a 1-d logistic regression (Platt scaling, fitted on the
    training margins), folded into the weights so the runtime stays one linear layer + sigmoid.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    n_labels = Y.shape[1]
    coef = np.zeros((n_labels, X.shape[1]), dtype=np.float64)
    intercept = np.full(n_labels, -10.0)
    for j in range(n_labels):
        y = Y[:, j]
        if y.sum() == 0 or y.sum() == len(y):
            continue
        if cfg.classifier == "lr":
            clf = LogisticRegression(C=cfg.C, class_weight="balanced", solver="liblinear", max_iter=1000,
                                     random_state=SEED)
            clf.fit(X, y)
            coef[j], intercept[j] = clf.coef_[0], clf.intercept_[0]
        elif cfg.classifier in ("nblr", "lr_unbalanced"):
            scale = _nb_ratio(X, y) if cfg.classifier == "nblr" else None
            Xj = X.multiply(scale.reshape(1, -1)).tocsr() if scale is not None else X
            clf = LogisticRegression(C=cfg.C, class_weight="balanced" if scale is not None else None,
                                     solver="liblinear", max_iter=1000, random_state=SEED)
            clf.fit(Xj, y)
            coef[j] = clf.coef_[0] * (scale if scale is not None else 1.0)
            intercept[j] = clf.intercept_[0]
        elif cfg.classifier == "svm":
            svm = LinearSVC(C=cfg.C, class_weight="balanced", random_state=SEED, max_iter=5000)
            svm.fit(X, y)
            margin = svm.decision_function(X).reshape(-1, 1)
            platt = LogisticRegression(C=1.0, class_weight="balanced").fit(margin, y)
            a, b = platt.coef_[0, 0], platt.intercept_[0]
            coef[j], intercept[j] = svm.coef_[0] * a, svm.intercept_[0] * a + b
        else:
            raise ValueError(f"unknown classifier {cfg.classifier!r}")
    return coef, intercept


def _nb_ratio(X, y: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """NB-LR feature scaling (Wang & Manning 2012): log-count ratio of feature presence between
    positive and negative paragraphs; the TF-IDF values are multiplied by it before the logistic
    regression, and the product is folded into the saved weights (the runtime stays linear).
    """
    B = (X > 0).astype(np.float64)
    pos = np.asarray(B[y == 1].sum(axis=0)).ravel() + alpha
    neg = np.asarray(B[y == 0].sum(axis=0)).ravel() + alpha
    return np.log((pos / pos.sum()) / (neg / neg.sum()))


def predict(X, coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
    z = np.asarray(X @ coef.T) + intercept
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


def oof_probs(data: LangData, cfg: LexicalConfig, X=None) -> np.ndarray:
    """Out-of-fold probabilities on `data` (GroupKFold by article, vectorizers refitted per fold)."""
    from sklearn.model_selection import GroupKFold

    probs = np.zeros(data.Y.shape, dtype=np.float64)
    texts = data.texts
    for k, (tr, te) in enumerate(GroupKFold(n_splits=cfg.folds).split(texts, groups=data.groups)):
        feat = Featurizer(cfg)
        Xtr = feat.fit_transform([texts[i] for i in tr], [data.titles[i] for i in tr])
        Xte = feat.transform([texts[i] for i in te], [data.titles[i] for i in te])
        coef, intercept = fit_heads(Xtr, data.Y[tr], cfg)
        probs[te] = predict(Xte, coef, intercept)
        log.debug("fold %d/%d done", k + 1, cfg.folds)
    return probs


# ---------------------------------------------------------------------------------------- thresholds

GRID = np.round(np.arange(0.05, 0.951, 0.01), 2)


def micro_f1(P: np.ndarray, Y: np.ndarray, thr) -> float:
    pred = P >= np.asarray(thr)
    tp = np.sum(pred & (Y == 1))
    denom = pred.sum() + Y.sum()
    return float(2 * tp / denom) if denom else 0.0


def scores(P: np.ndarray, Y: np.ndarray, thr, names: list[str]) -> dict:
    """Micro-F1, macro-F1 (over techniques with gold or predicted positives... all 23) and per technique."""
    pred = P >= np.asarray(thr)
    per = {}
    for j, name in enumerate(names):
        tp = int(np.sum(pred[:, j] & (Y[:, j] == 1)))
        denom = int(pred[:, j].sum() + Y[:, j].sum())
        per[name] = {"f1": round(2 * tp / denom, 4) if denom else 0.0, "support": int(Y[:, j].sum()),
                     "predicted": int(pred[:, j].sum())}
    return {"micro_f1": round(micro_f1(P, Y, thr), 4),
            "macro_f1": round(float(np.mean([v["f1"] for v in per.values()])), 4),
            "n": len(Y), "per_technique": per}


def tune_global(P: np.ndarray, Y: np.ndarray) -> float:
    best = max(GRID, key=lambda t: (micro_f1(P, Y, t), -abs(t - 0.5)))
    return float(best)


def tune_per_technique(P: np.ndarray, Y: np.ndarray, *, rounds: int = 3, min_support: int = 10) -> np.ndarray:
    """Per-technique thresholds maximising the overall micro-F1 (coordinate ascent from the best global).

    Techniques with fewer than `min_support` positives keep the global threshold (too few to tune).
    """
    g = tune_global(P, Y)
    thr = np.full(P.shape[1], g)
    pred = P >= thr
    tp_all = int(np.sum(pred & (Y == 1)))
    np_all = int(pred.sum())
    npos = int(Y.sum())
    for _ in range(rounds):
        changed = False
        for j in range(P.shape[1]):
            if Y[:, j].sum() < min_support:
                continue
            col_pred = P[:, j] >= thr[j]
            tp_rest = tp_all - int(np.sum(col_pred & (Y[:, j] == 1)))
            np_rest = np_all - int(col_pred.sum())
            best_t, best_f = thr[j], 2 * tp_all / (np_all + npos)
            for t in GRID:
                cp = P[:, j] >= t
                tp = tp_rest + int(np.sum(cp & (Y[:, j] == 1)))
                f = 2 * tp / (np_rest + int(cp.sum()) + npos)
                if f > best_f + 1e-9:
                    best_t, best_f = t, f
            if best_t != thr[j]:
                changed = True
                thr[j] = best_t
                cp = P[:, j] >= best_t
                tp_all = tp_rest + int(np.sum(cp & (Y[:, j] == 1)))
                np_all = np_rest + int(cp.sum())
        if not changed:
            break
    return thr


def tune(P: np.ndarray, Y: np.ndarray, mode: str) -> np.ndarray:
    if mode == "global":
        return np.full(P.shape[1], tune_global(P, Y))
    if mode == "per_technique":
        return tune_per_technique(P, Y)
    raise ValueError(f"unknown threshold mode {mode!r}")


# ------------------------------------------------------------------------------------------- fitting


@dataclass
class FittedLexical:
    """A trained model on the sklearn side: featurizer, weights, thresholds (what gets saved)."""

    cfg: LexicalConfig
    featurizer: Featurizer
    coef: np.ndarray
    intercept: np.ndarray
    thresholds: np.ndarray
    labels: list[str]
    languages: list[str]

    def predict_proba(self, texts: list[str], titles: list[str | None]) -> np.ndarray:
        return predict(self.featurizer.transform(texts, titles), self.coef, self.intercept)

    def pruned(self, threshold: float) -> FittedLexical:
        """The same model with weights of magnitude below `threshold` set to zero (smaller file)."""
        if not threshold:
            return self
        coef = np.where(np.abs(self.coef) < threshold, 0.0, self.coef)
        return replace(self, coef=coef)


def fit_model(data: LangData, cfg: LexicalConfig, labels: list[str], *,
              tune_thresholds: bool = True) -> tuple[FittedLexical, np.ndarray | None]:
    """Fit on all of `data`; thresholds from out-of-fold predictions over `data` (returned too).

    The weights are not pruned here: `cfg.prune` is applied by `FittedLexical.pruned` when saving.
    """
    oof = None
    if tune_thresholds:
        oof = oof_probs(data, cfg)
        thr = tune(oof, data.Y, cfg.thresholds)
    else:
        thr = np.full(len(labels), 0.5)
    feat = Featurizer(cfg)
    X = feat.fit_transform(data.texts, data.titles)
    coef, intercept = fit_heads(X, data.Y, cfg)
    return FittedLexical(cfg, feat, coef, intercept, thr, labels, sorted(set(data.langs.tolist()))), oof


def save_model(model: FittedLexical, path: Path, metadata: dict) -> int:
    """Write the runtime file (numpy only: vocabularies, idf, float16 weights, thresholds, JSON)."""
    arrays: dict[str, np.ndarray] = {}
    blocks = []
    for b in model.featurizer.blocks():
        arrays[f"vocab_{b['name']}"] = b["vocabulary"]
        arrays[f"idf_{b['name']}"] = b["idf"]
        blocks.append({k: v for k, v in b.items() if k not in ("vocabulary", "idf")})
    settings = {"format": FORMAT_VERSION, "lowercase": True, "token_pattern": r"(?u)\b\w\w+\b",
                "blocks": blocks, "length_weight": model.cfg.length_weight, "labels_order": "techniques.txt"}
    arrays["coef"] = model.coef.astype(np.float16)
    arrays["intercept"] = model.intercept.astype(np.float32)
    arrays["thresholds"] = np.asarray(model.thresholds, dtype=np.float32)
    arrays["labels"] = np.array(model.labels)
    arrays["languages"] = np.array(model.languages)
    arrays["settings"] = np.array(json.dumps(settings))
    arrays["metadata"] = np.array(json.dumps(metadata, ensure_ascii=False))
    return write_model_file(path, compact_arrays(arrays))


def write_model_file(path: Path, arrays: dict[str, np.ndarray]) -> int:
    """Write a lexical model file (compressed npz); returns its size in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        np.savez_compressed(handle, **arrays)
    return path.stat().st_size


# ------------------------------------------------------------------------------------ chosen setups

#: Word 1-2-grams + char_wb 2-5-grams only (the "base" variant of runs/lexical_results.md).
_BASE = LexicalConfig(title_ngram=None)
#: + title word unigrams (weight 0.5) and the length feature, capped vocabularies ("capped").
_TITLE_LEN = LexicalConfig(length_weight=1.0, word_max_features=15000, char_max_features=30000,
                           title_max_features=2000)

#: The setups chosen per language on the validation split (best validation micro-F1 among the
#: variants in runs/lexical_results.md); weights below |prune| are dropped if that costs at most
#: `prune_tolerance` validation micro-F1.
CHOSEN: dict[str, LexicalConfig] = {
    "fr": replace(_TITLE_LEN, C=1.0, thresholds="per_technique", prune_tolerance=0.003),
    "de": replace(_BASE, C=1.0, thresholds="global", prune_tolerance=0.003),
    "it": replace(_BASE, C=1.0, thresholds="per_technique", prune_tolerance=0.003),
    "pl": replace(_BASE, C=10.0, thresholds="global", prune_tolerance=0.003),
    "ru": replace(_BASE, C=1.0, thresholds="per_technique", prune_tolerance=0.003),
    "en": replace(_TITLE_LEN, C=10.0, thresholds="per_technique", prune_tolerance=0.003),
}
DEFAULT = LexicalConfig()


def config_for(lang: str) -> LexicalConfig:
    return CHOSEN.get(lang, DEFAULT)


PRUNE_SCAN = (0.0, 0.01, 0.02, 0.03, 0.05, 0.1)


def _coef_bytes(coef: np.ndarray) -> int:
    import io

    buffer = io.BytesIO()
    np.savez_compressed(buffer, coef=coef.astype(np.float16))
    return len(buffer.getvalue())


def train_lexical(data_root: Path, langs: list[str], out_dir: Path, *, final: bool = True,
                  val_out: Path | None = None) -> dict:
    """Train, validate and (if `final`) refit-on-all and save one lexical model per language.

    For each language: fit the chosen config (`CHOSEN`) on the training part of the project split
    (thresholds from out-of-fold predictions over that part) and score the validation part; with
    `val_out`, write that model's validation probabilities to `val_out/lexical_<lang>_val.npz`
    (`probs`, `gold`, `ids` = "article_id:no", template order). With `final`, refit on every paragraph
    of the language (thresholds from out-of-fold predictions over all of it), prune tiny weights and
    write `out_dir/lexical_<lang>.npz`. Returns per-language validation scores and file sizes.
    """
    names = techniques(data_root)
    results: dict[str, dict] = {}
    for lang in langs:
        cfg = config_for(lang)
        start = time.time()
        data = load_lang(data_root, lang, names)
        train, val = data.subset(~data.val), data.subset(data.val)
        log.info("%s: %d paragraphs (%d train, %d validation), %d articles; %s", lang, len(data.Y),
                 len(train.Y), len(val.Y), len(set(data.groups)), cfg)
        model, _ = fit_model(train, cfg, names)
        full = scores(model.predict_proba(val.texts, val.titles), val.Y, model.thresholds, names)
        scan = {}
        for level in PRUNE_SCAN:
            m = model.pruned(level)
            scan[level] = (scores(m.predict_proba(val.texts, val.titles), val.Y, m.thresholds, names)["micro_f1"],
                           float(np.mean(m.coef == 0)), _coef_bytes(m.coef))
        log.info("%s: prune scan (level: micro-F1, zero fraction, compressed weight bytes) %s", lang, scan)
        prune = cfg.prune
        if cfg.prune_tolerance > 0:
            prune = max(level for level, (f1, _, _) in scan.items() if f1 >= full["micro_f1"] - cfg.prune_tolerance)
        model = model.pruned(prune)
        P = model.predict_proba(val.texts, val.titles)
        val_scores = scores(P, val.Y, model.thresholds, names)
        log.info("%s: validation micro-F1 %.4f macro-F1 %.4f (unpruned %.4f / %.4f) thresholds %s (%.0f s)",
                 lang, val_scores["micro_f1"], val_scores["macro_f1"], full["micro_f1"], full["macro_f1"],
                 np.round(model.thresholds, 2).tolist(), time.time() - start)
        results[lang] = {"validation": val_scores, "validation_unpruned": full, "config": cfg.to_json(),
                         "prune_scan": scan, "prune": prune,
                         "thresholds_train_split": np.round(model.thresholds, 3).tolist()}
        if val_out is not None:
            val_out.mkdir(parents=True, exist_ok=True)
            np.savez(val_out / f"lexical_{lang}_val.npz", probs=P.astype(np.float32), gold=val.Y,
                     ids=np.array([f"{p.article_id}:{p.no}" for p in val.paragraphs]), labels=np.array(names))
        if final:
            final_model, _ = fit_model(data, cfg, names)
            final_model = final_model.pruned(prune)
            metadata = {
                "model": "spinlens lexical persuasion techniques (TF-IDF + logistic regression per technique)",
                "language": lang,
                "training_data": ("SemEval-2023 Task 3 subtask 3 training split, language "
                                  f"'{lang}': {len(data.Y)} paragraphs with text from {len(set(data.groups))} "
                                  "articles (train + project validation split)"),
                "date": _dt.date.today().isoformat(), "config": cfg.to_json(),
                "validation": {"note": "same setup trained on the train part of the project split (80% of "
                                       "articles, is_validation) and scored on the validation part; thresholds "
                                       "from out-of-fold predictions on the train part", **val_scores},
                "thresholds": (f"per technique, tuned for micro-F1 on {cfg.folds}-fold GroupKFold (by article) "
                               "out-of-fold predictions over all paragraphs" if cfg.thresholds == "per_technique"
                               else f"one global threshold from {cfg.folds}-fold out-of-fold predictions"),
                "n_features": int(final_model.coef.shape[1]), "pruned_below": prune,
                "nonzero_weights": int(np.count_nonzero(final_model.coef))}
            size = save_model(final_model, out_dir / f"lexical_{lang}.npz", metadata)
            results[lang]["file_bytes"] = size
            results[lang]["thresholds_final"] = np.round(final_model.thresholds, 3).tolist()
            log.info("%s: wrote %s (%.2f MB, %d features; %.0f s)", lang, out_dir / f"lexical_{lang}.npz",
                     size / 1e6, final_model.coef.shape[1], time.time() - start)
    return results


def main(argv: list[str] | None = None) -> None:
    """`python -m spinlens.train.lexical --data ../shared/data --out src/spinlens/models --lang fr de`."""
    import argparse

    from spinlens.settings import shared_data_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_data_dir())
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "models")
    parser.add_argument("--lang", nargs="+", default=["en", "fr", "de", "it", "pl", "ru"])
    parser.add_argument("--val-out", type=Path, default=None)
    parser.add_argument("--no-final", action="store_true", help="only train on the split and validate")
    parser.add_argument("--results", type=Path, default=None, help="write the results dict as JSON here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    results = train_lexical(args.data, args.lang, args.out, final=not args.no_final, val_out=args.val_out)
    if args.results:
        args.results.write_text(json.dumps(results, indent=1))


__all__ = [
    "Featurizer",
    "FittedLexical",
    "LexicalConfig",
    "concat",
    "fit_model",
    "load_lang",
    "oof_probs",
    "save_model",
    "scores",
    "techniques",
    "train_lexical",
    "tune",
]

if __name__ == "__main__":
    main()
