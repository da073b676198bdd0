"""One format-neutral view of an article that every report renders: fields, paragraphs, highlights."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from spinlens.corrections import Correction, TechniqueLabel, apply_corrections, stale_corrections
from spinlens.model import LAYER_LANGUAGE, Article, Span
from spinlens.techniques.taxonomy import technique
from spinlens.text.language_names import language_name

#: Span layers shown as highlights in reports, with their legend text.
HIGHLIGHT_LAYERS: dict[str, str] = {
    "evidence": "exact words carrying a persuasion technique (English; hover or see the label)",
}


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
    techniques: list[tuple[str, float | None]] = field(default_factory=list)
    added: list[TechniqueLabel] = field(default_factory=list)  # labels an analyst added
    removed: list[TechniqueLabel] = field(default_factory=list)  # labels an analyst removed

    @property
    def shown(self) -> bool:
        """Whether a report shows this paragraph: every body paragraph, and the headline (already the report's
        heading) only when it carries technique labels or highlights."""
        return not self.is_title or bool(self.techniques or self.added or self.removed
                                         or any(seg.spans for seg in self.segments))

    @property
    def label(self) -> str:
        """The paragraph's number in reports, or "headline" for the title."""
        return "headline" if self.is_title else str(self.n)


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


def regions(pieces: Sequence[Segment]) -> list[Segment]:
    """Runs of adjacent highlighted segments merged into one region carrying all their spans, so that
    overlapping evidence of several techniques reads as one highlight with one list of labels."""
    merged: list[Segment] = []
    for piece in pieces:
        if piece.spans and merged and merged[-1].spans:
            last = merged[-1]
            merged[-1] = Segment(last.text + piece.text,
                                 last.spans + [s for s in piece.spans if not any(s is t for t in last.spans)])
        else:
            merged.append(Segment(piece.text, list(piece.spans)))
    return merged


def region_labels(region: Segment) -> str:
    """The display names of a region's techniques, strongest first (each name once)."""
    best: dict[str, float] = {}
    for span in region.spans:
        name = highlight_label(span)
        best[name] = max(best.get(name, -1.0), span.score if span.score is not None else -1.0)
    return ", ".join(sorted(best, key=lambda name: (-best[name], name)))


def paragraph_views(article: Article, layers: dict[str, str] | None = None,
                    corrections: Sequence[Correction] | None = None) -> list[ParagraphView]:
    """Every paragraph with its language (when identified) and highlight segments; with `corrections`, the
    labels analysts removed are moved to `removed` (evidence spans marked so) and those they added shown."""
    if corrections:
        return _corrected_views(article, layers, corrections)
    langs = {(s.start, s.end): s.label for s in article.layer(LAYER_LANGUAGE)}
    title_spans = article.layer("title")
    title_range = (title_spans[0].start, title_spans[0].end) if title_spans else None
    by_paragraph: dict[tuple[int, int], list[tuple[str, float | None]]] = {}
    for span in article.layer("technique"):
        by_paragraph.setdefault((span.start, span.end), []).append((span.label, span.score))
    return [ParagraphView(n=i, start=p.start, end=p.end, language=langs.get((p.start, p.end)),
                          is_title=(p.start, p.end) == title_range,
                          segments=segments(article, p.start, p.end, layers),
                          techniques=sorted(by_paragraph.get((p.start, p.end), []), key=lambda t: -(t[1] or 0)))
            for i, p in enumerate(article.paragraphs())]


def _corrected_views(article: Article, layers: dict[str, str] | None,
                     corrections: Sequence[Correction]) -> list[ParagraphView]:
    """Paragraph views of the article as analysts corrected it."""
    corrected = apply_corrections(article, corrections)
    evidence = [_evidence_span(lab, "added" if lab.source == "analyst" else "") for lab in corrected.evidence]
    evidence += [_evidence_span(lab, "removed") for lab in corrected.removed_evidence]
    shown = article.model_copy(update={"spans": [s for s in article.spans if s.layer not in ("evidence", "technique")]
                                       + evidence})
    views = paragraph_views(shown, layers)
    for view, labels in zip(views, corrected.paragraphs):
        view.techniques = [(lab.technique, lab.score) for lab in labels.labels if lab.source == "model"]
        view.added = [lab for lab in labels.labels if lab.source == "analyst"]
        view.removed = labels.removed
    return views


#: The heading and advice every report gives above its stale corrections.
STALE_HEADING = "Stale corrections"
STALE_ADVICE = ("The article's text changed under these analysts' corrections, so they are no longer applied;"
                " redo them (spinlens correct) or withdraw them (spinlens uncorrect ID).")


@dataclass
class StaleRow:
    """A stale correction in words: what it did, on which words, by whom, and why it no longer applies."""

    id: int | None
    what: str  # e.g. "removed Loaded language from paragraph 1 (characters 78-417)"
    words: str  # the words it was made on (shortened)
    reason: str
    note: str | None = None
    author: str | None = None

    @property
    def credit(self) -> str:
        """Who made it and their note, e.g. ' by ana; note: neutral wording' (empty when neither is known)."""
        return (f" by {self.author}" if self.author else "") + (f"; note: {self.note}" if self.note else "")


def stale_rows(article: Article, corrections: Sequence[Correction] | None) -> list[StaleRow]:
    """The article's corrections that no longer apply, described for a report."""
    rows = []
    for c in stale_corrections(article, corrections or ()):
        name = technique(c.technique).display
        verb = f"removed {name} from" if c.action == "remove" else f"added {name} to"
        paragraph = "" if c.paragraph is None else f" {c.paragraph}"
        where = (f"paragraph{paragraph} (characters {c.start}-{c.end})" if c.layer == "paragraph" else
                 f"the words at {c.start}-{c.end}" + (f" of paragraph{paragraph}" if paragraph else ""))
        rows.append(StaleRow(id=c.id, what=f"{verb} {where}", words=_excerpt(c.covered_text, 200),
                             reason=c.reason, note=c.note, author=c.author))
    return rows


def _evidence_span(label: TechniqueLabel, verdict: str) -> Span:
    """An evidence highlight; `verdict` ('added', 'removed' or '') says what an analyst did to it."""
    return Span(start=label.start, end=label.end, layer="evidence", label=label.technique, score=label.score,
                attrs={"analyst": verdict, "note": label.note} if verdict else {})


def analyst_mark(verdict: str, note: str | None) -> str:
    """'added by analyst' or 'removed by analyst', with the analyst's note when there is one."""
    return f"{verdict} by analyst" + (f": {note}" if note else "")


def highlight_label(span: Span) -> str:
    """A highlight's technique display name, saying when an analyst added or removed it."""
    verdict = span.attrs.get("analyst")
    name = technique(span.label).display
    return f"{name} ({analyst_mark(verdict, span.attrs.get('note'))})" if verdict else name


def spin_rows(article: Article) -> list[tuple[str, str]]:
    """(label, value) rows of the spin meter and its breakdown; empty when not analysed."""
    spin = article.extra.get("spin")
    if not spin:
        return []
    top = ", ".join(f"{technique(name).display} ×{count}" for name, count in spin["top_techniques"])
    hot = ", ".join(f"¶{n} ({count})" for n, count in spin["hottest_paragraphs"])
    return [
        ("spin", f"{spin['score']}/100"),
        ("paragraphs with techniques", f"{spin['paragraphs_with_techniques']} of {spin['paragraphs_analysed']}"
                                       f" (coverage {spin['coverage']:.2f})"),
        ("distinct techniques", f"{spin['distinct_techniques']} (diversity {spin['diversity']:.2f})"),
        ("labels per 100 words", f"{spin['labels_per_100_words']} (density {spin['density']:.2f})"),
        ("mean confidence", f"{spin['confidence']:.2f}"),
        ("top techniques", top or "none"),
        ("most loaded paragraphs", hot or "none"),
    ]


def coverage_note(article: Article) -> str | None:
    """Plain statement of paragraphs left unanalysed for lack of a model in their language."""
    info = article.extra.get("techniques") or {}
    skipped = info.get("not_analysed") or []
    if not skipped:
        return None
    parts = ", ".join(f"{s['name']} ({s['paragraphs']} paragraph{'s' if s['paragraphs'] != 1 else ''})"
                      for s in skipped)
    supported = ", ".join(info.get("supported_languages", []))
    return f"Techniques not analysed for: {parts}. Technique models exist for {supported}."


def technique_label(name: str, score: float | None) -> str:
    """Display name with confidence, e.g. 'Loaded language 0.82'."""
    return f"{technique(name).display}" + (f" {score:.2f}" if score is not None else "")


def removed_summary(article: Article) -> list[tuple[str, int]]:
    """(reason, count) of the boilerplate blocks cleaning removed."""
    counts: dict[str, int] = {}
    for block in article.removed:
        counts[block.reason] = counts.get(block.reason, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass
class ClaimTable:
    """A titled table of the article's claims records (quotes, relations, actors, hedges), as text cells."""

    title: str
    columns: list[str]
    rows: list[list[str]]


def _excerpt(text: str | None, limit: int = 140) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _who(attrs: dict, part: str, actor_key: str) -> str:
    said = attrs.get(part) or ""
    actor = attrs.get(actor_key)
    if not said:
        return "—"
    return f"{said} → {actor}" if actor and actor != said else said


def claim_tables(article: Article) -> list[ClaimTable]:
    """Quotes, relations, actors and hedges of an article as tables (empty ones left out)."""
    quotes = [[_who(s.attrs, "speaker", "actor") if s.attrs.get("speaker") else "speaker unknown",
               s.attrs.get("cue") or "—", s.label, _excerpt(article.span_text(s))] for s in article.layer("quote")]
    relations = [[s.label.replace("_", " "), _who(s.attrs, "agent", "agent_actor"),
                  _who(s.attrs, "target", "target_actor"), _excerpt(s.attrs.get("content"), 90)]
                 for s in article.layer("relation")]
    actors: dict[str, list] = {}
    for s in article.layer("actor"):
        row = actors.setdefault(s.label, [s.label, s.attrs.get("kind", ""), 0, []])
        row[2] += 1
        if s.attrs.get("designation") and s.attrs["designation"] not in row[3]:
            row[3].append(s.attrs["designation"])
    actor_rows = [[name, kind, str(count), _excerpt("; ".join(designations), 120)]
                  for name, kind, count, designations in sorted(actors.values(), key=lambda r: (-r[2], r[0]))]
    hedges = [[article.span_text(s), s.label] for s in article.layer("hedge")]
    tables = [ClaimTable("Quotes", ["speaker", "cue", "kind", "content"], quotes),
              ClaimTable("Relations", ["relation", "agent", "target", "content"], relations),
              ClaimTable("Actors", ["actor", "kind", "mentions", "designations used"], actor_rows),
              ClaimTable("Hedges and evidence markers", ["marker", "kind"], hedges)]
    return [t for t in tables if t.rows]
