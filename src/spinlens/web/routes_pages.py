"""Server-rendered pages (Jinja2, autoescaped) over the same views as the REST API."""

from __future__ import annotations

from typing import Any, Callable, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from spinlens import api
from spinlens import corrections as corr
from spinlens.errors import UsageError
from spinlens.report.view import claim_tables, coverage_note, metadata_rows, removed_summary
from spinlens.techniques.taxonomy import GROUPS, TECHNIQUES
from spinlens.web import charts
from spinlens.web.filters import ArticleFilters
from spinlens.web.routes_api import digest_range
from spinlens.web.security import (CSRF_COOKIE, CSRF_FIELD, DEFAULT_MAX_BODY, check_csrf, csrf_cookie_header,
                                   new_csrf_token)
from spinlens.web.views import (article_body, article_detail, evidence_options, find_source, story_comparison,
                                story_out, technique_options)

router = APIRouter()
PAGE_SIZE = 50


def render(request: Request, template: str, context: dict[str, Any], status: int = 200):
    """A page from `template`, with the CSRF token its forms need (the cookie is set when missing)."""
    token = request.cookies.get(CSRF_COOKIE) or new_csrf_token()
    response = request.app.state.templates.TemplateResponse(
        request, template, {"csrf_token": token, "csrf_field": CSRF_FIELD, "groups": GROUPS, **context},
        status_code=status)
    if request.cookies.get(CSRF_COOKIE) != token:
        response.headers.append("set-cookie", csrf_cookie_header(token))
    return response


async def checked_form(request: Request) -> dict[str, Any]:
    """The posted form, after checking its CSRF token against the cookie."""
    form = await request.form(max_files=2, max_fields=50, max_part_size=DEFAULT_MAX_BODY)
    posted = form.get(CSRF_FIELD)
    check_csrf(request.cookies.get(CSRF_COOKIE), posted if isinstance(posted, str) else None)
    return dict(form)


@router.get("/")
def library_page(request: Request, filters: ArticleFilters = Depends(), q: str | None = Query(None, max_length=1000),
                 sort: Literal["published", "added", "title", "outlet", "spin"] = "published",
                 page: int = Query(1, ge=1, le=100000)):
    """Library: articles with filters, full-text search, sort by spin or date, pagination."""
    state = request.app.state
    where = filters.query(state.cache)
    offset = (page - 1) * PAGE_SIZE
    if q and q.strip():
        total, rows = state.cache.search(q, where, PAGE_SIZE, offset)
    else:
        total = state.library.count(**where)
        rows = state.library.list(limit=PAGE_SIZE, offset=offset, sort=sort, **where)
    keep = {**filters.active(), **({"q": q} if q else {}), "sort": sort}
    return render(request, "library.html", {
        "rows": rows, "total": total, "q": q or "", "sort": sort, "filters": filters,
        "outlets": state.library.outlets(), "techniques": TECHNIQUES, **_pager(page, total, keep)})


async def quick_read(request: Request, page: Callable[..., Any], *args: Any) -> Any:
    """Run a page that only reads (a few milliseconds of CPU) on the event loop itself when nothing in it can
    wait: the library is a local SQLite file and the library-wide snapshot exists. That saves the hop to the
    thread pool (about 2 ms of CPU a request here) and serves concurrent requests in arrival order instead of
    sharing the interpreter among dozens of threads; anything that may wait (the first snapshot, a PostgreSQL
    round trip) still runs in the thread pool."""
    state = request.app.state
    if state.local_library and state.cache.is_ready():
        return page(request, *args)
    return await run_in_threadpool(page, request, *args)


@router.get("/articles/{article_id}")
async def article_page(request: Request, article_id: str):
    """Article: highlighted text with technique labels, spin meter, claims, provenance, story, copies, corrections."""
    return await quick_read(request, _article_page, article_id)


def _article_page(request: Request, article_id: str):
    state = request.app.state
    detail = article_detail(state.library, state.cache, article_id)
    article = detail.article.model_copy(update={"spans": [s for spans in detail.spans_by_layer.values() for s in spans]})
    return render(request, "article.html", {
        "d": detail, "a": detail.article, "body": article_body(detail),
        "technique_options": technique_options(), "evidence_options": evidence_options(detail),
        "meta": metadata_rows(article), "tables": claim_tables(article), "removed": removed_summary(article),
        "note": coverage_note(article)})


@router.post("/articles/{article_id}/corrections")
async def correct_article(request: Request, article_id: str):
    """Store a correction posted from the article page, then show the page again."""
    form = await checked_form(request)
    library = request.app.state.library
    article = library.get(article_id)
    layer = str(form.get("layer") or "paragraph")
    start, end = _correction_offsets(article, layer, form)
    corr.add_correction(library, article.id, action=str(form.get("action", "")), technique=str(form.get("technique", "")),
                        start=start, end=end, layer=str(layer), note=str(form.get("note") or "") or None,
                        author=str(form.get("author") or "") or None)
    return RedirectResponse(f"/articles/{article.id}#corrections", status_code=303)


def _correction_offsets(article, layer: str, form: dict[str, Any]) -> tuple[int, int]:
    """Offsets a correction form names: a paragraph number, an evidence span ("start-end"), or start and end."""
    chosen = str(form.get("paragraph" if layer == "paragraph" else "span") or "").strip()
    if layer == "paragraph" and chosen:
        if not chosen.isdigit():
            raise UsageError(f"paragraph {chosen[:20]!r} is not a paragraph number")
        return corr.paragraph_offsets(article, int(chosen))
    start, _, end = chosen.partition("-") if chosen else (str(form.get("start", "")), "", str(form.get("end", "")))
    if not (start.strip().isdigit() and end.strip().isdigit()):
        raise UsageError("give a paragraph, an evidence span, or start and end character offsets")
    return int(start), int(end)


@router.get("/analyse")
def analyse_page(request: Request):
    """Analyse: paste text, give a URL or upload a file."""
    return render(request, "analyse.html", {})


@router.post("/analyse")
async def analyse_post(request: Request):
    """Start a background analysis from the form and go to its progress page."""
    form = await checked_form(request)
    jobs = request.app.state.jobs
    upload = form.get("file")
    if upload is not None and not isinstance(upload, str) and upload.filename:
        job = jobs.submit_upload(upload.filename, await upload.read())
    elif str(form.get("url") or "").strip():
        job = jobs.submit_url(str(form["url"]))
    elif str(form.get("text") or "").strip():
        job = jobs.submit_text(str(form["text"]), title=str(form.get("title") or "") or None,
                               outlet=str(form.get("outlet") or "") or None)
    else:
        raise UsageError("paste some text, give a URL or choose a file to analyse")
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: str):
    """Progress of a background analysis; goes to the article page when done (polling, or reloading)."""
    job = request.app.state.jobs.get(job_id)
    if job.state == "done" and len(job.article_ids) == 1 and not job.errors:
        return RedirectResponse(f"/articles/{job.article_ids[0]}", status_code=303)
    return render(request, "job.html", {"job": job})


@router.get("/stories")
def stories_page(request: Request, page: int = Query(1, ge=1, le=100000)):
    """Stories: articles about one event across outlets."""
    found = request.app.state.cache.stories()
    shown = found[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    return render(request, "stories.html", {"stories": [story_out(s) for s in shown], "total": len(found),
                                            **_pager(page, len(found), {})})


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: int):
    """Story: outlets side by side, claim alignment, blame graph, timeline, technique profile, copies."""
    state = request.app.state
    comparison = story_comparison(state.cache, story_id)
    members = {s.id: s for s in state.library.list(limit=len(comparison.story.article_ids) or 1,
                                                    ids=comparison.story.article_ids)}
    return render(request, "story.html", {
        "s": comparison, "members": members, "timeline": sorted(members.values(), key=lambda m: m.published or ""),
        "voices": _voices(state.library, comparison.outlets, members),
        "sources": {name.lower() for name, _ in state.library.outlets()},  # columns that have a Source page
        "blame": charts.blame_edges(comparison), "chart": charts.technique_profile(comparison.outlets)})


def _voices(library, outlets, members: dict) -> dict[str, str]:
    """Whose telling each story member is, as its comparison column names it (`voice`); copies, which the
    comparison leaves out, are read to name them the same way."""
    from spinlens.corpus.stories import voice

    named = {aid: view.outlet for view in outlets for aid in view.article_ids}
    return {aid: named.get(aid) or voice(library.get(aid)) for aid in members}


@router.get("/sources")
def sources_page(request: Request):
    """Sources: every outlet's volume, languages, spin, stories covered and missed."""
    return render(request, "sources.html", {"sources": request.app.state.cache.sources()})


@router.get("/sources/{name:path}")
def source_page(request: Request, name: str):
    """Source: one outlet's articles and spin by month, techniques, designations, stories."""
    profile = find_source(request.app.state.cache, name)
    return render(request, "source.html", {"p": profile, "spin_chart": charts.spin_over_time(profile),
                                           "technique_chart": charts.technique_bars(profile.techniques)})


@router.get("/digest")
def digest_page(request: Request, since: str | None = Query(None, max_length=10),
                until: str | None = Query(None, max_length=10), period: Literal["day", "week"] = "week"):
    """Digest: the stories of a day or week, coverage by outlet, contested claims."""
    from datetime import date, timedelta

    try:
        start, end = digest_range(date.fromisoformat(since) if since else None,
                                  date.fromisoformat(until) if until else None, period)
    except ValueError as exc:
        raise UsageError(f"dates are YYYY-MM-DD: {exc}") from None
    library = request.app.state.library
    result = api.digest(library, start, end)
    latest = None  # an empty default period: offer the last one that has articles (an archive, the demo)
    if not result.stories and since is None and until is None:
        newest = library.list(limit=1, sort="published")
        try:
            end_day = date.fromisoformat((newest[0].published or "")[:10]) + timedelta(days=1) if newest else None
            if end_day is not None:
                latest = (end_day - timedelta(days=1 if period == "day" else 7), end_day)
        except (ValueError, OverflowError):
            pass  # a stored date that is not ISO, or at the end of the calendar: no offer
    return render(request, "digest.html", {"digest": result, "period": period, "latest": latest})


@router.get("/copies")
def copies_page(request: Request, page: int = Query(1, ge=1, le=100000)):
    """Copies: which article copies which, and whether it credits the original."""
    state = request.app.state
    found = state.cache.copies()
    links = found[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    ids = sorted({i for link in links for i in (link.copy_id, link.original_id)})
    titles = {s.id: s for s in state.library.list(limit=len(ids) or 1, ids=ids)}
    return render(request, "copies.html", {"links": links, "titles": titles, "total": len(found),
                                           **_pager(page, len(found), {})})


def _pager(page: int, total: int, keep: dict[str, str]) -> dict[str, Any]:
    """What `_pager.html` needs: the page, the page count, the query to keep, and how to encode it."""
    return {"page": page, "pages": max(1, -(-total // PAGE_SIZE)), "keep": keep, "urlencode": urlencode}


@router.get("/actors")
def actors_page(request: Request, actor: str | None = Query(None, max_length=300)):
    """Actors: mentions, designations, who accuses whom."""
    return render(request, "actors.html", {"actors": request.app.state.cache.actors(100, actor or None)})


@router.get("/api/v1/docs")
def api_docs(request: Request):
    """The REST API's interactive docs (Swagger UI, vendored, started by a static script under the CSP)."""
    return request.app.state.templates.TemplateResponse(request, "api_docs.html", {})
