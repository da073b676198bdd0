"""Cross-lingual evidence: the English MiniLM's paragraph head, read on another language's text (numpy only).

The English encoder has an uncased English vocabulary, but French or German text still splits into
sub-words it has seen (names, cognates such as "terroristes" or "catastrophe", punctuation and quotes), and
its paragraph head, trained on English labels only, carries some of that evidence across. For a language
listed in `models/techniques_crosslingual.json` the paragraph probability of technique j is

    p_j = sigmoid(bias_j + lexical_j * logit(p_lexical_j) + english_j * logit(p_english_j))

with the three weights per technique fitted by logistic regression on that language's own training labels
(`spinlens.train.crosslingual`), and one global decision threshold. The article-context stacker of the
language, if any, is fitted on these combined probabilities and re-scores them as before. Each combiner
records the SHA-256 of the English model it was fitted on (`english_model_sha256`): replacing the English
model means refitting the combiners (`python -m spinlens.train.crosslingual --write`), and a test checks it.

`p_english` is the English model's cross-lingual output (`EnglishEncoderModel.crosslingual_probs`): a second
paragraph head when the model has one (`crosslingual_logits`, trained with `spinlens train techniques
--crosslingual-teacher` to reproduce the previous English model's paragraph head on English and French
training text, so that a better English head does not change what the combiners read), else its paragraph
head.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from spinlens.techniques.context import logit

#: The combiners' file in the models folder; languages not listed use their lexical model alone.
CROSSLINGUAL_FILE = "techniques_crosslingual.json"


class CrossLingualCombiner:
    """Per-technique logistic combination of a lexical model's and the English head's probabilities."""

    def __init__(self, bias, lexical, english, threshold: float, info: dict | None = None):
        self.bias = np.asarray(bias, dtype=np.float64)
        self.lexical = np.asarray(lexical, dtype=np.float64)
        self.english = np.asarray(english, dtype=np.float64)
        if not (self.bias.shape == self.lexical.shape == self.english.shape and self.bias.ndim == 1):
            raise ValueError("cross-lingual combiner parameters have inconsistent shapes")
        self.threshold = float(threshold)
        self.info = info or {}

    @classmethod
    def from_json(cls, data: dict) -> CrossLingualCombiner:
        """A combiner from its JSON entry (see `to_json`)."""
        return cls(data["bias"], data["lexical"], data["english"], data["threshold"],
                   {k: v for k, v in data.items() if k not in ("bias", "lexical", "english", "threshold")})

    def to_json(self) -> dict:
        """The JSON entry of this combiner (weights rounded to 5 decimals)."""
        return {"bias": np.round(self.bias, 5).tolist(), "lexical": np.round(self.lexical, 5).tolist(),
                "english": np.round(self.english, 5).tolist(), "threshold": round(self.threshold, 4),
                **self.info}

    def combine(self, lexical_probs: np.ndarray, english_probs: np.ndarray) -> np.ndarray:
        """Combined probabilities (n x techniques) of the two models' probabilities."""
        lexical_probs = np.asarray(lexical_probs, dtype=np.float64)
        if lexical_probs.shape != np.shape(english_probs):
            raise ValueError(f"lexical probabilities {lexical_probs.shape} and English head probabilities "
                             f"{np.shape(english_probs)} differ in shape")
        if lexical_probs.shape[0] == 0:
            return lexical_probs
        z = self.bias + self.lexical * logit(lexical_probs) + self.english * logit(np.asarray(english_probs))
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


def english_model_digest(folder: Path) -> str:
    """SHA-256 of the English model file a combiner reads; recorded in each combiner when it is fitted."""
    digest = hashlib.sha256()
    with open(folder / "techniques_en.onnx", "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_combiner(language: str, folder: Path) -> CrossLingualCombiner | None:
    """The shipped combiner of a language, or None when the language uses its lexical model alone."""
    path = folder / CROSSLINGUAL_FILE
    if not path.exists():
        return None
    entry = json.loads(path.read_text("utf-8")).get("languages", {}).get(language)
    return CrossLingualCombiner.from_json(entry) if entry else None


__all__ = ["CROSSLINGUAL_FILE", "CrossLingualCombiner", "english_model_digest", "load_combiner"]
