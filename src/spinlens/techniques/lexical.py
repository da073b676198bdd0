"""Runtime of the lexical persuasion-technique models (numpy only, no scikit-learn needed).

A model file `spinlens/models/lexical_<lang>.npz` holds TF-IDF feature blocks (vocabulary and idf vector
per block: word n-grams and char_wb n-grams of the paragraph, word n-grams of the article title), float16
weights (23 techniques x features), intercepts, per-technique decision thresholds, the label names, the
feature settings and a JSON metadata string. Format 2 (`compact_arrays`) stores each vocabulary as its
terms in UTF-8, one per line, and the weights as their nonzero values with the gaps between their
positions, feature by feature; format 1 stored string arrays and the dense matrix. Both read to the same model.

The transform reproduces scikit-learn's `TfidfVectorizer` exactly (lowercase, token pattern
`(?u)\\b\\w\\w+\\b`, `char_wb` padding rules, sublinear tf, smooth idf, L2 norm per block), so the
probabilities equal those of the trained sklearn pipeline up to the float16 rounding of the weights.
Files are written by `spinlens.train.lexical`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from importlib import resources
from itertools import repeat

import numpy as np

from spinlens.errors import SpinlensError, UsageError

FORMAT_VERSION = 2
#: Formats this runtime reads (see the module docstring).
READABLE_FORMATS = (1, 2)
TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")
_PACKAGE = "spinlens.models"
_CHUNK = 256          # documents scored per numpy batch
_CACHE_LIMIT = 200_000


def length_feature(text: str) -> float:
    """The paragraph-length feature: log(1 + number of word tokens) / 5."""
    return math.log1p(len(TOKEN_RE.findall(text.lower()))) / 5.0


class ModelFileError(SpinlensError):
    """A lexical model file is missing or unreadable."""


class _Block:
    """One TF-IDF block: analyzer, n-gram range, vocabulary -> column, idf, weight."""

    def __init__(self, spec: dict, vocabulary: list[str], idf: np.ndarray, offset: int):
        self.name = spec["name"]
        self.source = spec["source"]
        self.analyzer = spec["analyzer"]
        if self.analyzer not in ("word", "char_wb"):
            raise ModelFileError(f"unsupported analyzer {self.analyzer!r} in block {self.name}")
        self.min_n, self.max_n = spec["ngram_range"]
        self.weight = float(spec["weight"])
        self.sublinear = bool(spec["sublinear_tf"])
        self.vocab = dict(zip(vocabulary, range(len(vocabulary))))
        self.idf = idf.astype(np.float64)
        self.offset = offset
        self.size = len(vocabulary)
        self._cache: dict[str, tuple[int, ...]] = {}

    # -- n-grams exactly as sklearn's _VectorizerMixin builds them --------------------------------
    def _word_ids(self, text: str) -> list[int]:
        tokens = TOKEN_RE.findall(text.lower())
        get = self.vocab.get
        ids = []
        n_tok = len(tokens)
        for n in range(self.min_n, min(self.max_n, n_tok) + 1):
            if n == 1:
                grams = tokens
            else:
                grams = [" ".join(tokens[i:i + n]) for i in range(n_tok - n + 1)]
            for g in grams:
                i = get(g)
                if i is not None:
                    ids.append(i)
        return ids

    def _wb_word(self, word: str) -> tuple[int, ...]:
        w = " " + word + " "
        w_len = len(w)
        grams: list[str] = []
        for n in range(self.min_n, self.max_n + 1):
            if n >= w_len:  # a short word is counted once, whole (sklearn's rule)
                grams.append(w)
                break
            grams.extend([w[i:i + n] for i in range(w_len - n + 1)])
        # unknown n-grams map to the sentinel column `size`, dropped in transform()
        return tuple(map(self.vocab.get, grams, repeat(self.size, len(grams))))

    def _char_wb_ids(self, text: str) -> list[int]:
        cache = self._cache
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        counts: dict[str, int] = {}
        for w in text.lower().split():
            counts[w] = counts.get(w, 0) + 1
        ids: list[int] = []
        for w, m in counts.items():
            grams = cache.get(w)
            if grams is None:
                grams = cache[w] = self._wb_word(w)
            ids.extend(grams * m if m > 1 else grams)
        return ids

    def transform(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sparse triplets (doc, global column, value) of the weighted, L2-normalised TF-IDF rows."""
        extract = self._word_ids if self.analyzer == "word" else self._char_wb_ids
        flat: list[int] = []
        lengths = np.zeros(len(texts), dtype=np.int64)
        for d, text in enumerate(texts):
            if text:
                ids = extract(text)
                lengths[d] = len(ids)
                flat.extend(ids)
        if not flat:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0)
        keys = np.asarray(flat, dtype=np.int64)
        keys += np.repeat(np.arange(len(texts), dtype=np.int64) * (self.size + 1), lengths)
        keys, counts = np.unique(keys, return_counts=True)
        doc, col = np.divmod(keys, self.size + 1)
        known = col < self.size
        doc, col, counts = doc[known], col[known], counts[known]
        tf = counts.astype(np.float64)
        if self.sublinear:
            tf = np.log(tf) + 1.0
        val = tf * self.idf[col]
        norms = np.sqrt(np.bincount(doc, weights=val * val, minlength=len(texts)))
        val = val / norms[doc] * self.weight
        return doc, col + self.offset, val


class LexicalTechniqueModel:
    """TF-IDF + per-technique logistic regression; see the module docstring for the file format."""

    def __init__(self, arrays: dict[str, np.ndarray], *, source: str = "<memory>"):
        try:
            settings = json.loads(str(arrays["settings"]))
            if settings.get("format") not in READABLE_FORMATS:
                raise ModelFileError(f"unsupported model format {settings.get('format')!r}", source=source)
            self.settings = settings
            self.labels: list[str] = [str(x) for x in arrays["labels"].tolist()]
            self.thresholds: np.ndarray = arrays["thresholds"].astype(np.float64)
            self.metadata: dict = json.loads(str(arrays["metadata"]))
            self.model_languages: list[str] = [str(x) for x in arrays["languages"].tolist()]
            self._blocks: list[_Block] = []
            offset = 0
            for spec in settings["blocks"]:
                block = _Block(spec, _terms(arrays[f"vocab_{spec['name']}"]), arrays[f"idf_{spec['name']}"], offset)
                self._blocks.append(block)
                offset += block.size
            self._length_weight = float(settings.get("length_weight") or 0.0)
            self._length_col = offset
            n_features = offset + (1 if self._length_weight else 0)
            coef = arrays["coef"] if "coef" in arrays else _dense(arrays)
            if coef.shape != (len(self.labels), n_features):
                raise ModelFileError(f"weights {coef.shape} do not match {n_features} features", source=source)
            self._W = np.ascontiguousarray(coef.T, dtype=np.float32)   # features x labels
            self._b = arrays["intercept"].astype(np.float64)
        except KeyError as exc:
            raise ModelFileError(f"model file lacks {exc.args[0]!r}", source=source) from None

    # -- loading ---------------------------------------------------------------------------------
    @classmethod
    def languages(cls) -> list[str]:
        """Languages with a shipped lexical model."""
        try:
            files = resources.files(_PACKAGE).iterdir()
        except (ModuleNotFoundError, FileNotFoundError):
            return []
        return sorted(f.name[len("lexical_"):-len(".npz")] for f in files
                      if f.name.startswith("lexical_") and f.name.endswith(".npz"))

    @classmethod
    def load(cls, lang: str) -> LexicalTechniqueModel:
        """The shipped model for `lang`; UsageError if there is none."""
        available = cls.languages()
        if lang not in available:
            raise UsageError(f"no lexical technique model for language {lang!r} "
                             f"(available: {', '.join(available) or 'none'})")
        ref = resources.files(_PACKAGE) / f"lexical_{lang}.npz"
        with resources.as_file(ref) as path:
            return cls.load_file(path)

    @classmethod
    def load_file(cls, path) -> LexicalTechniqueModel:
        try:
            with np.load(path, allow_pickle=False) as npz:
                arrays = {k: npz[k] for k in npz.files}
        except (OSError, ValueError) as exc:
            raise ModelFileError(f"cannot read lexical model: {exc}", source=str(path)) from None
        return cls(arrays, source=str(path))

    # -- prediction ------------------------------------------------------------------------------
    def predict_proba(self, paragraphs: Sequence[str], titles: Sequence[str | None] | None = None) -> np.ndarray:
        """Probability of each technique (n x 23, label order `self.labels`) for each paragraph.

        `titles[i]` is the title of the article paragraph i comes from (None or "" if unknown).
        """
        n = len(paragraphs)
        if titles is None:
            titles = [None] * n
        if len(titles) != n:
            raise UsageError(f"{n} paragraphs but {len(titles)} titles")
        out = np.empty((n, len(self.labels)), dtype=np.float64)
        for start in range(0, n, _CHUNK):
            texts = [p or "" for p in paragraphs[start:start + _CHUNK]]
            heads = [t or "" for t in titles[start:start + _CHUNK]]
            out[start:start + len(texts)] = self._score(texts, heads)
        return out

    def predict(self, paragraphs: Sequence[str], titles: Sequence[str | None] | None = None) -> list[list[str]]:
        """Technique names at or above their thresholds, per paragraph."""
        probs = self.predict_proba(paragraphs, titles)
        return [[self.labels[j] for j in np.flatnonzero(row >= self.thresholds)] for row in probs]

    def _score(self, texts: list[str], titles: list[str]) -> np.ndarray:
        z = np.tile(self._b, (len(texts), 1))
        for block in self._blocks:
            inputs = texts if block.source == "text" else titles
            # blocks add up independently: score each distinct input once (titles repeat a lot)
            index: dict[str, int] = {}
            rows = np.array([index.setdefault(t, len(index)) for t in inputs], dtype=np.int64)
            doc, col, val = block.transform(list(index))
            if not len(doc):
                continue
            # rows come sorted by document: sum each document's weighted columns in one pass
            starts = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]])
            contrib = self._W[col]
            contrib *= val[:, None].astype(np.float32)
            part = np.zeros((len(index), z.shape[1]))
            part[doc[starts]] = np.add.reduceat(contrib, starts, axis=0)
            z += part[rows]
        if self._length_weight:
            lengths = np.array([length_feature(t) for t in texts]) * self._length_weight
            z += lengths[:, None] * self._W[self._length_col].astype(np.float64)[None, :]
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


def _terms(stored: np.ndarray) -> list[str]:
    """A block's vocabulary: UTF-8 lines (format 2) or an array of strings (format 1)."""
    if stored.dtype == np.uint8:
        text = stored.tobytes().decode("utf-8")
        return text.split("\n") if text else []
    return [str(term) for term in stored.tolist()]


def _dense(arrays: dict[str, np.ndarray]) -> np.ndarray:
    """The float16 weight matrix (labels x features) from its nonzero values and the gaps between their
    positions, counted feature by feature (so the gaps stay small)."""
    labels, features = (int(n) for n in arrays["coef_shape"])
    by_feature = np.zeros((features, labels), dtype=np.float16)
    by_feature.flat[np.cumsum(arrays["coef_gaps"].astype(np.int64)) - 1] = arrays["coef_values"]
    return by_feature.T


def compact_arrays(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Format-1 arrays (string vocabularies, dense weights) in format 2: the same model in about a fifth
    fewer bytes once compressed. Raises ValueError for a term holding a line break (none can: terms are
    word or character n-grams of whitespace-split text)."""
    out = dict(arrays)
    for name, stored in arrays.items():
        if name.startswith("vocab_") and stored.dtype != np.uint8:
            terms = [str(term) for term in stored.tolist()]
            if any("\n" in term for term in terms):
                raise ValueError(f"{name}: a term holds a line break")
            out[name] = np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8)
    if "coef" in out:
        coef = np.asarray(out.pop("coef"), dtype=np.float16)
        by_feature = np.ascontiguousarray(coef.T)
        flat = np.flatnonzero(by_feature)
        gaps = np.diff(flat, prepend=-1)
        out["coef_shape"] = np.asarray(coef.shape, dtype=np.int64)
        out["coef_gaps"] = gaps.astype(next(t for t in (np.uint8, np.uint16, np.uint32, np.uint64)
                                            if not len(gaps) or gaps.max() <= np.iinfo(t).max))
        out["coef_values"] = by_feature.flat[flat]
    settings = json.loads(str(out["settings"]))
    out["settings"] = np.array(json.dumps(settings | {"format": 2}))
    return out


__all__ = ["FORMAT_VERSION", "LexicalTechniqueModel", "ModelFileError", "compact_arrays", "length_feature"]
