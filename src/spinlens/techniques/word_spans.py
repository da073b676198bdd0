"""The English lexical span model: PTC class probabilities per word from the word and its neighbours.

A second, independent reader of English evidence spans next to the encoder's token head: one sparse
logistic regression per PTC class over indicator features of each word (the word, its two neighbours on
either side, the two bigrams through it, its last three letters, its shape, whether it is inside double
quotes), trained on the train-part PTC articles by `spinlens.train.word_spans` (L1-regularised, so only
the features that matter are stored). At run time each token's span probabilities are a weighted average
of the encoder's and those of the word the token falls in (`mix`); the share is one of the span decoder's
knobs (`lexical_share` in the `spans` entry of techniques_en.json), chosen with them on validation.

The file `spinlens/models/spans_lexical_en.npz` holds the feature names (UTF-8, newline-separated), a
float16 weight matrix (features × classes), intercepts and the class names. numpy only.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

FILE_NAME = "spans_lexical_en.npz"
WORD_RE = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_QUOTES = frozenset('"“”')
_RECENT = 512
_EDGE = "<>"


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of each word or punctuation mark of a paragraph."""
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def _shape(word: str) -> str:
    if word[0].isupper():
        return "X" if word.isupper() and len(word) > 1 else "Xx"
    if word[0].isdigit():
        return "d"
    return "x" if word[0].isalpha() else word


def word_features(found: list[tuple[int, int, str]]) -> list[list[str]]:
    """The indicator features of each word of one paragraph (the same in training and at run time)."""
    low = [w.lower() for _, _, w in found]

    def at(j: int) -> str:
        return low[j] if 0 <= j < len(low) else _EDGE

    features, quoted = [], 0
    for i, (_, _, word) in enumerate(found):
        if word in _QUOTES:
            quoted ^= 1
        features.append([f"w={at(i)}", f"p1={at(i - 1)}", f"n1={at(i + 1)}", f"p2={at(i - 2)}", f"n2={at(i + 2)}",
                         f"bp={at(i - 1)}_{at(i)}", f"bn={at(i)}_{at(i + 1)}", f"s3={at(i)[-3:]}",
                         f"sh={_shape(word)}", f"q={quoted}", "bias"])
    return features


class WordSpanModel:
    """PTC class probabilities of every word of a paragraph, mapped onto the encoder's tokens."""

    def __init__(self, features: list[str], coef: np.ndarray, intercept: np.ndarray, classes: list[str]):
        self.index = {name: i for i, name in enumerate(features)}
        self.coef = coef.astype(np.float32)
        self.intercept = intercept.astype(np.float32)
        self.classes = list(classes)
        self._recent: dict[str, tuple[list[tuple[int, int, str]], np.ndarray]] = {}

    @classmethod
    @lru_cache(maxsize=2)
    def load(cls, path: Path) -> WordSpanModel:
        """A model file written by `save` (cached per path)."""
        with np.load(path, allow_pickle=False) as data:
            names = bytes(data["features"]).decode("utf-8").split("\n") if data["features"].size else []
            return cls(names, data["coef"], data["intercept"], data["classes"].tolist())

    def save(self, path: Path) -> None:
        """Write the model file (feature names as UTF-8 bytes, float16 weights)."""
        names = sorted(self.index, key=self.index.get)
        np.savez_compressed(path, features=np.frombuffer("\n".join(names).encode("utf-8"), np.uint8),
                            coef=self.coef.astype(np.float16), intercept=self.intercept,
                            classes=np.array(self.classes))

    def word_probs(self, text: str) -> tuple[list[tuple[int, int, str]], np.ndarray]:
        """The words of a paragraph and their class probabilities (words × classes); the last few hundred
        paragraphs are remembered, since the paragraph evidence and the spans of one batch read the same."""
        result = self._recent.get(text)  # one lookup: safe while another thread clears the memo
        if result is None:
            if len(self._recent) >= _RECENT:
                self._recent.clear()
            self._recent[text] = result = self._word_probs(text)
        return result

    def _word_probs(self, text: str) -> tuple[list[tuple[int, int, str]], np.ndarray]:
        found = words(text)
        rows, ids = [], []
        for row, names in enumerate(word_features(found)):
            for i in map(self.index.get, names):
                if i is not None:
                    rows.append(row)
                    ids.append(i)
        logits = np.tile(self.intercept, (len(found), 1))
        np.add.at(logits, np.asarray(rows, dtype=np.int64), self.coef[np.asarray(ids, dtype=np.int64)])
        return found, 1.0 / (1.0 + np.exp(-logits))

    def token_probs(self, text: str, offsets: list[tuple[int, int]]) -> np.ndarray:
        """Class probabilities of each token (character offsets into `text`): those of the first word it
        overlaps, zero for a token inside no word."""
        found, probs = self.word_probs(text)
        out = np.zeros((len(offsets), len(self.classes)), dtype=np.float32)
        ends = np.array([e for _, e, _ in found], dtype=np.int64)
        for t, (start, end) in enumerate(offsets):
            k = int(np.searchsorted(ends, start, side="right"))  # the first word ending after the token starts
            if k < len(found) and found[k][0] < end:
                out[t] = probs[k]
        return out


def paragraph_evidence(model: WordSpanModel, texts: list[str], labels: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per paragraph, each technique's highest word probability of its PTC class (n × len(labels)), and the
    mask of the techniques that have a PTC class (`PTC_TO_TECHNIQUE`); the others stay 0."""
    from spinlens.techniques.taxonomy import PTC_TO_TECHNIQUE

    pairs = [(c, labels.index(PTC_TO_TECHNIQUE[name])) for c, name in enumerate(model.classes)
             if PTC_TO_TECHNIQUE.get(name) in labels]
    mask = np.zeros(len(labels), dtype=bool)
    mask[[j for _, j in pairs]] = True
    out = np.zeros((len(texts), len(labels)), dtype=np.float32)
    for row, text in enumerate(texts):
        _, probs = model.word_probs(text)
        for c, j in pairs:
            if len(probs):
                out[row, j] = max(out[row, j], probs[:, c].max())
    return out, mask


def with_evidence(probs: np.ndarray, evidence: np.ndarray, mask: np.ndarray, share: float) -> np.ndarray:
    """Paragraph probabilities with `share` of the masked techniques' weight given to the word evidence
    (a new array; the unmasked techniques unchanged)."""
    out = np.array(probs, copy=True)
    out[:, mask] = (1 - share) * out[:, mask] + share * np.asarray(evidence)[:, mask]
    return out


def mix(encoder_probs: np.ndarray, lexical_probs: np.ndarray, share: float) -> np.ndarray:
    """Token span probabilities: (1 − share) × the encoder's + share × the lexical model's."""
    return (1.0 - share) * np.asarray(encoder_probs) + share * np.asarray(lexical_probs)
