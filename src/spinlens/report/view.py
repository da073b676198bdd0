"""One format-neutral view of an article that every report renders: fields, paragraphs, highlights."""

from __future__ import annotations

from dataclasses import dataclass, field

from spinlens.model import LAYER_LANGUAGE, Article, Span
from spinlens.text.language_names import language_name

#: Span layers shown as highlights in reports; analysis stages register theirs here.
HIGHLIGHT_LAYERS: dict[str, str] = {}


@dataclass
class Segment:
    """A run of paragraph text and the highlight spans covering all of it."""

    text: str
    spans: list[Span] = field(default_factory=list)


@dataclass
class ParagraphView:
    """One paragraph: its number, offsets, language and highlighted segments."""

    n: int
    start: int
    end: int
    language: str | None
    is_title: bool
    segments: list[Segment]


def metadata_rows(article: Article) -> list[tuple[str, str]]:
    """(label, value) rows of the article's metadata and provenance, empty values left out."""
    prov = article.provenance
    lang = article.language and f"{language_name(article.language)} ({article.language})"
    rows = [
        ("id", article.id), ("outlet", article.outlet), ("site", article.site),
        ("authors", ", ".join(article.authors)), ("published", article.published),
        ("url", article.url), ("canonical url", article.canonical_url if article.canonical_url != article.url else None),
        ("language", lang), ("words", str(article.word_count)),
        ("first published by", prov.first_published_by), ("original source", prov.original_source),
        ("republished from", prov.republished_from),
        ("copyright", ", ".join(prov.copyright_holders + ([str(prov.copyright_year)] if prov.copyright_year else []))),
        ("status", article.status if not article.ok else None),
    ]
    return [(label, value) for label, value in rows if value]


def segments(article: Article, start: int, end: int, layers: dict[str, str] | None = None) -> list[Segment]:
    """Split text[start:end] at every highlight boundary, each piece carrying the spans over it."""
    layers = HIGHLIGHT_LAYERS if layers is None else layers
    spans = [s for s in article.spans if s.layer in layers and s.start < end and s.end > start]
    cuts = sorted({start, end, *(max(start, s.start) for s in spans), *(min(end, s.end) for s in spans)})
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [s for s in spans if s.start <= a and s.end >= b]
        pieces.append(Segment(article.text[a:b], covering))
    return pieces or [Segment(article.text[start:end])]


def paragraph_views(article: Article, layers: dict[str, str] | None = None) -> list[ParagraphView]:
    """Every paragraph with its language (when identified) and highlight segments."""
    langs = {(s.start, s.end): s.label for s in article.layer(LAYER_LANGUAGE)}
    title_spans = article.layer("title")
    title_range = (title_spans[0].start, title_spans[0].end) if title_spans else None
    return [ParagraphView(n=i, start=p.start, end=p.end, language=langs.get((p.start, p.end)),
                          is_title=(p.start, p.end) == title_range,
                          segments=segments(article, p.start, p.end, layers))
            for i, p in enumerate(article.paragraphs())]


def removed_summary(article: Article) -> list[tuple[str, int]]:
    """(reason, count) of the boilerplate blocks cleaning removed."""
    counts: dict[str, int] = {}
    for block in article.removed:
        counts[block.reason] = counts.get(block.reason, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
