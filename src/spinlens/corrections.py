"""Analyst corrections: remove a wrong technique label or add a missing one, on a paragraph or an evidence span.

Corrections are kept in the library by article id and character offsets, with the words they covered and the
number of their paragraph, so they survive re-analysis of the same article: when its text has shifted they follow
their words (`spinlens.correction_anchors`). One whose words have changed, or can no longer be told apart, is
stale: it no longer applies, and `stale_corrections` says what it was and why, so an analyst can redo it.
"""

from __future__ import annotations

from typing import Iterable, Literal

from pydantic import BaseModel, Field

from spinlens.correction_anchors import Anchor, anchor, paragraph_number
from spinlens.errors import CorrectionError
from spinlens.model import Article
from spinlens.store import Library
from spinlens.store.corrections import Correction
from spinlens.techniques.taxonomy import PTC_TO_TECHNIQUE, TECHNIQUES

__all__ = ["Correction", "CorrectedArticle", "ParagraphLabels", "StaleCorrection", "TechniqueLabel", "add_correction",
           "apply_corrections", "corrected_evidence", "corrected_labels", "delete_correction", "is_stale",
           "list_corrections", "paragraph_offsets", "stale_corrections", "stale_reasons", "technique_name"]

ACTIONS = ("add", "remove")
LAYERS = ("paragraph", "evidence")
MAX_NOTE = 2000
MAX_AUTHOR = 200

_BY_LOWER = {name.lower(): name for name in TECHNIQUES}
_BY_LOWER.update({ptc.lower(): name for ptc, name in PTC_TO_TECHNIQUE.items()})
_BY_LOWER.update({t.display.lower(): name for name, t in TECHNIQUES.items()})


class TechniqueLabel(BaseModel):
    """A technique label over text[start:end]: from the model, or added (or removed) by an analyst."""

    technique: str
    start: int
    end: int
    score: float | None = None
    source: Literal["model", "analyst"] = "model"
    correction_id: int | None = None  # the correction that added (or, in `removed`, removed) it
    note: str | None = None  # that correction's note


class ParagraphLabels(BaseModel):
    """The effective technique labels of one paragraph, and those an analyst removed."""

    n: int
    start: int
    end: int
    labels: list[TechniqueLabel] = Field(default_factory=list)
    removed: list[TechniqueLabel] = Field(default_factory=list)


class StaleCorrection(Correction):
    """A correction that no longer applies, as it was stored (its words in `covered_text`), and why."""

    reason: str


class CorrectedArticle(BaseModel):
    """An article's labels after corrections: per paragraph, evidence spans, and the corrections left stale."""

    paragraphs: list[ParagraphLabels]
    evidence: list[TechniqueLabel]
    removed_evidence: list[TechniqueLabel]
    stale: list[StaleCorrection]


def technique_name(name: str) -> str:
    """The SemEval-2023 name for a technique given by that name, its PTC label or its display name."""
    found = _BY_LOWER.get(name.strip().lower().replace(" ", "_")) or _BY_LOWER.get(name.strip().lower())
    if found is None:
        raise CorrectionError(f"unknown technique {name!r}; choose one of: {', '.join(TECHNIQUES)}")
    return found


def paragraph_offsets(article: Article, n: int) -> tuple[int, int]:
    """Start and end of paragraph `n` (numbered from 0 as the reports number them)."""
    paragraphs = article.paragraphs()
    if not 0 <= n < len(paragraphs):
        raise CorrectionError(f"no paragraph {n}: the article has paragraphs 0 to {len(paragraphs) - 1}",
                              source=article.id)
    return paragraphs[n].start, paragraphs[n].end


def _checked_offsets(article: Article, layer: str, start: int, end: int) -> tuple[int, int]:
    """The offsets checked against the text; for a paragraph, snapped to the one paragraph containing them."""
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(article.text):
        raise CorrectionError(f"offsets {start}:{end} are not a span of the article text (0:{len(article.text)})",
                              source=article.id)
    if layer == "evidence":
        return start, end
    for paragraph in article.paragraphs():
        if paragraph.start <= start and end <= paragraph.end:
            return paragraph.start, paragraph.end
    raise CorrectionError(f"offsets {start}:{end} do not lie within one paragraph", source=article.id)


def _bounded(value: str | None, limit: int, what: str) -> str | None:
    if value is not None and len(value) > limit:
        raise CorrectionError(f"{what} is {len(value)} characters long; at most {limit} are kept")
    return value or None


def add_correction(library: Library, article_id: str, *, action: str, technique: str, start: int, end: int,
                   layer: str = "paragraph", note: str | None = None, author: str | None = None) -> Correction:
    """Check and store an analyst's correction of one technique label; returns it with its id."""
    if action not in ACTIONS:
        raise CorrectionError(f"action {action!r} is neither 'add' nor 'remove'")
    if layer not in LAYERS:
        raise CorrectionError(f"layer {layer!r} is neither 'paragraph' nor 'evidence'")
    name = technique_name(technique)
    article = library.get(article_id)
    start, end = _checked_offsets(article, layer, start, end)
    present = _effective(article, library.corrections(article.id), layer)
    if action == "add" and (start, end, name) in present:
        raise CorrectionError(f"{layer} {start}:{end} already has the label {name}", source=article.id)
    if action == "remove" and (start, end, name) not in present:
        raise CorrectionError(f"{layer} {start}:{end} has no label {name} to remove", source=article.id)
    correction = Correction(article_id=article.id, action=action, layer=layer, technique=name, start=start,
                            end=end, covered_text=article.text[start:end], note=_bounded(note, MAX_NOTE, "note"),
                            author=_bounded(author, MAX_AUTHOR, "author"),
                            paragraph=paragraph_number(article, start, end))
    return library.insert_correction(correction)


def list_corrections(library: Library, article_id: str | None = None) -> list[Correction]:
    """Corrections of one article (id or unique prefix), or of the whole library, oldest first."""
    return library.corrections(library.resolve_id(article_id) if article_id else None)


def delete_correction(library: Library, correction_id: int) -> None:
    """Withdraw a correction: the label goes back to what the model said."""
    library.delete_correction(correction_id)


def is_stale(article: Article, correction: Correction) -> bool:
    """True when a correction no longer applies: its words changed, or occur where it cannot tell which."""
    return anchor(article, correction).stale is not None


def stale_corrections(article: Article, corrections: Iterable[Correction]) -> list[StaleCorrection]:
    """The article's corrections that no longer apply, each with the reason."""
    found = []
    for c in corrections:
        if c.article_id == article.id:
            reason = anchor(article, c).stale
            if reason is not None:
                found.append(StaleCorrection(**c.model_dump(), reason=reason))
    return found


def stale_reasons(library: Library, corrections: Iterable[Correction]) -> dict[int, str]:
    """Why each stale one of `corrections` (of any articles in the library) no longer applies, by id."""
    by_article: dict[str, list[Correction]] = {}
    for c in corrections:
        by_article.setdefault(c.article_id, []).append(c)
    reasons = {}
    for article in library.iter_articles(by_article):
        reasons.update({s.id: s.reason for s in stale_corrections(article, by_article[article.id]) if s.id})
    return reasons


def _model_labels(article: Article, layer: str) -> list[TechniqueLabel]:
    span_layer = "technique" if layer == "paragraph" else "evidence"
    return [TechniqueLabel(technique=s.label, start=s.start, end=s.end, score=s.score)
            for s in article.layer(span_layer)]


def _apply(article: Article, corrections: Iterable[Correction], layer: str
           ) -> tuple[dict[tuple, TechniqueLabel], dict[tuple, TechniqueLabel]]:
    """(effective, removed) labels of one layer keyed by (start, end, technique), corrections applied in order."""
    present = {(lab.start, lab.end, lab.technique): lab for lab in _model_labels(article, layer)}
    removed: dict[tuple, TechniqueLabel] = {}
    for c in sorted((c for c in corrections if c.layer == layer), key=lambda c: c.id or 0):
        place: Anchor = anchor(article, c)
        if place.stale is not None:
            continue
        key = (place.start, place.end, c.technique)
        if c.action == "add" and key not in present:
            present[key] = TechniqueLabel(technique=c.technique, start=place.start, end=place.end,
                                          source="analyst", correction_id=c.id, note=c.note)
            removed.pop(key, None)
        elif c.action == "remove" and key in present:
            removed[key] = present.pop(key).model_copy(update={"correction_id": c.id, "note": c.note})
    return present, removed


def _effective(article: Article, corrections: Iterable[Correction], layer: str) -> set[tuple]:
    return set(_apply(article, corrections, layer)[0])


def corrected_labels(article: Article, corrections: Iterable[Correction]) -> list[ParagraphLabels]:
    """Every paragraph's technique labels after corrections: removed ones gone, added ones with source='analyst'."""
    present, removed = _apply(article, list(corrections), "paragraph")
    result = []
    for n, p in enumerate(article.paragraphs()):
        def here(labels: dict[tuple, TechniqueLabel]) -> list[TechniqueLabel]:
            return sorted((lab for (s, e, _), lab in labels.items() if (s, e) == (p.start, p.end)),
                          key=lambda lab: (lab.source != "model", -(lab.score or 0), lab.technique))
        result.append(ParagraphLabels(n=n, start=p.start, end=p.end, labels=here(present), removed=here(removed)))
    return result


def corrected_evidence(article: Article, corrections: Iterable[Correction]
                       ) -> tuple[list[TechniqueLabel], list[TechniqueLabel]]:
    """Evidence spans after corrections (added ones with source='analyst'), and those an analyst removed."""
    present, removed = _apply(article, list(corrections), "evidence")
    order = lambda lab: (lab.start, lab.end, lab.technique)  # noqa: E731
    return sorted(present.values(), key=order), sorted(removed.values(), key=order)


def apply_corrections(article: Article, corrections: Iterable[Correction]) -> CorrectedArticle:
    """All of an article's labels after corrections, with the corrections that no longer apply."""
    corrections = [c for c in corrections if c.article_id == article.id]
    evidence, removed_evidence = corrected_evidence(article, corrections)
    return CorrectedArticle(paragraphs=corrected_labels(article, corrections), evidence=evidence,
                            removed_evidence=removed_evidence, stale=stale_corrections(article, corrections))
