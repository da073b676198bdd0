"""Security of the web app: headers (CSP...), request size limit, token check off localhost, CSRF tokens.

One pure-ASGI middleware does the request-level checks, so they run before any route and for every
path (pages, API, static files); forms check their CSRF token with `check_csrf`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from http.cookies import SimpleCookie
from typing import Awaitable, Callable
from urllib.parse import parse_qs, urlencode

from spinlens.errors import UsageError

#: Hosts on which the app may run without a token.
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
#: Host headers a server without a token answers (any other may be a DNS-rebinding page's request).
LOOPBACK_HOST = re.compile(r"(localhost|127\.0\.0\.1|\[::1\])(:[0-9]{1,5})?")
TOKEN_COOKIE = "spinlens_session"
CSRF_COOKIE = "spinlens_csrf"
CSRF_FIELD = "csrf_token"
DEFAULT_MAX_BODY = 10 * 1024 * 1024
#: Shortest token accepted (`openssl rand -hex 16` gives 32 characters).
MIN_TOKEN_LENGTH = 16

CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
                           "frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

ASGIApp = Callable[[dict, Callable[[], Awaitable[dict]], Callable[[dict], Awaitable[None]]], Awaitable[None]]


def needs_token(host: str) -> bool:
    """True when serving on `host` must require a token (anything but loopback names)."""
    return host.strip().lower() not in LOCAL_HOSTS


def loopback_host(host: str | None) -> bool:
    """True when a Host header names the loopback interface: localhost, 127.0.0.1 or [::1], with any port."""
    return LOOPBACK_HOST.fullmatch((host or "").strip().lower()) is not None


def session_value(token: str) -> str:
    """The cookie value proving a browser logged in with `token` (a keyed hash, never the token itself)."""
    return hmac.new(token.encode(), b"spinlens session", hashlib.sha256).hexdigest()


def new_csrf_token() -> str:
    """A fresh random CSRF token for the double-submit cookie."""
    return secrets.token_urlsafe(24)


def check_csrf(cookie_value: str | None, form_value: str | None) -> None:
    """Raise `CsrfError` unless the form's CSRF token equals the cookie's (double submit)."""
    if not cookie_value or not form_value or not hmac.compare_digest(cookie_value.encode(), form_value.encode()):
        raise CsrfError("missing or wrong CSRF token; reload the page and submit the form again")


class CsrfError(UsageError):
    """A form was posted without the CSRF token of the page that showed it."""


def _cookies(scope: dict) -> dict[str, str]:
    jar = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001 - a malformed cookie header is treated as no cookies
                return {}
    return {key: morsel.value for key, morsel in jar.items()}


def _header(scope: dict, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


async def _send_json(send: Callable, status: int, message: str, kind: str,
                     extra_headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"error": {"type": kind, "message": message}}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               *SECURITY_HEADERS, *(extra_headers or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class SecurityMiddleware:
    """Adds the security headers, refuses bodies over `max_body` (413), requires `token` when set (401),
    without one refuses requests addressed to anything but a loopback name (400), and refuses cross-origin
    POSTs (403). `refusal(scope, status, type, message)` builds the response of the Host refusal (the error
    page or JSON); the others are JSON."""

    def __init__(self, app: ASGIApp, *, token: str | None, max_body: int = DEFAULT_MAX_BODY,
                 refusal: Callable[..., ASGIApp] | None = None):
        self.app = app
        self.token = token
        self.session = session_value(token) if token else None
        self.max_body = max_body
        self.refusal = refusal

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.token is None and not loopback_host(_header(scope, b"host")):
            status, kind = 400, "InvalidHost"
            message = ("this server has no token, so it answers only requests addressed to localhost, 127.0.0.1 "
                       "or [::1] (the Host header names another host)")
            if self.refusal is None:
                await _send_json(send, status, message, kind)
            else:
                await self.refusal(scope, status, kind, message)(scope, receive, self._with_headers(send))
            return
        length = _header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _send_json(send, 413, f"request body over {self.max_body} bytes", "RequestTooLarge")
            return
        if self.token is not None:
            login = self._login_redirect(scope)
            if login is not None:
                await login(send)
                return
            if not self._authorised(scope):
                await _send_json(send, 401, "this server needs a token: send 'Authorization: Bearer TOKEN' "
                                 "or open any page once with ?token=TOKEN", "Unauthorized",
                                 [(b"www-authenticate", b"Bearer")])
                return
        if scope["method"] not in ("GET", "HEAD", "OPTIONS") and not _same_origin(scope):
            await _send_json(send, 403, "cross-origin request refused", "Forbidden")
            return
        if length is None and scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            receive = await self._buffered(receive)
            if receive is None:
                await _send_json(send, 413, f"request body over {self.max_body} bytes", "RequestTooLarge")
                return
        await self.app(scope, receive, self._with_headers(send))

    def _authorised(self, scope: dict) -> bool:
        auth = _header(scope, b"authorization") or ""
        scheme, _, given = auth.partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), self.token.encode()):
            return True
        cookie = _cookies(scope).get(TOKEN_COOKIE, "")
        return bool(cookie) and hmac.compare_digest(cookie.encode(), self.session.encode())

    def _login_redirect(self, scope: dict):
        """For `?token=...` with the right token: a redirect to the same URL without it, setting the cookie."""
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = (query.pop("token", None) or [None])[0]
        if given is None or not hmac.compare_digest(given.encode(), self.token.encode()):
            return None
        path = (scope.get("raw_path") or scope["path"].encode("utf-8")).decode("latin-1")
        location = "/" + path.lstrip("/") + (f"?{urlencode(query, doseq=True)}" if query else "")  # never //host
        cookie = f"{TOKEN_COOKIE}={self.session}; Path=/; HttpOnly; SameSite=Strict"

        async def respond(send: Callable) -> None:
            await send({"type": "http.response.start", "status": 303, "headers": [
                (b"location", location.encode("latin-1")), (b"set-cookie", cookie.encode()), (b"content-length", b"0"),
                *SECURITY_HEADERS]})
            await send({"type": "http.response.body", "body": b""})
        return respond

    async def _buffered(self, receive: Callable) -> Callable | None:
        """A replayable `receive` over the whole body, or None when it passes the limit (chunked bodies)."""
        chunks, seen, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return None
            chunks.append(message.get("body", b""))
            seen += len(chunks[-1])
            more = message.get("more_body", False)
            if seen > self.max_body:
                return None
        body, sent = b"".join(chunks), False

        async def replay() -> dict:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return replay

    def _with_headers(self, send: Callable) -> Callable:
        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                   *(h for h in SECURITY_HEADERS if h[0] not in present)]}
            await send(message)
        return send_with_headers


def _same_origin(scope: dict) -> bool:
    """False when a browser says the request comes from another origin: by its Origin header ('null' from a
    sandboxed or privacy-hidden origin included), else by its Referer; requests without either (scripts) pass."""
    origin = _header(scope, b"origin") or _header(scope, b"referer")
    if origin is None:
        return True
    host = _header(scope, b"host") or ""
    return "://" in origin and origin.split("://", 1)[1].split("/", 1)[0].lower() == host.lower()


def csrf_cookie_header(value: str) -> str:
    """Set-Cookie value for the CSRF cookie (readable by no script, sent only to this site)."""
    return f"{CSRF_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict"


def checked_token(token: str | None) -> str | None:
    """`token` without surrounding whitespace (None when not given or empty); `UsageError` when it is blank or
    shorter than MIN_TOKEN_LENGTH."""
    if not token:
        return None
    token = token.strip()
    if not token:
        raise UsageError("the token is blank (only whitespace); make one with: openssl rand -hex 16")
    if len(token) < MIN_TOKEN_LENGTH:
        raise UsageError(f"the token is shorter than {MIN_TOKEN_LENGTH} characters; make one with: "
                         "openssl rand -hex 16")
    return token


def require_token_for(host: str, token: str | None) -> str | None:
    """The token to enforce for serving on `host` (checked by `checked_token`); raises `UsageError` off
    localhost without one."""
    token = checked_token(token)
    if needs_token(host) and not token:
        raise UsageError(f"serving on {host} needs a token: set SPINLENS_TOKEN or pass --token "
                         "(only localhost, 127.0.0.1 and ::1 may run without one)")
    return token
