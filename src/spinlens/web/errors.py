"""Error responses of the web app: `{"error": {"type", "message"}}` under /api, the error page elsewhere."""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from spinlens.errors import InputError, LibraryError, NotFound, SpinlensError, UsageError
from spinlens.store import Library
from spinlens.web.security import SECURITY_HEADERS, CsrfError

#: Each error class maps to one HTTP status (the most specific class listed first wins).
ERROR_STATUS: list[tuple[type[SpinlensError], int]] = [
    (CsrfError, 403), (NotFound, 404), (UsageError, 400), (InputError, 422), (LibraryError, 503),
    (SpinlensError, 400)]
#: Longest piece of a request (a parameter name, a validation message) an error message repeats.
MESSAGE_PART = 80
#: Longest error message the web shows.
MAX_MESSAGE = 500
#: An absolute POSIX path (not the path part of a URL, nor a/b): shown by its last part only.
_ABSOLUTE_PATH = re.compile(r"(?<![\w.:/~-])/(?:[^\s/'\"]+/)+([^\s/'\"]*)")


def status_for(error: SpinlensError) -> int:
    """The HTTP status of a spinlens error."""
    return next(status for cls, status in ERROR_STATUS if isinstance(error, cls))


def public_message(error: BaseException | str, library: Library) -> str:
    """An error's message as web responses show it, naming no server file: the library's location said as
    "the library", any other absolute path cut to its last part, at most MAX_MESSAGE characters."""
    locations = sorted({str(library.path), library.display} - {":memory:", ""}, key=len, reverse=True)
    text = error.reason if isinstance(error, SpinlensError) and error.source in locations else str(error)
    for location in locations:
        text = text.replace(location, "the library")
    text = _ABSOLUTE_PATH.sub(lambda match: match.group(1) or "…", text)
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 1] + "…"


def is_api(path: str) -> bool:
    """Whether `path` belongs to the REST API (JSON errors) rather than to the pages (HTML errors)."""
    return path == "/api" or path.startswith("/api/")


def error_response(request: Request, status: int, kind: str, message: str,
                   headers: dict[str, str] | None = None) -> Response:
    """The JSON error body for an API path, the error page for any other."""
    error = {"type": kind, "message": message}
    if is_api(request.url.path):
        return JSONResponse({"error": error}, status_code=status, headers=headers)
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "error": error}, status_code=status, headers=headers)


def status_name(status: int) -> str:
    """The error type of an HTTP status: its reason phrase in CamelCase ('NotFound', 'MethodNotAllowed')."""
    try:
        return "".join(word.capitalize() for word in HTTPStatus(status).phrase.replace("-", " ").split())
    except ValueError:
        return "HTTPError"


def validation_message(errors: Sequence[dict]) -> str:
    """'query.limit: Input should be greater than or equal to 1; ...': where and what, never the value given
    (a 5 MB text would come back whole); each part cut to MESSAGE_PART characters."""
    parts = []
    for error in list(errors)[:10]:
        where = ".".join(str(part)[:MESSAGE_PART] for part in error.get("loc", ()))
        parts.append(f"{where}: {str(error.get('msg', 'invalid'))[:MESSAGE_PART]}")
    return "; ".join(parts) + (f" (and {len(errors) - 10} more)" if len(errors) > 10 else "")


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers turning errors into `error_response`s."""

    @app.exception_handler(SpinlensError)
    async def spinlens_error(request: Request, exc: SpinlensError):
        return error_response(request, status_for(exc), type(exc).__name__,
                              public_message(exc, request.app.state.library))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return error_response(request, exc.status_code, status_name(exc.status_code),
                              str(exc.detail)[:MESSAGE_PART], getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        return error_response(request, 422, "RequestValidationError", validation_message(exc.errors()))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception):
        # Starlette's ServerErrorMiddleware sends this response outside SecurityMiddleware (then re-raises, so
        # the server logs the traceback): the security headers are added here. No detail of the exception is
        # shown (it may name server files).
        response = error_response(request, 500, "InternalError", "internal server error (the server log has "
                                  "the details)")
        for name, value in SECURITY_HEADERS:
            response.headers[name.decode()] = value.decode()
        return response
