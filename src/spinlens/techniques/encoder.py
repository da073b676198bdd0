"""The English joint model at run time: onnxruntime + tokenizers, no torch.

One encoder pass per paragraph window feeds both heads: paragraph technique probabilities and per-token
PTC span probabilities. Paragraphs longer than the window are split into overlapping windows (never
silently truncated); a paragraph's probability is the maximum over its windows.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from collections.abc import Hashable, Sequence
from pathlib import Path

import numpy as np

from spinlens import settings
from spinlens.techniques.word_spans import FILE_NAME as WORD_SPANS_FILE, WordSpanModel, mix

CLS, SEP = 101, 102
#: ONNX outputs of the English model: its paragraph head, and the optional cross-entropy head that the
#: cross-lingual combiners read (`spinlens train techniques --crosslingual-head`).
PARAGRAPH_OUTPUT, CROSSLINGUAL_OUTPUT = "paragraph_logits", "crosslingual_logits"
#: The input of a model gated by `spinlens.train.gate_rows`: the batch rows its grafted upper part (paragraph
#: head, span refiner) computes; the cross-lingual output does not depend on it.
ROWS_INPUT = "rows"


def model_feeds(input_names, ids: np.ndarray, mask: np.ndarray, types: np.ndarray, all_rows: bool = True) -> dict:
    """One batch's inputs for an English model whose inputs are `input_names`; a model with the `rows` input
    computes its grafted part for every row, or with `all_rows` False for one (its outputs then unused)."""
    feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
    if ROWS_INPUT in input_names:
        feeds[ROWS_INPUT] = np.arange(len(ids) if all_rows else 1, dtype=np.int64)
    return feeds


@dataclass
class EvidenceSpan:
    """A character span of a paragraph that carries a PTC technique."""

    start: int
    end: int
    ptc_class: str
    score: float


_SENTENCE_END = ".!?\n"
_TRIM = " \t\n\r.,;:-–—"


@dataclass
class SpanDecoder:
    """Token span probabilities (tokens × PTC classes) of one paragraph -> evidence spans, class by class.

    Every step works on the paragraph alone, so `spinlens analyze` and `spinlens bench ptc` share it:
    1. seeds: tokens whose probability reaches the class threshold (`thresholds`, one per class); a run
       grows over neighbouring tokens while their probability stays at `keep` × threshold (hysteresis);
    2. runs widened to whole words; runs of the same class whose gap has at most `gap` characters and no
       sentence end are merged into one span (the head often drops a word inside a phrase);
    3. edges trimmed of spaces and separating punctuation (quotes, ? and ! are kept, as PTC annotates them).
    The token probabilities it reads are the encoder's averaged with the lexical span model's, which gets
    `lexical_share` of the weight (`spinlens.techniques.word_spans`; 0 = the encoder's alone).
    A span's score is the mean probability of the tokens it grew from; with `calibration` (weights of
    `span_features` and a bias, fitted by `python -m spinlens.train.spans_en calibrate`) it is the
    probability that the span overlaps an annotated span of its technique. It never changes a decision.
    The knobs are chosen on the validation PTC articles by `python -m spinlens.train.spans_en`.
    """

    classes: list[str]
    thresholds: np.ndarray
    keep: float = 1.0
    gap: int = 0
    lexical_share: float = 0.0
    calibration: tuple[float, ...] | None = None

    @classmethod
    def from_meta(cls, meta: dict) -> SpanDecoder:
        """From techniques_en.json: its `spans` entry, or the older `span_thresholds` list alone."""
        classes = list(meta["ptc_classes"])
        spans = meta.get("spans") or {}
        thresholds = spans.get("thresholds") or meta.get("span_thresholds") or [0.5] * len(classes)
        if len(thresholds) != len(classes):
            raise ValueError(f"{len(thresholds)} span thresholds for {len(classes)} PTC classes")
        calibration = spans.get("calibration")
        if calibration is not None and len(calibration) != len(SPAN_FEATURES) + 1:
            raise ValueError(f"span calibration needs {len(SPAN_FEATURES)} weights and a bias, got {calibration}")
        return cls(classes, np.asarray(thresholds, dtype=np.float64), float(spans.get("keep", 1.0)),
                   int(spans.get("gap", 0)), float(spans.get("lexical_share", 0.0)),
                   tuple(float(v) for v in calibration) if calibration is not None else None)

    def to_meta(self) -> dict:
        """The `spans` entry of techniques_en.json."""
        entry = {"thresholds": [round(float(t), 4) for t in self.thresholds], "keep": self.keep, "gap": self.gap}
        entry |= {"lexical_share": self.lexical_share} if self.lexical_share else {}
        return entry | ({"calibration": [round(v, 5) for v in self.calibration]} if self.calibration else {})

    def decode(self, text: str, token_probs: np.ndarray, offsets: list[tuple[int, int]]) -> list[EvidenceSpan]:
        """Evidence spans of one paragraph, sorted by position; `offsets` are the tokens' character ranges."""
        if not len(offsets):
            return []
        probs = np.asarray(token_probs, dtype=np.float64)
        found = [EvidenceSpan(start, end, name, self.confidence(run)) for c, name in enumerate(self.classes)
                 for start, end, run in self.class_spans(text, probs[:, c], offsets, self.thresholds[c])]
        return sorted(found, key=lambda x: (x.start, x.end, x.ptc_class))

    def confidence(self, run: np.ndarray) -> float:
        """A span's score from the probabilities of the tokens it grew from (see the class docstring)."""
        if self.calibration is None:
            return float(run.mean())
        z = float(np.dot(self.calibration[:-1], span_features(run))) + self.calibration[-1]
        return 1.0 / (1.0 + float(np.exp(-np.clip(z, -50.0, 50.0))))

    def class_spans(self, text: str, column: np.ndarray, offsets: list[tuple[int, int]], threshold: float
                    ) -> list[tuple[int, int, np.ndarray]]:
        """(start, end, probabilities of the tokens it grew from) of the spans of one class, at the given
        threshold."""
        pieces: list[tuple[int, int, int, int]] = []  # (start, end, first token, last token)
        for first, last in _hysteresis_runs(column, threshold, self.keep * threshold):
            start, end = _widen(text, offsets[first][0], offsets[last][1])
            if pieces and _joinable(text, pieces[-1][1], start, self.gap):
                pieces[-1] = (pieces[-1][0], max(end, pieces[-1][1]), pieces[-1][2], last)
            else:
                pieces.append((start, end, first, last))
        spans = []
        for start, end, first, last in pieces:
            start, end = _trim(text, start, end)
            if end > start:
                spans.append((start, end, column[first:last + 1]))
        return spans


#: What a span's calibrated score reads (`span_features`), in order.
SPAN_FEATURES = ("logit of the mean token probability", "logit of the highest", "log of the token count")


def span_features(run: np.ndarray) -> np.ndarray:
    """The values a span's calibration weighs (`SPAN_FEATURES`) from the probabilities of its tokens."""
    p = np.clip(np.array([run.mean(), run.max()], dtype=np.float64), 1e-4, 1 - 1e-4)
    return np.append(np.log(p / (1 - p)), np.log(len(run)))


def _hysteresis_runs(column: np.ndarray, high: float, low: float) -> list[tuple[int, int]]:
    """Maximal token runs at or above `low` that contain at least one token at or above `high`."""
    low = min(low, high)
    above = column >= low
    runs = []
    t, n = 0, len(column)
    while t < n:
        if not above[t]:
            t += 1
            continue
        first = t
        while t + 1 < n and above[t + 1]:
            t += 1
        if column[first:t + 1].max() >= high:
            runs.append((first, t))
        t += 1
    return runs


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _joinable(text: str, end: int, start: int, gap: int) -> bool:
    """Whether two same-class pieces [.., end) and [start, ..) are close enough to be one span."""
    if start <= end:
        return True
    between = text[end:start]
    return len(between) <= gap and not any(ch in _SENTENCE_END for ch in between)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


@dataclass
class _Window:
    paragraph: int
    ids: list[int]
    type_ids: list[int]
    offsets: list[tuple[int, int]]


def models_dir() -> Path:
    """Folder of the model files shipped in the package (`SPINLENS_MODELS` overrides, for training runs)."""
    override = os.environ.get("SPINLENS_MODELS")
    return Path(override) if override else Path(str(resources.files("spinlens") / "models"))


def previous_paragraphs(paragraphs: Sequence[str], titles: Sequence[str | None],
                        articles: Sequence[Hashable] | None = None) -> list[str | None]:
    """Each paragraph's preceding body paragraph in the same article (None after a title or at a start).

    A paragraph whose title is None is a title (or has none); `articles` keys group the paragraphs,
    None meaning they are all one article, in reading order.
    """
    found: list[str | None] = []
    for i in range(len(paragraphs)):
        same = i > 0 and (articles is None or articles[i] == articles[i - 1])
        found.append(paragraphs[i - 1] if same and titles[i - 1] is not None and titles[i] is not None else None)
    return found


class EnglishEncoderModel:
    """Paragraph technique probabilities and evidence spans for English paragraphs."""

    def __init__(self, onnx_path: Path, meta: dict, tokenizer_path: Path, threads: int | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or settings.get("model_threads") or min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.meta = meta
        self.labels: list[str] = meta["techniques"]
        self.ptc_classes: list[str] = meta["ptc_classes"]
        self.max_len = int(meta["max_len"])
        #: The window of the cross-lingual output: a grafted model (`spinlens.train.branch`) keeps its base's.
        self.crosslingual_max_len = int(meta.get("crosslingual_max_len") or self.max_len)
        self.title_tokens = int(meta["title_tokens"])
        self.previous_tokens = int(meta.get("previous_tokens", 0))
        self.decoder = SpanDecoder.from_meta(meta)
        #: The lexical span model averaged into the token probabilities (None when its share is 0): the file
        #: beside the model, else the shipped one.
        self.word_spans = None
        if self.decoder.lexical_share:
            beside = onnx_path.parent / WORD_SPANS_FILE
            self.word_spans = WordSpanModel.load(beside if beside.exists() else models_dir() / WORD_SPANS_FILE)
        outputs = {o.name for o in self.session.get_outputs()}
        #: The paragraph output the cross-lingual combiners read: the model's cross-entropy head when it
        #: has one (trained with `--crosslingual-head`), else its paragraph head.
        self.crosslingual_output = CROSSLINGUAL_OUTPUT if CROSSLINGUAL_OUTPUT in outputs else PARAGRAPH_OUTPUT
        self.input_names = {i.name for i in self.session.get_inputs()}

    @property
    def span_thresholds(self) -> np.ndarray:
        return self.decoder.thresholds

    @span_thresholds.setter
    def span_thresholds(self, values) -> None:
        self.decoder.thresholds = np.asarray(values, dtype=np.float64)

    @classmethod
    @lru_cache(maxsize=2)
    def load(cls, folder: Path | None = None) -> "EnglishEncoderModel":
        """The shipped model (cached: one load per process)."""
        folder = folder or models_dir()
        meta = json.loads((folder / "techniques_en.json").read_text("utf-8"))
        return cls(folder / "techniques_en.onnx", meta, folder / "tokenizer_en.json")

    # -- encoding ----------------------------------------------------------------------------
    def _windows(self, paragraphs: list[str], titles: list[str | None],
                 previous: list[str | None] | None = None, max_len: int | None = None) -> list[_Window]:
        encoded = self.tokenizer.encode_batch(paragraphs, add_special_tokens=False)
        title_ids = {t: self.tokenizer.encode(t, add_special_tokens=False).ids[:self.title_tokens]
                     for t in set(titles) if t}
        previous = previous if previous is not None and self.previous_tokens else [None] * len(paragraphs)
        windows = []
        for index, (enc, title, before) in enumerate(zip(encoded, titles, previous)):
            context = title_ids.get(title, []) if title else []
            before_ids = (self.tokenizer.encode(before, add_special_tokens=False).ids[:self.previous_tokens]
                          if before else [])
            extra = (context + [SEP] if context else []) + (before_ids + [SEP] if before_ids else [])
            room = (max_len or self.max_len) - 2 - len(extra)
            ids, offsets = enc.ids, enc.offsets
            stride = max(1, room // 2)
            starts = [0] if len(ids) <= room else list(range(0, len(ids) - room + stride, stride))
            for first in starts:
                piece = ids[first:first + room]
                window_ids = [CLS] + piece + [SEP] + extra
                types = [0] * (len(piece) + 2) + [1] * len(extra)
                windows.append(_Window(index, window_ids, types,
                                       [(0, 0)] + list(offsets[first:first + room]) + [(0, 0)]))
        return windows

    def run(self, paragraphs: list[str], titles: list[str | None] | None = None, batch_size: int = 32,
            previous: list[str | None] | None = None, output: str = PARAGRAPH_OUTPUT, spans: bool = True
            ) -> tuple[np.ndarray, list[np.ndarray], list[list[tuple[int, int]]]]:
        """Paragraph probabilities (n×23), and per paragraph its token span probabilities and offsets.

        `previous` gives each paragraph's preceding body paragraph, read as context by models trained
        with it (`previous_tokens` in the model's meta); other models ignore it. `output` names the
        paragraph head read (`crosslingual_output` for the cross-lingual combiners). Without `spans`, the
        token probabilities are not computed (empty for every paragraph), nor, for the cross-lingual output
        of a model with the `rows` input, the grafted upper part.
        """
        titles = titles or [None] * len(paragraphs)
        n = len(paragraphs)
        probs = np.zeros((n, len(self.labels)), dtype=np.float32)
        token_probs: list[dict[tuple[int, int], np.ndarray]] = [{} for _ in range(n)]
        if n == 0:
            return probs, [], []
        max_len = self.crosslingual_max_len if output == CROSSLINGUAL_OUTPUT else self.max_len
        windows = sorted(self._windows(paragraphs, titles, previous, max_len), key=lambda w: len(w.ids))
        for i in range(0, len(windows), batch_size):
            batch = windows[i:i + batch_size]
            width = max(len(w.ids) for w in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            types = np.zeros_like(ids)
            for row, w in enumerate(batch):
                ids[row, :len(w.ids)] = w.ids
                mask[row, :len(w.ids)] = 1
                types[row, :len(w.ids)] = w.type_ids
            fetched = self.session.run([output, "token_logits"] if spans else [output], model_feeds(
                self.input_names, ids, mask, types, all_rows=spans or output != CROSSLINGUAL_OUTPUT))
            para_p = 1.0 / (1.0 + np.exp(-fetched[0]))
            for row, w in enumerate(batch):
                probs[w.paragraph] = np.maximum(probs[w.paragraph], para_p[row])
            if not spans:
                continue
            tok_p = 1.0 / (1.0 + np.exp(-fetched[1]))
            for row, w in enumerate(batch):
                merged = token_probs[w.paragraph]
                for t, offset in enumerate(w.offsets):
                    if w.type_ids[t] == 0 and offset[1] > offset[0]:
                        previous = merged.get(offset)
                        merged[offset] = tok_p[row, t] if previous is None else np.maximum(previous, tok_p[row, t])
        per_offsets = [sorted(m) for m in token_probs]
        per_probs = [np.stack([m[o] for o in offs]) if offs else np.zeros((0, len(self.ptc_classes)))
                     for m, offs in zip(token_probs, per_offsets)]
        return probs, per_probs, per_offsets

    def crosslingual_probs(self, paragraphs: list[str], titles: list[str | None] | None = None) -> np.ndarray:
        """The paragraph probabilities (n×23) the cross-lingual combiners read, on any language's text."""
        return self.run(paragraphs, titles, output=self.crosslingual_output, spans=False)[0]

    def span_probs(self, text: str, token_probs: np.ndarray, offsets: list[tuple[int, int]]) -> np.ndarray:
        """The token span probabilities the decoder reads: the encoder's, averaged with the lexical span
        model's when the decoder gives it a share."""
        if self.word_spans is None or not len(offsets):
            return token_probs
        return mix(token_probs, self.word_spans.token_probs(text, offsets), self.decoder.lexical_share)

    def spans(self, text: str, token_probs: np.ndarray, offsets: list[tuple[int, int]]) -> list[EvidenceSpan]:
        """Evidence spans of one paragraph (see `SpanDecoder`, configured from techniques_en.json)."""
        return self.decoder.decode(text, self.span_probs(text, token_probs, offsets), offsets)
