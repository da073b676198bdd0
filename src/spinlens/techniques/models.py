"""Per-language technique models behind one interface: scores, decisions and (English) evidence spans."""

from __future__ import annotations

import json
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from spinlens.errors import UsageError
from spinlens.techniques.calibration import apply_platt, load_platt
from spinlens.techniques.context import ContextStacker
from spinlens.techniques.crosslingual import load_combiner
from spinlens.techniques.encoder import EnglishEncoderModel, EvidenceSpan, models_dir, previous_paragraphs

#: Languages with a technique model; every other language is reported as not analysed.
SUPPORTED_LANGUAGES = ("en", "fr", "de", "it", "pl", "ru")


@dataclass
class ParagraphScores:
    """Scores of one batch of paragraphs: calibrated probabilities, decisions, evidence spans."""

    labels: list[str]
    probs: np.ndarray
    decisions: np.ndarray
    spans: list[list[EvidenceSpan]] = field(default_factory=list)


#: Article-context stackers per language (`spinlens.train.context`); a language without one is scored
#: paragraph by paragraph.
CONTEXT_FILE = "techniques_context.json"


def context_stacker(language: str) -> ContextStacker | None:
    """The shipped article-context stacker of a language, if its validation score improved with it."""
    path = models_dir() / CONTEXT_FILE
    if not path.exists():
        return None
    entry = json.loads(path.read_text("utf-8")).get("languages", {}).get(language)
    return ContextStacker.from_json(entry) if entry else None


ArticleKeys = Sequence[Hashable] | None


def with_word_evidence(probs: np.ndarray, word_model, paragraphs: list[str], labels: list[str], share: float
                       ) -> np.ndarray:
    """Paragraph probabilities with `share` of the weight, for the techniques that have a PTC class, given to
    the paragraph's highest word probability from the lexical span model (`word_spans.paragraph_evidence`)."""
    from spinlens.techniques.word_spans import paragraph_evidence, with_evidence

    evidence, mask = paragraph_evidence(word_model, paragraphs, labels)
    return with_evidence(np.asarray(probs, dtype=np.float32), evidence, mask, share)


class EnglishTechniqueModel:
    """The fine-tuned MiniLM (both heads), optionally averaged with the English lexical model."""

    language = "en"

    def __init__(self):
        self.encoder = EnglishEncoderModel.load(models_dir())
        meta = json.loads((models_dir() / "techniques_en.json").read_text("utf-8"))
        self.labels: list[str] = meta["techniques"]
        self.thresholds = np.array(meta["thresholds"], dtype=np.float32)
        self.weight = float(meta.get("ensemble_weight", 1.0))
        self.platt = np.array(meta["platt"]) if meta.get("platt") else None
        self.lexical = None
        if self.weight < 1.0:
            from spinlens.techniques.lexical import LexicalTechniqueModel

            self.lexical = LexicalTechniqueModel.load("en")
        #: The share of the lexical span model's word evidence in the paragraph probabilities of the
        #: techniques that have a PTC class (`spinlens.train.word_evidence`; 0 = none).
        self.word_share = float(meta.get("word_evidence_share", 0.0))
        self.word_spans = None
        if self.word_share:
            from spinlens.techniques.word_spans import FILE_NAME, WordSpanModel

            self.word_spans = WordSpanModel.load(models_dir() / FILE_NAME)
        self.context = context_stacker("en")

    def raw_probs(self, paragraphs: list[str], titles: list[str | None], articles: ArticleKeys = None):
        """Uncalibrated ensemble probabilities and the encoder's token outputs."""
        previous = previous_paragraphs(paragraphs, titles, articles) if self.encoder.previous_tokens else None
        probs, token_probs, offsets = self.encoder.run(paragraphs, titles, previous=previous)
        if self.lexical is not None and paragraphs:
            probs = self.weight * probs + (1 - self.weight) * self.lexical.predict_proba(paragraphs, titles)
        if self.word_spans is not None and paragraphs:
            probs = with_word_evidence(probs, self.word_spans, paragraphs, self.labels, self.word_share)
        return probs, token_probs, offsets

    def score(self, paragraphs: list[str], titles: list[str | None], articles: ArticleKeys = None
              ) -> ParagraphScores:
        """Decisions at the tuned thresholds, calibrated confidences and evidence spans.

        `articles[i]` names the article of paragraph i (rows of one article in reading order); None
        means all paragraphs are one article. It matters only with an article-context stacker.
        """
        probs, token_probs, offsets = self.raw_probs(paragraphs, titles, articles)
        spans = [self.encoder.spans(text, tp, off) for text, tp, off in zip(paragraphs, token_probs, offsets)]
        if self.context is not None:
            stacked, decisions = self.context.decide(probs, articles)
            return ParagraphScores(self.labels, stacked, decisions, spans)
        return ParagraphScores(self.labels, apply_platt(probs, self.platt), probs >= self.thresholds, spans)


class LexicalModelAdapter:
    """A lexical (TF-IDF + logistic regression) model for one language, for some languages combined with
    the English MiniLM's paragraph head read on the same text (`spinlens.techniques.crosslingual`)."""

    def __init__(self, language: str):
        from spinlens.techniques.lexical import LexicalTechniqueModel

        self.language = language
        self.model = LexicalTechniqueModel.load(language)
        self.labels = list(self.model.labels)
        self.combiner = load_combiner(language, models_dir())
        self.context = context_stacker(language)
        #: Platt map of a language whose shown probabilities are the class-balanced lexical model's own
        #: (`spinlens.train.calibration`); combiners and stackers are calibrated by their log-loss fit.
        self.platt = load_platt(language, models_dir()) if self.combiner is None else None

    def score(self, paragraphs: list[str], titles: list[str | None], articles: ArticleKeys = None
              ) -> ParagraphScores:
        """Decisions at the model's thresholds; calibrated probabilities.

        With an article-context stacker for the language, paragraphs are re-scored with their article's
        other paragraphs (`articles[i]` names the article of paragraph i, rows of one article in reading
        order; None = all one article); its probabilities are fitted by log-loss (calibrated).
        """
        probs = self.model.predict_proba(paragraphs, titles) if paragraphs else np.zeros((0, len(self.labels)))
        thresholds = self.model.thresholds
        if self.combiner is not None:
            english = (EnglishEncoderModel.load(models_dir()).crosslingual_probs(paragraphs, titles)
                       if paragraphs else probs)
            probs, thresholds = self.combiner.combine(probs, english), self.combiner.threshold
        if self.context is not None:
            stacked, decisions = self.context.decide(probs, articles)
            return ParagraphScores(self.labels, stacked, decisions, [[] for _ in paragraphs])
        return ParagraphScores(self.labels, apply_platt(probs, self.platt), probs >= thresholds,
                               [[] for _ in paragraphs])


@lru_cache(maxsize=8)
def model_for(language: str):
    """The technique model for a language code (loaded once per process)."""
    if language not in SUPPORTED_LANGUAGES:
        raise UsageError(f"no technique model for language {language!r}; supported: {', '.join(SUPPORTED_LANGUAGES)}")
    return EnglishTechniqueModel() if language == "en" else LexicalModelAdapter(language)
