"""Error responses of the web app: `{"error": {"type", "message"}}` under /api, the error page elsewhere."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from spinlens.errors import InputError, LibraryError, NotFound, SpinlensError, UsageError
from spinlens.web.security import SECURITY_HEADERS, CsrfError

#: Each error class maps to one HTTP status (the most specific class listed first wins).
ERROR_STATUS: list[tuple[type[SpinlensError], int]] = [
    (CsrfError, 403), (NotFound, 404), (UsageError, 400), (InputError, 422), (LibraryError, 503),
    (SpinlensError, 400)]


def status_for(error: SpinlensError) -> int:
    """The HTTP status of a spinlens error."""
    return next(status for cls, status in ERROR_STATUS if isinstance(error, cls))


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


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers turning errors into `error_response`s."""

    @app.exception_handler(SpinlensError)
    async def spinlens_error(request: Request, exc: SpinlensError):
        return error_response(request, status_for(exc), type(exc).__name__, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if is_api(request.url.path):
            return await http_exception_handler(request, exc)
        return error_response(request, exc.status_code, "HTTPError", str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        if is_api(request.url.path):
            return await request_validation_exception_handler(request, exc)
        message = "; ".join(f"{'.'.join(str(part) for part in error['loc'][1:])}: {error['msg']}"
                            for error in exc.errors())
        return error_response(request, 422, "RequestValidationError", message)

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
