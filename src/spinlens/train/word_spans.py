"""Train the English lexical span model (`spinlens.techniques.word_spans`) on the train-part PTC articles.

Each word of each line of a train-part PTC article (the articles whose id is not `is_validation`; the
validation articles are where the span decoder's knobs, and this model's share in the average, are chosen)
is one example, positive for a class when it overlaps a gold span of that class. Features seen at least
twice form the vocabulary; one L1-regularised logistic regression per class (liblinear, C 0.5) keeps the
few thousand features that matter. Deterministic (liblinear with a fixed seed).

    python -m spinlens.train.word_spans --out runs/word_spans     # writes OUT/spans_lexical_en.npz
    spinlens train techniques --model span-lexical --out runs/word_spans
"""

from __future__ import annotations

import argparse
import json
import logging
from collections import Counter
from pathlib import Path

import numpy as np

from spinlens.techniques.benchmarks import ptc_paragraph_offsets
from spinlens.techniques.word_spans import FILE_NAME, WordSpanModel, word_features, words
from spinlens.train.data import is_validation, load_ptc

log = logging.getLogger("spinlens.train")

MIN_COUNT = 2
C = 0.5


def article_examples(text: str, gold: list[tuple[str, int, int]], classes: list[str]
                     ) -> tuple[list[list[str]], np.ndarray]:
    """Features and class labels (words × classes) of every word of a PTC article, line by line."""
    features, labels = [], []
    column = {name: c for c, name in enumerate(classes)}
    for start, end in ptc_paragraph_offsets(text):
        found = words(text[start:end])
        features += word_features(found)
        for s, e, _ in found:
            row = np.zeros(len(classes), dtype=bool)
            for name, gs, ge in gold:
                if name in column and gs < start + e and ge > start + s:
                    row[column[name]] = True
            labels.append(row)
    return features, np.array(labels, dtype=bool).reshape(-1, len(classes))


def fit(features: list[list[str]], labels: np.ndarray, classes: list[str], c: float = C,
        min_count: int = MIN_COUNT) -> WordSpanModel:
    """One L1 logistic regression per class over the features seen at least `min_count` times."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for row in features for name in row)
    vocabulary = {name: i for i, name in enumerate(sorted(n for n, k in counts.items() if k >= min_count))}
    columns = [[vocabulary[n] for n in row if n in vocabulary] for row in features]
    indptr = np.cumsum([0] + [len(row) for row in columns])
    X = sparse.csr_matrix((np.ones(indptr[-1], np.float32), np.concatenate(columns or [[]]).astype(np.int64),
                           indptr), shape=(len(features), len(vocabulary)))
    coef = np.zeros((len(vocabulary), len(classes)), dtype=np.float32)
    intercept = np.zeros(len(classes), dtype=np.float32)
    for k, name in enumerate(classes):
        y = labels[:, k]
        if y.all() or not y.any():  # a class without both outcomes: a constant
            intercept[k] = 10.0 if y.all() else -10.0
            continue
        model = LogisticRegression(C=c, l1_ratio=1.0, solver="liblinear", max_iter=1000, random_state=0).fit(X, y)
        coef[:, k], intercept[k] = model.coef_[0], model.intercept_[0]
        log.info("class %s: %d positive words, %d features kept", name, int(y.sum()), int((coef[:, k] != 0).sum()))
    kept = np.abs(coef).sum(axis=1) > 0
    names = [n for n, i in sorted(vocabulary.items(), key=lambda item: item[1]) if kept[i]]
    return WordSpanModel(names, coef[kept], intercept, classes)


def train(data: Path, classes: list[str]) -> WordSpanModel:
    """The model trained on the train-part PTC articles of `data`."""
    features, labels = [], []
    articles = {k: v for k, v in load_ptc(data).items() if not is_validation(k)}
    for text, gold in articles.values():
        f, y = article_examples(text, gold, classes)
        features += f
        labels.append(y)
    labels = np.concatenate(labels) if labels else np.zeros((0, len(classes)), dtype=bool)
    log.info("%d train-part PTC articles, %d words", len(articles), len(features))
    return fit(features, labels, classes)


def main(argv: list[str] | None = None) -> Path:
    """Train and write OUT/spans_lexical_en.npz; returns its path."""
    from spinlens.settings import shared_data_dir
    from spinlens.techniques.encoder import models_dir

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None, help="shared data folder (default ../shared/data)")
    parser.add_argument("--out", type=Path, default=Path("runs/word_spans"))
    args = parser.parse_args(argv)
    classes = json.loads((models_dir() / "techniques_en.json").read_text("utf-8"))["ptc_classes"]
    model = train(args.data or shared_data_dir(), classes)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / FILE_NAME
    model.save(path)
    log.info("wrote %s: %d features, %d bytes", path, len(model.index), path.stat().st_size)
    return path


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    main()
