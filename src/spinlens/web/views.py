"""Assembling API and page data from the Python API (`spinlens.api`, `Library`, report view builders):
shared by the REST routes and the pages so both show the same thing."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import datetime

from markupsafe import Markup, escape

from spinlens import corrections as corr
from spinlens.claims.records import article_claims
from spinlens.corpus.sources import SourceProfile
from spinlens.model import Article, Span
from spinlens.report.view import paragraph_views, segments, spin_rows
from spinlens.store import Library
from spinlens.techniques.taxonomy import technique
from spinlens.web.corpus import CorpusCache
from spinlens.web.schemas import (AlignedClaimOut, ArticleDetail, ClaimOut, CopyOut, ParagraphOut, StoryComparisonOut,
                                  StoryOut, TechniqueOut)


def technique_out(label: corr.TechniqueLabel) -> TechniqueOut:
    """A corrected technique label with its display name, group and explanation."""
    info = technique(label.technique)
    return TechniqueOut(technique=label.technique, display=info.display, group=info.group,
                        explanation=info.explanation, start=label.start, end=label.end, score=label.score,
                        source=label.source, correction_id=label.correction_id)


def copy_out(link) -> CopyOut:
    """A `CopyLink` as its response model."""
    return CopyOut.model_validate(link, from_attributes=True)


def article_detail(library: Library, cache: CorpusCache, article_id: str) -> ArticleDetail:
    """One article with its labels after corrections, spin, claims, story, copies and corrections."""
    article = library.get(article_id)
    stored = corr.list_corrections(library, article.id)
    corrected = corr.apply_corrections(article, stored)
    views = {p.n: p for p in paragraph_views(article)}
    paragraphs = [ParagraphOut(n=p.n, start=p.start, end=p.end, language=views[p.n].language,
                               is_title=views[p.n].is_title, techniques=[technique_out(t) for t in p.labels],
                               removed=[technique_out(t) for t in p.removed]) for p in corrected.paragraphs]
    by_layer: dict[str, list] = {}
    for span in article.spans:
        by_layer.setdefault(span.layer, []).append(span)
    spin = article.extra.get("spin")
    story_id, copies, ready = cache.article_links(article.id)
    return ArticleDetail(article=article.model_copy(update={"spans": []}), spans_by_layer=by_layer,
                         paragraphs=paragraphs, evidence=[technique_out(t) for t in corrected.evidence],
                         spin=spin if isinstance(spin, dict) else None, spin_breakdown=spin_rows(article),
                         claims=article_claims(article), story_id=story_id, copies=copies, links_ready=ready,
                         corrections=stored, stale=corrected.stale)


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None


def story_out(story) -> StoryOut:
    """A `Story` as its response model."""
    return StoryOut(id=story.id, title=story.title, key_names=story.key_names, article_ids=list(story.article_ids),
                    outlets=dict(story.outlets), languages=dict(story.languages), first=_iso(story.first),
                    last=_iso(story.last))


def story_comparison(cache: CorpusCache, story_id: int) -> StoryComparisonOut:
    """A story side by side by outlet (`api.compare_story`) with the copies among its articles."""
    story, comparison = cache.comparison(story_id)
    members = set(story.article_ids)
    return StoryComparisonOut(
        story=story_out(story),
        outlets=comparison.outlets,
        claims=[AlignedClaimOut(status=c.status, outlets=c.outlets,
                                claims=[ClaimOut(outlet=x.outlet, article_id=x.article_id, text=x.text, start=x.start,
                                                 end=x.end, negated=x.negated) for x in c.claims])
                for c in comparison.claims],
        copies=[copy_out(link) for link in cache.copies() if link.copy_id in members or link.original_id in members])


def find_source(cache: CorpusCache, name: str) -> SourceProfile:
    """One outlet's profile by name (case-insensitive); `NotFound` when the library has no such outlet."""
    from spinlens.errors import NotFound

    for profile in cache.sources():
        if profile.outlet.lower() == name.strip().lower():
            return profile
    raise NotFound(f"no outlet {name[:200]!r} in the library")


#: Layers highlighted in the article text, with their legend.
BODY_LAYERS = {"evidence": "words carrying a technique", "quote": "quote", "relation": "relation between actors"}


@dataclass
class Piece:
    """A run of paragraph text, the highlight classes over it and its hover text."""

    text: str
    classes: str = ""
    title: str = ""


@dataclass
class ParagraphBody:
    """A paragraph of the article page: its pieces of text and labels (from `ArticleDetail.paragraphs`)."""

    n: int
    start: int
    end: int
    is_title: bool
    language: str | None
    pieces: list[Piece]

    @property
    def text(self) -> str:
        """The paragraph's plain text."""
        return "".join(piece.text for piece in self.pieces)

    @property
    def html(self) -> Markup:
        """The paragraph's text, escaped, with every highlighted piece in a <mark> carrying its classes and hover
        text (built here rather than in a template loop: it is the bulk of the article page)."""
        return Markup("").join(
            Markup('<mark class="{}" title="{}">{}</mark>').format(piece.classes, piece.title, piece.text)
            if piece.classes else escape(piece.text) for piece in self.pieces)


def _hover(span: Span, article: Article) -> str:
    if span.layer == "evidence":
        info = technique(span.label)
        score = f" {span.score:.2f}" if span.score is not None else ""
        by = " (added by an analyst)" if span.attrs.get("source") == "analyst" else ""
        return f"{info.display}{score}{by}: {info.explanation}"
    if span.layer == "quote":
        speaker = span.attrs.get("speaker") or "speaker unknown"
        return f"quote ({span.label}) by {speaker}"
    agent, target = span.attrs.get("agent_actor") or span.attrs.get("agent"), span.attrs.get("target_actor") or span.attrs.get("target")
    return f"{span.label.replace('_', ' ')}: {agent or '?'} → {target or '?'}"


def article_body(detail: ArticleDetail) -> list[ParagraphBody]:
    """The article's paragraphs cut at every evidence, quote and relation boundary, with corrected evidence."""
    spans = [Span(start=e.start, end=e.end, layer="evidence", label=e.technique, score=e.score,
                  attrs={"source": e.source}) for e in detail.evidence]
    for layer in ("quote", "relation"):
        spans += detail.spans_by_layer.get(layer, [])
    article = detail.article.model_copy(update={"spans": spans})
    bodies = []
    for paragraph in detail.paragraphs:
        pieces = []
        for seg in segments(article, paragraph.start, paragraph.end, BODY_LAYERS):
            classes = sorted({f"hl-{s.layer}" for s in seg.spans}
                             | {"g-" + technique(s.label).group.replace(" ", "-") for s in seg.spans
                                if s.layer == "evidence"})
            pieces.append(Piece(seg.text, " ".join(classes), "; ".join(_hover(s, article) for s in seg.spans)))
        bodies.append(ParagraphBody(paragraph.n, paragraph.start, paragraph.end, paragraph.is_title,
                                    paragraph.language, pieces))
    return bodies


def evidence_options(detail: ArticleDetail) -> Markup:
    """The corrections form's <option>s, one per evidence span (built here: an article has dozens)."""
    text = detail.article.text
    return Markup("").join(
        Markup('<option value="{}-{}">{}: \u201c{}\u201d ({}\u2013{})</option>').format(
            e.start, e.end, e.display, text[e.start:e.end][:40], e.start, e.end) for e in detail.evidence)


@lru_cache(maxsize=1)
def technique_options() -> Markup:
    """The corrections form's <option>s, one per technique (the same on every page)."""
    from spinlens.techniques.taxonomy import TECHNIQUES

    return Markup("").join(Markup('<option value="{}">{}</option>').format(name, info.display)
                           for name, info in TECHNIQUES.items())
