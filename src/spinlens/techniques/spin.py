"""The spin meter: one 0–100 article score with its breakdown, from the paragraph technique spans.

    coverage   C = share of analysed paragraphs carrying at least one technique          (0..1)
    diversity  V = min(1, distinct techniques in the article / 6)                       (0..1)
    density    D = min(1, technique labels per 100 words / 4)                           (0..1)
    confidence K = mean calibrated confidence of the detected labels                    (0..1)

    spin = round(100 * (0.45 C + 0.30 V + 0.25 D) * (0.6 + 0.4 K))

Every factor only raises the score, so more paragraphs with techniques, more distinct techniques, more
labels per word and higher confidence all push it up; an article without techniques scores 0.
"""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, Field

from spinlens.model import Article
from spinlens.pipeline.core import Stage
from spinlens.techniques.taxonomy import technique

WEIGHTS = {"coverage": 0.45, "diversity": 0.30, "density": 0.25}
DISTINCT_FOR_FULL = 6
LABELS_PER_100_WORDS_FOR_FULL = 4.0


class SpinMeter(BaseModel):
    """An article's spin score (0–100) and what made it."""

    score: int
    coverage: float
    diversity: float
    density: float
    confidence: float
    paragraphs_analysed: int
    paragraphs_with_techniques: int
    distinct_techniques: int
    labels_per_100_words: float
    top_techniques: list[tuple[str, int]] = Field(default_factory=list)
    top_groups: list[tuple[str, int]] = Field(default_factory=list)
    hottest_paragraphs: list[tuple[int, int]] = Field(default_factory=list)


def spin_meter(article: Article) -> SpinMeter | None:
    """Compute the meter from the article's technique spans; None when nothing was analysed."""
    info = article.extra.get("techniques") or {}
    analysed = int(info.get("analysed_paragraphs", 0))
    if analysed == 0:
        return None
    spans = article.layer("technique")
    per_paragraph = Counter(int(s.attrs.get("paragraph", -1)) for s in spans)
    labels = Counter(s.label for s in spans)
    analysed_words = max(1, article.word_count)
    coverage = len(per_paragraph) / analysed
    diversity = min(1.0, len(labels) / DISTINCT_FOR_FULL)
    per_100 = 100.0 * len(spans) / analysed_words
    density = min(1.0, per_100 / LABELS_PER_100_WORDS_FOR_FULL)
    confidence = sum(s.score or 0.0 for s in spans) / len(spans) if spans else 0.0
    raw = WEIGHTS["coverage"] * coverage + WEIGHTS["diversity"] * diversity + WEIGHTS["density"] * density
    groups = Counter(technique(label).group for label in labels.elements())
    return SpinMeter(
        score=round(100 * raw * (0.6 + 0.4 * confidence)), coverage=round(coverage, 3),
        diversity=round(diversity, 3), density=round(density, 3), confidence=round(confidence, 3),
        paragraphs_analysed=analysed, paragraphs_with_techniques=len(per_paragraph),
        distinct_techniques=len(labels), labels_per_100_words=round(per_100, 2),
        top_techniques=labels.most_common(5), top_groups=groups.most_common(3),
        hottest_paragraphs=sorted(per_paragraph.items(), key=lambda kv: (-kv[1], kv[0]))[:3])


class SpinStage(Stage):
    """Article-level spin meter (stored in `article.extra['spin']`)."""

    name = "spin"
    requires = ("layer:technique", "techniques")
    assigns = ("spin",)

    def process(self, article: Article) -> None:
        """Attach the meter and its breakdown to the article."""
        meter = spin_meter(article)
        article.extra["spin"] = meter.model_dump(mode="json") if meter else None
