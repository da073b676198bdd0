"""Fetching one URL safely: http(s) only, no private addresses, bounded redirects, size and time."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

import httpx

from spinlens import settings
from spinlens.errors import FetchError

SCHEMES = ("http", "https")


@dataclass
class FetchResult:
    """A fetched body: the final URL after redirects, raw bytes and the declared type/charset."""

    url: str
    content: bytes
    content_type: str | None  # the media type only, lowercased ("text/html")
    charset: str | None


def is_public_address(address: str) -> bool:
    """True when an IP address (v4 or v6) is globally routable: not private, loopback, link-local..."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id ("fe80::1%eth0")
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
                or ip.is_multicast or ip.is_unspecified or not ip.is_global)


def check_host(host: str, port: int | None, source: str) -> None:
    """Raise `FetchError` unless every address `host` resolves to is public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}", source=source) from None
    for info in infos:
        address = str(info[4][0])
        if not is_public_address(address):
            raise FetchError(f"refused: resolves to private address {address}; use --allow-private",
                             source=source)


def _check_url(url: httpx.URL, allow_private: bool, source: str) -> None:
    if url.scheme not in SCHEMES:
        raise FetchError(f"unsupported URL scheme {url.scheme!r} (only http and https)", source=source)
    if not url.host:
        raise FetchError("URL has no host", source=source)
    if not allow_private:
        check_host(url.host, url.port or (443 if url.scheme == "https" else 80), source)


def fetch_url(url: str, *, allow_private: bool | None = None,
              client: httpx.Client | None = None) -> FetchResult:
    """GET a URL with the address check on every redirect hop and the size/time limits of settings."""
    if allow_private is None:
        allow_private = settings.get("allow_private")
    timeout = settings.get("fetch_timeout")
    if client is None:
        with httpx.Client(timeout=timeout, follow_redirects=False) as own:
            return _fetch(url, bool(allow_private), own, timeout)
    return _fetch(url, bool(allow_private), client, timeout)


def _fetch(url: str, allow_private: bool, client: httpx.Client, timeout: float) -> FetchResult:
    max_redirects = settings.get("max_redirects")
    headers = {"User-Agent": settings.get("user_agent"), "Accept": "text/html,application/xhtml+xml,"
               "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/*;q=0.8,*/*;q=0.5"}
    try:
        current = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(f"invalid URL: {exc}", source=url) from None
    for _hop in range(max_redirects + 1):
        _check_url(current, allow_private, url)
        try:
            with client.stream("GET", current, headers=headers, timeout=timeout,
                               follow_redirects=False) as response:
                location = response.headers.get("location")
                if response.is_redirect and location:
                    try:
                        current = current.join(location)
                    except (httpx.InvalidURL, ValueError) as exc:
                        raise FetchError(f"bad redirect location {location!r}: {exc}", source=url) from None
                    continue
                if not response.is_success:
                    raise FetchError(f"HTTP {response.status_code}", source=url)
                content = _read_limited(response, url)
                media_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
                return FetchResult(url=str(response.url), content=content,
                                   content_type=media_type or None, charset=response.charset_encoding)
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {timeout:g} s", source=url) from None
        except httpx.ConnectError as exc:
            raise FetchError(f"cannot connect: {exc}", source=url) from None
        except httpx.HTTPError as exc:  # protocol errors, bad gzip, too many headers...
            raise FetchError(f"request failed: {type(exc).__name__}: {exc}", source=url) from None
    raise FetchError(f"too many redirects (more than {max_redirects})", source=url)


def _read_limited(response: httpx.Response, source: str) -> bytes:
    """The response body, refused when its Content-Length or its streamed size passes `max_bytes`."""
    limit = settings.get("max_bytes")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(f"larger than {limit} bytes", source=source)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(f"larger than {limit} bytes", source=source)
        chunks.append(chunk)
    return b"".join(chunks)
