"""Response models of the REST API (pydantic), so the OpenAPI spec describes every JSON body."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from spinlens.claims.records import ArticleClaims
from spinlens.corpus.compare import OutletView
from spinlens.model import Article, Span
from spinlens.store import ArticleSummary, SearchHit
from spinlens.corrections import StaleCorrection
from spinlens.store.corrections import Correction


class ErrorBody(BaseModel):
    """What went wrong: the error class and a message naming the input and the problem."""

    type: str
    message: str


class ErrorResponse(BaseModel):
    """Every error response of the API."""

    error: ErrorBody


class ArticlePage(BaseModel):
    """One page of a library listing."""

    total: int
    limit: int
    offset: int
    items: list[ArticleSummary]


class SearchPage(BaseModel):
    """One page of full-text search results."""

    query: str
    total: int
    limit: int
    offset: int
    items: list[SearchHit]


class TechniqueOut(BaseModel):
    """A technique label on a paragraph or span, with its display name, group and explanation."""

    technique: str
    display: str
    group: str
    explanation: str
    start: int
    end: int
    score: float | None = None
    source: str = "model"
    correction_id: int | None = None


class ParagraphOut(BaseModel):
    """A paragraph with its effective technique labels (analyst corrections applied) and the removed ones."""

    n: int
    start: int
    end: int
    language: str | None = None
    is_title: bool = False
    techniques: list[TechniqueOut] = Field(default_factory=list)
    removed: list[TechniqueOut] = Field(default_factory=list)


class CopyOut(BaseModel):
    """A copy link: which article copies which, how, and whether it credits the original."""

    copy_id: str
    original_id: str
    kind: str
    similarity: float
    shared_paragraphs: int
    credited: bool
    credit: str | None = None
    dated: bool = True


class ArticleDetail(BaseModel):
    """Everything known about one article: the article (spans given by layer), labels, spin, claims,
    story and copies, corrections."""

    article: Article
    spans_by_layer: dict[str, list[Span]]
    paragraphs: list[ParagraphOut]
    evidence: list[TechniqueOut]
    spin: dict[str, Any] | None = None
    spin_breakdown: list[tuple[str, str]] = Field(default_factory=list)
    claims: ArticleClaims
    story_id: int | None = None
    copies: list[CopyOut] = Field(default_factory=list)
    links_ready: bool = Field(True, description="False while the library's stories and copies are still being "
                              "worked out (a big library at start-up): story_id and copies are then left empty")
    corrections: list[Correction] = Field(default_factory=list)
    stale: list[StaleCorrection] = Field(default_factory=list, description="Those corrections that no longer apply "
                                         "(the article's text changed under them), each with the reason")


class StoryOut(BaseModel):
    """A story: articles about one event across outlets."""

    id: int
    title: str = Field(description="The headline of its least spun, then earliest article (else its key names)")
    key_names: str = Field("", description="The names most characteristic of the story")
    article_ids: list[str]
    outlets: dict[str, int]
    languages: dict[str, int]
    first: str | None = None
    last: str | None = None


class StoryList(BaseModel):
    """One page of the library's stories."""

    total: int
    limit: int
    offset: int
    items: list[StoryOut]


class CopyPage(BaseModel):
    """One page of the library's copy links."""

    total: int
    limit: int
    offset: int
    items: list[CopyOut]


class ClaimOut(BaseModel):
    """One outlet's wording of a claim."""

    outlet: str
    article_id: str
    text: str
    start: int
    end: int
    negated: bool


class AlignedClaimOut(BaseModel):
    """A claim across outlets: agreed, contested or only here."""

    status: str
    outlets: list[str]
    claims: list[ClaimOut]


class StoryComparisonOut(BaseModel):
    """A story side by side by outlet with its claims aligned, and the copies among its articles."""

    story: StoryOut
    outlets: list[OutletView]
    claims: list[AlignedClaimOut]
    copies: list[CopyOut]


class JobOut(BaseModel):
    """A background analysis: its state, progress, and the articles it produced."""

    id: str
    kind: str
    label: str
    state: str  # queued | running | done | failed
    analysed: int = 0
    failed: int = 0
    article_ids: list[str] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)
    created_at: str
    finished_at: str | None = None
