"""REST API under /api/v1: every CLI capability as a JSON endpoint over the same Python API."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Literal

from fastapi import APIRouter, Depends, File, Path, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from spinlens import api
from spinlens import corrections as corr
from spinlens.corpus.digest import Digest, digest_window
from spinlens.corpus.sources import SourceProfile
from spinlens.errors import UsageError
from spinlens.export import export_library
from spinlens.store.actors import ActorProfile
from spinlens.store.corrections import Correction
from spinlens.web.filters import MAX_OFFSET, ArticleFilters
from spinlens.web.schemas import (ArticleDetail, ArticlePage, CopyPage, ErrorResponse, JobOut, SearchPage,
                                  StoryComparisonOut, StoryList)
from spinlens.web.views import article_detail, copy_out, find_source, story_comparison, story_out

_ERRORS = {status: {"model": ErrorResponse} for status in (400, 404, 413, 422)}
router = APIRouter(prefix="/api/v1", responses=_ERRORS)


def _state(request: Request):
    return request.app.state


@router.get("/articles", response_model=ArticlePage, tags=["articles"])
def list_articles(request: Request, filters: ArticleFilters = Depends(),
                  sort: Literal["published", "added", "title", "outlet", "spin"] = "published",
                  limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> ArticlePage:
    """Articles of the library, filtered and sorted, one page at a time (`spinlens list`)."""
    state = _state(request)
    where = filters.query(state.cache)
    return ArticlePage(total=state.library.count(**where), limit=limit, offset=offset,
                       items=state.library.list(limit=limit, offset=offset, sort=sort, **where))


@router.get("/articles/{article_id}", response_model=ArticleDetail, tags=["articles"])
def get_article(request: Request, article_id: str) -> ArticleDetail:
    """One article (id or unique prefix): text, spans by layer, labels, spin, claims, story, copies (`spinlens show`)."""
    return article_detail(_state(request).library, _state(request).cache, article_id)


@router.get("/search", response_model=SearchPage, tags=["articles"])
def search(request: Request, q: str = Query(..., min_length=1, max_length=1000), filters: ArticleFilters = Depends(),
           limit: int = Query(20, ge=1, le=500), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> SearchPage:
    """Full-text search (SQLite FTS5 syntax; plain words must all match), with the list filters (`spinlens search`)."""
    state = _state(request)
    where = filters.query(state.cache)
    total, hits = state.cache.search(q, where, limit, offset)
    return SearchPage(query=q, total=total, limit=limit, offset=offset, items=hits)


class AnalyseRequest(BaseModel):
    """Text to analyse (optionally with a title and outlet), or a URL to fetch and analyse."""

    text: str | None = Field(None, max_length=5_000_000)
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=4000)


@router.post("/analyse", response_model=JobOut, status_code=202, tags=["analyse"])
def analyse(request: Request, body: AnalyseRequest) -> JobOut:
    """Start analysing pasted text or a URL in the background; poll /jobs/{id} for the article ids."""
    jobs = _state(request).jobs
    if (body.text is None) == (body.url is None):
        raise UsageError("give exactly one of: text, url")
    if body.url is not None:
        return jobs.submit_url(body.url)
    return jobs.submit_text(body.text or "", title=body.title, outlet=body.outlet)


@router.post("/analyse/upload", response_model=JobOut, status_code=202, tags=["analyse"])
async def analyse_upload(request: Request, file: UploadFile = File(...)) -> JobOut:
    """Start analysing an uploaded file (text, HTML, JSON, JSONL or a feed) in the background."""
    data = await file.read()
    return _state(request).jobs.submit_upload(file.filename or "upload", data)


@router.get("/jobs/{job_id}", response_model=JobOut, tags=["analyse"])
def job(request: Request, job_id: str) -> JobOut:
    """State and progress of a background analysis, and the ids of the articles it stored."""
    return _state(request).jobs.get(job_id)


@router.get("/stories", response_model=StoryList, tags=["stories"])
def stories(request: Request, limit: int = Query(100, ge=1, le=1000),
            offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> StoryList:
    """Stories: articles about the same event grouped across outlets, one page at a time (`spinlens stories`)."""
    found = _state(request).cache.stories()
    return StoryList(total=len(found), limit=limit, offset=offset,
                     items=[story_out(s) for s in found[offset:offset + limit]])


@router.get("/stories/{story_id}", response_model=StoryComparisonOut, tags=["stories"])
def story(request: Request, story_id: int = Path(..., ge=0, le=MAX_OFFSET)) -> StoryComparisonOut:
    """One story side by side by outlet, claims agreed/contested/only here, and its copies (`spinlens story N`)."""
    return story_comparison(_state(request).cache, story_id)


@router.get("/copies", response_model=CopyPage, tags=["stories"])
def copies(request: Request, limit: int = Query(100, ge=1, le=1000),
           offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> CopyPage:
    """Copies across the library: exact, near-duplicate and partial, with their original (`spinlens copies`)."""
    found = _state(request).cache.copies()
    return CopyPage(total=len(found), limit=limit, offset=offset,
                    items=[copy_out(link) for link in found[offset:offset + limit]])


@router.get("/sources", response_model=list[SourceProfile], tags=["sources"])
def sources(request: Request) -> list[SourceProfile]:
    """Every outlet's profile: volume, languages, spin, stories covered and missed (`spinlens sources`)."""
    return _state(request).cache.sources()


@router.get("/sources/{name:path}", response_model=SourceProfile, tags=["sources"])
def source(request: Request, name: str) -> SourceProfile:
    """One outlet's profile by name (`spinlens source NAME`)."""
    return find_source(_state(request).cache, name)


def digest_range(since: date | None, until: date | None, period: str) -> tuple[datetime, datetime]:
    """[since, until) as `spinlens digest` reads its options (`corpus.digest.digest_window`)."""
    start, end = digest_window(period, *(datetime.combine(d, datetime.min.time()) if d else None
                                         for d in (since, until)))
    if start >= end:
        raise UsageError(f"since {start.date()} is not before until {end.date()}")
    return start, end


@router.get("/digest", response_model=Digest, tags=["sources"])
def digest(request: Request, since: date | None = None, until: date | None = None,
           period: Literal["day", "week"] = "week") -> Digest:
    """The stories of a day or week with coverage by outlet and contested claims (`spinlens digest`)."""
    start, end = digest_range(since, until, period)
    return api.digest(_state(request).library, start, end)


@router.get("/actors", response_model=list[ActorProfile], tags=["sources"])
def actors(request: Request, actor: str | None = Query(None, max_length=300),
           limit: int = Query(30, ge=1, le=1000)) -> list[ActorProfile]:
    """Actors: mentions, designations, whom they accuse and who accuses them (`spinlens actors`)."""
    return _state(request).cache.actors(limit, actor)


class CorrectionRequest(BaseModel):
    """An analyst's correction: add or remove a technique label on a paragraph or evidence span."""

    action: Literal["add", "remove"]
    technique: str = Field(..., max_length=200)
    start: int = Field(..., ge=0)
    end: int = Field(..., ge=0)
    layer: Literal["paragraph", "evidence"] = "paragraph"
    note: str | None = Field(None, max_length=2000)
    author: str | None = Field(None, max_length=200)


@router.get("/articles/{article_id}/corrections", response_model=list[Correction], tags=["corrections"])
def article_corrections(request: Request, article_id: str) -> list[Correction]:
    """The corrections analysts made to one article, oldest first."""
    return corr.list_corrections(_state(request).library, article_id)


@router.post("/articles/{article_id}/corrections", response_model=Correction, status_code=201,
             tags=["corrections"])
def add_correction(request: Request, article_id: str, body: CorrectionRequest) -> Correction:
    """Store a correction of one technique label of an article."""
    return corr.add_correction(_state(request).library, article_id, **body.model_dump())


@router.get("/corrections", response_model=list[Correction], tags=["corrections"])
def all_corrections(request: Request) -> list[Correction]:
    """Every correction in the library, oldest first."""
    return corr.list_corrections(_state(request).library)


@router.delete("/corrections/{correction_id}", status_code=204, tags=["corrections"])
def delete_correction(request: Request, correction_id: int = Path(..., ge=1, le=2**63 - 1)) -> Response:
    """Withdraw a correction: the label goes back to what the model said."""
    corr.delete_correction(_state(request).library, correction_id)
    return Response(status_code=204)


#: Media type of each export format.
EXPORT_MEDIA = {"jsonl": "application/x-ndjson", "csv": "text/csv", "labelstudio": "application/json",
                "labelstudio-config": "application/xml"}


@router.get("/export", tags=["export"], response_class=Response,
            responses={200: {"content": {media: {} for media in EXPORT_MEDIA.values()}}})
def export(request: Request, format: Literal["jsonl", "csv", "labelstudio", "labelstudio-config"] = "jsonl") -> Response:
    """Every article as JSONL (lossless, with corrections), CSV, Label Studio tasks (model labels as predictions,
    corrections as annotations) or Label Studio's labeling config (`spinlens export`)."""
    out = io.StringIO()
    export_library(_state(request).library, format, out)
    extension = {"labelstudio": "json", "labelstudio-config": "xml"}.get(format, format)
    return Response(out.getvalue(), media_type=f"{EXPORT_MEDIA[format]}; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="spinlens-{format}.{extension}"'})
