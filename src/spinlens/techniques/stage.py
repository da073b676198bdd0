"""Technique stage: score every paragraph of a batch with its language's model, then annotate.

Paragraphs are grouped by language across the whole batch (one model call per language), scored, and
annotated as `technique` spans (whole paragraph, label, calibrated confidence) and, for English,
`evidence` spans (the exact characters carrying a technique). Paragraphs in a language without a model are
listed as not analysed, never scored with another language's model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from spinlens.model import LAYER_LANGUAGE, Article, Span
from spinlens.pipeline.core import Context, Stage
from spinlens.techniques.models import SUPPORTED_LANGUAGES, ParagraphScores, model_for
from spinlens.techniques.taxonomy import PTC_TO_TECHNIQUE, technique
from spinlens.text.language_names import language_name

LAYER_TECHNIQUE = "technique"
LAYER_EVIDENCE = "evidence"


@dataclass
class _Item:
    article: Article
    paragraph: Span
    n: int
    text: str
    title: str | None


class TechniqueStage(Stage):
    """Persuasion techniques per paragraph (23 SemEval-2023 techniques) and English evidence spans."""

    name = "techniques"
    requires = ("layer:paragraph", "layer:language", "language")
    assigns = ("layer:technique", "layer:evidence", "techniques")

    def __init__(self, context: Context | None = None, models: Callable[[str], object] = model_for):
        super().__init__(context)
        self.models = models

    def __call__(self, articles: Sequence[Article]) -> None:
        """Score the batch per language, then annotate each article; failures stay on their article."""
        groups: dict[str, list[_Item]] = {}
        for article in articles:
            self.guarded(article, self._collect, groups)
        for language, items in groups.items():
            try:
                scores = self.predict(language, items)
            except Exception:  # retry one article at a time so only the article at fault fails
                for article in {id(i.article): i.article for i in items}.values():
                    own = [i for i in items if i.article is article]
                    self.guarded(article, lambda a, own=own: self.set_annotations(own, self.predict(language, own)))
                continue
            self.set_annotations(items, scores)

    def _collect(self, article: Article, groups: dict[str, list[_Item]]) -> None:
        article.clear_layer(LAYER_TECHNIQUE)
        article.clear_layer(LAYER_EVIDENCE)
        languages = {(s.start, s.end): s.label for s in article.layer(LAYER_LANGUAGE)}
        title_spans = article.layer("title")
        title = article.span_text(title_spans[0]) if title_spans else article.title
        skipped: dict[str, int] = {}
        analysed = 0
        for n, para in enumerate(article.paragraphs()):
            language = languages.get((para.start, para.end)) or article.language or "und"
            if language not in SUPPORTED_LANGUAGES:
                skipped[language] = skipped.get(language, 0) + 1
                continue
            analysed += 1
            is_title = bool(title_spans) and para.start == title_spans[0].start
            groups.setdefault(language, []).append(
                _Item(article, para, n, article.span_text(para), None if is_title else title))
        article.extra["techniques"] = {
            "analysed_paragraphs": analysed,
            "not_analysed": [{"language": code, "name": language_name(code), "paragraphs": count}
                             for code, count in sorted(skipped.items())],
            "supported_languages": list(SUPPORTED_LANGUAGES),
        }

    def predict(self, language: str, items: list[_Item]) -> ParagraphScores:
        """One model call for all paragraphs of one language in the batch (each article's paragraphs in
        reading order, keyed by article so that article-context models see each article as a whole)."""
        return self.models(language).score([i.text for i in items], [i.title for i in items],
                                           [id(i.article) for i in items])

    def set_annotations(self, items: list[_Item], scores: ParagraphScores) -> None:
        """Add technique spans for decided labels and evidence spans, per paragraph."""
        for row, item in enumerate(items):
            for j, label in enumerate(scores.labels):
                if scores.decisions[row, j]:
                    item.article.add_span(item.paragraph.start, item.paragraph.end, LAYER_TECHNIQUE, label,
                                          round(float(scores.probs[row, j]), 4), paragraph=item.n,
                                          group=technique(label).group)
            for span in scores.spans[row] if row < len(scores.spans) else []:
                item.article.add_span(item.paragraph.start + span.start, item.paragraph.start + span.end,
                                      LAYER_EVIDENCE, PTC_TO_TECHNIQUE.get(span.ptc_class, span.ptc_class),
                                      round(span.score, 4), ptc=span.ptc_class, paragraph=item.n)
