"""Typed claims records of an analysed article, read from its spans (the Python API's view of claims)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from spinlens.model import Article, Span


class TextPart(BaseModel):
    """Exact text with its character offsets in `Article.text`."""

    text: str
    start: int
    end: int


class QuoteRecord(BaseModel):
    """A quote or reported statement with its speaker, cue and content."""

    kind: str
    content: TextPart
    speaker: TextPart | None = None
    cue: TextPart | None = None
    actor: str | None = None
    resolved_from: str | None = None
    status: str = "speaker unknown"


class RelationRecord(BaseModel):
    """Who accuses, blames, denies, demands, threatens, praises or claims responsibility, and what."""

    type: str
    sentence: TextPart
    cue: TextPart | None = None
    agent: TextPart | None = None
    target: TextPart | None = None
    content: TextPart | None = None
    agent_actor: str | None = None
    target_actor: str | None = None


class ActorRecord(BaseModel):
    """An actor of the article with its mentions and the designations the article uses."""

    actor: str
    kind: str
    mentions: list[TextPart] = Field(default_factory=list)
    designations: list[str] = Field(default_factory=list)


class HedgeRecord(BaseModel):
    """A hedge, evidence marker or marker of an unsourced claim."""

    kind: str
    marker: TextPart


class ClaimRecord(BaseModel):
    """A claim and whether it is sourced, hedged or unsourced."""

    status: str
    text: TextPart
    source: str | None = None


class ArticleClaims(BaseModel):
    """Everything the claims stage found in one article."""

    quotes: list[QuoteRecord] = Field(default_factory=list)
    relations: list[RelationRecord] = Field(default_factory=list)
    actors: list[ActorRecord] = Field(default_factory=list)
    hedges: list[HedgeRecord] = Field(default_factory=list)
    claims: list[ClaimRecord] = Field(default_factory=list)


def _part(article: Article, span: Span, name: str) -> TextPart | None:
    start, end = span.attrs.get(f"{name}_start"), span.attrs.get(f"{name}_end")
    if start is None or end is None:
        return None
    return TextPart(text=article.text[start:end], start=start, end=end)


def _whole(article: Article, span: Span) -> TextPart:
    return TextPart(text=article.span_text(span), start=span.start, end=span.end)


def article_claims(article: Article) -> ArticleClaims:
    """The quotes, relations, actors, hedges and claims of an analysed article, as typed records."""
    actors: dict[str, ActorRecord] = {}
    for span in article.layer("actor"):
        record = actors.setdefault(span.label, ActorRecord(actor=span.label, kind=span.attrs.get("kind", "")))
        record.mentions.append(_whole(article, span))
        designation = span.attrs.get("designation")
        if designation and designation not in record.designations:
            record.designations.append(designation)
    return ArticleClaims(
        quotes=[QuoteRecord(kind=s.label, content=_whole(article, s), speaker=_part(article, s, "speaker"),
                            cue=_part(article, s, "cue"), actor=s.attrs.get("actor"),
                            resolved_from=s.attrs.get("resolved_from"), status=s.attrs.get("status", ""))
                for s in article.layer("quote")],
        relations=[RelationRecord(type=s.label, sentence=_whole(article, s), cue=_part(article, s, "cue"),
                                  agent=_part(article, s, "agent"), target=_part(article, s, "target"),
                                  content=_part(article, s, "content"), agent_actor=s.attrs.get("agent_actor"),
                                  target_actor=s.attrs.get("target_actor"))
                   for s in article.layer("relation")],
        actors=sorted(actors.values(), key=lambda a: (-len(a.mentions), a.actor)),
        hedges=[HedgeRecord(kind=s.label, marker=_whole(article, s)) for s in article.layer("hedge")],
        claims=[ClaimRecord(status=s.label, text=_whole(article, s), source=s.attrs.get("source"))
                for s in article.layer("claim")],
    )
