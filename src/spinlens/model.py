"""The one document model: an `Article` whose annotations are character spans over its cleaned text."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Any, Iterable

from pydantic import BaseModel, Field, model_validator

from spinlens.text.words import count_words

#: Span layers known to the pipeline today; later stages add their own (technique, evidence, quote...).
LAYER_TITLE = "title"
LAYER_PARAGRAPH = "paragraph"
LAYER_SENTENCE = "sentence"
LAYER_LANGUAGE = "language"

#: The outlet name under which sources group the articles that have none; as an outlet filter
#: (`Library.list(outlet=NO_OUTLET)`, `?outlet=(no outlet)`) it selects those articles.
NO_OUTLET = "(no outlet)"


class Span(BaseModel):
    """A labelled region `text[start:end]` of an article, on one annotation layer."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    layer: str
    label: str = ""
    score: float | None = None
    attrs: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        return self


_SPAN_FIELDS = frozenset(Span.model_fields)


def _unchecked_span(start: int, end: int, layer: str, label: str, score: float | None,
                    attrs: dict[str, Any]) -> Span:
    """A Span built without validation, for callers that checked bounds and order themselves.

    Stages add tens of spans per article; this is what `Span.model_construct` does, without its
    per-field default handling (all fields are given), at under half its cost.
    """
    span = Span.__new__(Span)
    object.__setattr__(span, "__dict__", {"start": start, "end": end, "layer": layer, "label": label,
                                          "score": score, "attrs": attrs})
    object.__setattr__(span, "__pydantic_fields_set__", set(_SPAN_FIELDS))
    object.__setattr__(span, "__pydantic_extra__", None)
    object.__setattr__(span, "__pydantic_private__", None)
    return span


class Provenance(BaseModel):
    """Where an article says it comes from (attribution lines, copyright notices)."""

    first_published_by: str | None = None
    original_source: str | None = None
    republished_from: str | None = None
    copyright_holders: list[str] = Field(default_factory=list)
    copyright_year: int | None = None

    def is_empty(self) -> bool:
        """True when no attribution was found."""
        return not (self.first_published_by or self.original_source or self.republished_from
                    or self.copyright_holders or self.copyright_year)


class RemovedBlock(BaseModel):
    """A block of the raw text that cleaning removed, kept so users can see why."""

    text: str
    reason: str


class Article(BaseModel):
    """A cleaned news article with metadata, provenance and character-offset spans over `text`."""

    id: str = ""
    identity: str = ""
    source: str = ""
    source_kind: str = ""
    raw_text: str = ""
    text: str = ""
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    author_bios: list[str] = Field(default_factory=list)
    outlet: str | None = None
    site: str | None = None
    published: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    language_score: float | None = None
    description: str | None = None
    provenance: Provenance = Field(default_factory=Provenance)
    removed: list[RemovedBlock] = Field(default_factory=list)
    spans: list[Span] = Field(default_factory=list)
    status: str = "ok"
    errors: list[str] = Field(default_factory=list)
    extra: dict[str, Any] = Field(default_factory=dict)

    # -- spans -----------------------------------------------------------------------------
    def add_span(self, start: int, end: int, layer: str, label: str = "",
                 score: float | None = None, **attrs: Any) -> Span:
        """Append a span after checking it lies inside `text`."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside text of length {len(self.text)}")
        span = _unchecked_span(start, end, layer, label, None if score is None else float(score), attrs)
        self.spans.append(span)
        return span

    def layer(self, name: str) -> list[Span]:
        """All spans of one layer, in text order."""
        return sorted((s for s in self.spans if s.layer == name), key=lambda s: (s.start, s.end))

    def clear_layer(self, name: str) -> None:
        """Drop every span of one layer (stages call this before re-annotating)."""
        self.spans = [s for s in self.spans if s.layer != name]

    def span_text(self, span: Span) -> str:
        """The exact text a span covers."""
        return self.text[span.start:span.end]

    def paragraphs(self) -> list[Span]:
        """Paragraph spans in order."""
        return self.layer(LAYER_PARAGRAPH)

    def within(self, outer: Span, layer: str) -> list[Span]:
        """Spans of `layer` lying inside `outer`."""
        return [s for s in self.layer(layer) if s.start >= outer.start and s.end <= outer.end]

    def layers(self) -> list[str]:
        """Names of the layers present, sorted."""
        return sorted({s.layer for s in self.spans})

    # -- state -----------------------------------------------------------------------------
    @property
    def ok(self) -> bool:
        """True when no stage failed or skipped this article."""
        return self.status == "ok"

    def fail(self, stage: str, reason: str) -> None:
        """Record that a stage failed on this article; the batch goes on."""
        self.status = f"failed: {stage}: {reason}"
        self.errors.append(f"{stage}: {reason}")

    def skip(self, reason: str) -> None:
        """Record that this article was not analysed, and why."""
        self.status = f"skipped: {reason}"

    @property
    def content_hash(self) -> str:
        """Hash of what the article says (text and metadata), used to detect changed re-ingestions."""
        h = hashlib.sha256()
        for part in (self.raw_text, self.title or "", ",".join(self.authors), self.outlet or "",
                     self.published or "", self.url or "", self.canonical_url or ""):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return h.hexdigest()[:32]

    @property
    def word_count(self) -> int:
        """Number of words in the cleaned text (see `text.words.count_words`)."""
        return count_words(self.text)

    # -- serialisation ----------------------------------------------------------------------
    def to_json(self, **kwargs: Any) -> str:
        """Serialise to JSON without loss (`Article.from_json` reads it back)."""
        return self.model_dump_json(**kwargs)

    @classmethod
    def from_json(cls, data: str | bytes) -> "Article":
        """Read an article written by `to_json`."""
        return cls.model_validate_json(data)


def identity_for(*candidates: str | None) -> str:
    """The first non-empty candidate: what makes two ingestions 'the same article'."""
    for candidate in candidates:
        if candidate:
            return candidate
    raise ValueError("no identity candidate")


def short_id(identity: str) -> str:
    """Stable 16-hex-digit article id derived from its identity."""
    return hashlib.sha1(identity.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def spans_slice_text(article: Article, spans: Iterable[Span] | None = None) -> bool:
    """True when every span lies within the article text (the invariant every stage keeps)."""
    n = len(article.text)
    return all(0 <= s.start <= s.end <= n for s in (article.spans if spans is None else spans))


def published_moment(stamp: str | None) -> datetime | None:
    """A published stamp as a naive UTC datetime (a date alone is its midnight); None if missing or unreadable."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment
