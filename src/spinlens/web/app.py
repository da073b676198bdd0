"""The web app factory: REST API under /api/v1 and server-rendered pages over one library."""

from __future__ import annotations

import json
import os
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from spinlens.errors import InputError, LibraryError, NotFound, SpinlensError, UsageError
from spinlens.store import Library
from spinlens.store.backends import is_postgres_url
from spinlens.techniques.taxonomy import technique
from spinlens.web.corpus import CorpusCache
from spinlens.web.jobs import JobRunner
from spinlens.web.security import DEFAULT_MAX_BODY, CsrfError, SecurityMiddleware

#: Each error class maps to one HTTP status (the most specific class listed first wins).
ERROR_STATUS: list[tuple[type[SpinlensError], int]] = [
    (CsrfError, 403), (NotFound, 404), (UsageError, 400), (InputError, 422), (LibraryError, 503),
    (SpinlensError, 400)]


#: Environment variable carrying `spinlens serve`'s settings to each of its processes (`--processes N`).
SERVE_SETTINGS = "SPINLENS_SERVE_SETTINGS"


def status_for(error: SpinlensError) -> int:
    """The HTTP status of a spinlens error."""
    return next(status for cls, status in ERROR_STATUS if isinstance(error, cls))


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("spinlens.web") / name))


def create_app(library_path: str | Path | None = None, *, token: str | None = None,
               max_body: int = DEFAULT_MAX_BODY, allow_private: bool = False, workers: int = 1) -> FastAPI:
    """The spinlens web app over the library at `library_path` (default: as the CLI chooses it).

    With `token`, every request needs it (Bearer header, or the cookie set by opening a page with ?token=).
    """
    library = Library(library_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.cache.start_warming()
        yield
        app.state.jobs.shutdown()
        app.state.cache.wait()
        library.close()

    app = FastAPI(title="spinlens", summary="See how the news spins a story: the library as a REST API.",
                  version="1", openapi_url="/api/v1/openapi.json", docs_url=None, redoc_url=None,
                  lifespan=lifespan)
    app.state.library = library
    app.state.local_library = not is_postgres_url(library.path)
    app.state.cache = CorpusCache(library)
    app.state.jobs = JobRunner(library, workers=workers, allow_private=allow_private)
    env = Environment(loader=FileSystemLoader(str(_package_dir("templates"))), autoescape=True, auto_reload=False)
    env.filters["pathpart"] = lambda value: quote(str(value), safe="")
    env.filters["technique"] = lambda name: technique(name).display
    env.filters["group_class"] = lambda name: "g-" + technique(name).group.replace(" ", "-")
    app.state.templates = Jinja2Templates(env=env)

    @app.exception_handler(SpinlensError)
    async def spinlens_error(request: Request, exc: SpinlensError):
        status = status_for(exc)
        body = {"error": {"type": type(exc).__name__, "message": str(exc)}}
        if request.url.path.startswith("/api/"):
            return JSONResponse(body, status_code=status)
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "error": body["error"]}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/"):
            return await http_exception_handler(request, exc)
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": exc.status_code, "error": {"type": "HTTPError", "message": exc.detail}},
            status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        if request.url.path.startswith("/api/"):
            return await request_validation_exception_handler(request, exc)
        message = "; ".join(f"{'.'.join(str(part) for part in error['loc'][1:])}: {error['msg']}"
                            for error in exc.errors())
        return app.state.templates.TemplateResponse(
            request, "error.html", {"status": 422, "error": {"type": "RequestValidationError", "message": message}},
            status_code=422)

    from spinlens.web.routes_api import router as api_router
    from spinlens.web.routes_pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=str(_package_dir("static"))), name="static")
    app.add_middleware(SecurityMiddleware, token=token, max_body=max_body)
    return app


def app_from_environment() -> FastAPI:
    """The app one process of `spinlens serve --processes N` builds, from the settings the command passed on."""
    settings = json.loads(os.environ[SERVE_SETTINGS])
    return create_app(settings["library"], token=settings.get("token"), allow_private=settings["allow_private"],
                      workers=settings["workers"])
