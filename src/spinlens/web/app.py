"""The web app factory: REST API under /api/v1 and server-rendered pages over one library."""

from __future__ import annotations

import json
import os
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from spinlens.store import Library
from spinlens.store.backends import is_postgres_url
from spinlens.techniques.taxonomy import technique
from spinlens.web.corpus import CorpusCache
from spinlens.web.errors import error_response, install_error_handlers
from spinlens.web.jobs import JobRunner
from spinlens.web.security import DEFAULT_MAX_BODY, SecurityMiddleware, checked_token

#: Environment variable carrying `spinlens serve`'s settings to each of its processes (`--processes N`).
SERVE_SETTINGS = "SPINLENS_SERVE_SETTINGS"


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("spinlens.web") / name))


def create_app(library_path: str | Path | None = None, *, token: str | None = None,
               max_body: int = DEFAULT_MAX_BODY, allow_private: bool = False, workers: int = 1) -> FastAPI:
    """The spinlens web app over the library at `library_path` (default: as the CLI chooses it).

    With `token`, every request needs it (Bearer header, or the cookie set by opening a page with ?token=);
    without one, only requests addressed to a loopback name (Host: localhost, 127.0.0.1, [::1]) are answered.
    A blank token, or one shorter than 16 characters, is refused (`UsageError`).
    """
    token = checked_token(token)
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

    install_error_handlers(app)

    from spinlens.web.routes_api import router as api_router
    from spinlens.web.routes_pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=str(_package_dir("static"))), name="static")
    app.add_middleware(SecurityMiddleware, token=token, max_body=max_body,
                       refusal=lambda scope, *error: error_response(Request(scope), *error))
    return app


def app_from_environment() -> FastAPI:
    """The app one process of `spinlens serve --processes N` builds, from the settings the command passed on."""
    settings = json.loads(os.environ[SERVE_SETTINGS])
    return create_app(settings["library"], token=settings.get("token"), allow_private=settings["allow_private"],
                      workers=settings["workers"])
