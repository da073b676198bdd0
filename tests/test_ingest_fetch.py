"""fetch_url: address checks, redirects, size and time limits, HTTP errors (pytest-httpserver on 127.0.0.1)."""

from __future__ import annotations

import socket
import time

import httpx
import pytest
from werkzeug.wrappers import Response

from spinlens import settings
from spinlens.errors import FetchError
from spinlens.ingest.fetch import check_host, fetch_url, is_public_address


@pytest.fixture
def server(httpserver_ipv4):
    return httpserver_ipv4


# -- the address check ----------------------------------------------------------------------------

@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.1.1",
                                     "0.0.0.0", "224.0.0.1", "240.0.0.1", "100.64.0.1", "::1", "fc00::1",
                                     "fe80::1", "::", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"])
def test_private_and_special_addresses_are_not_public(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are_public(address):
    assert is_public_address(address)


@pytest.mark.parametrize("host", ["10.0.0.1", "169.254.1.1", "::1", "fc00::1"])
def test_check_host_refuses_private_literals(host):
    with pytest.raises(FetchError) as info:
        check_host(host, 80, "http://x/")
    assert str(info.value) == f"http://x/: refused: resolves to private address {host}; use --allow-private"


def test_check_host_allows_a_public_literal():
    check_host("93.184.216.34", 80, "http://93.184.216.34/")  # an IP literal resolves without network


def test_check_host_checks_every_resolved_address(monkeypatch):
    def fake_getaddrinfo(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port))]
    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(FetchError, match="private address 10.1.2.3"):
        check_host("news.example", 443, "https://news.example/")


def test_unresolvable_host_is_a_fetch_error(monkeypatch):
    def fail(*args, **kwargs):
        raise socket.gaierror(-2, "Name or service not known")
    monkeypatch.setattr(socket, "getaddrinfo", fail)
    with pytest.raises(FetchError, match="cannot resolve host 'nowhere.example'"):
        fetch_url("http://nowhere.example/a")


# -- real fetches ---------------------------------------------------------------------------------

def test_loopback_server_is_refused_by_default(server):
    server.expect_request("/a").respond_with_data("never served")
    url = server.url_for("/a")
    with pytest.raises(FetchError) as info:
        fetch_url(url)
    assert str(info.value) == f"{url}: refused: resolves to private address 127.0.0.1; use --allow-private"
    assert server.log == []  # refused before any connection


def test_allow_private_fetches_with_user_agent_type_and_charset(server):
    server.expect_request("/a", headers={"User-Agent": settings.get("user_agent")}).respond_with_data(
        "<html>hi</html>", content_type="text/html; charset=windows-1251")
    result = fetch_url(server.url_for("/a"), allow_private=True)
    assert result.content == b"<html>hi</html>"
    assert result.content_type == "text/html"
    assert result.charset == "windows-1251"
    assert result.url == server.url_for("/a")


def test_allow_private_default_comes_from_settings(server, monkeypatch):
    monkeypatch.setenv("SPINLENS_ALLOW_PRIVATE", "1")
    server.expect_request("/a").respond_with_data("ok", content_type="text/plain")
    assert fetch_url(server.url_for("/a")).content == b"ok"


def test_redirects_are_followed_and_the_final_url_reported(server):
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/mid"})
    server.expect_request("/mid").respond_with_data("", status=302, headers={"Location": server.url_for("/new")})
    server.expect_request("/new").respond_with_data("here", content_type="text/plain")
    result = fetch_url(server.url_for("/old"), allow_private=True)
    assert result.url == server.url_for("/new")
    assert result.content == b"here"


def test_redirect_limit(server, monkeypatch):
    monkeypatch.setenv("SPINLENS_MAX_REDIRECTS", "2")
    for i in range(5):
        server.expect_request(f"/r{i}").respond_with_data("", status=302, headers={"Location": f"/r{i + 1}"})
    url = server.url_for("/r0")
    with pytest.raises(FetchError) as info:
        fetch_url(url, allow_private=True)
    assert str(info.value) == f"{url}: too many redirects (more than 2)"
    assert len(server.log) == 3


def test_every_redirect_hop_is_checked():
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.host == "93.184.216.34"  # the private hop is never requested
        return httpx.Response(302, headers={"Location": "http://10.0.0.7/admin"})
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        with pytest.raises(FetchError) as info:
            fetch_url("http://93.184.216.34/story", client=client)
    assert "refused: resolves to private address 10.0.0.7" in str(info.value)


def test_redirect_to_another_scheme_is_refused():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "file:///etc/passwd"})
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        with pytest.raises(FetchError, match="unsupported URL scheme 'file'"):
            fetch_url("http://93.184.216.34/", client=client)


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd"])
def test_only_http_and_https(url):
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url(url)


def test_http_error_status(server):
    url = server.url_for("/missing")  # no expectation: the server answers 500; make it a real 404
    server.expect_request("/missing").respond_with_data("nope", status=404)
    with pytest.raises(FetchError) as info:
        fetch_url(url, allow_private=True)
    assert str(info.value) == f"{url}: HTTP 404"


def test_content_length_over_the_limit(server, monkeypatch):
    monkeypatch.setenv("SPINLENS_MAX_BYTES", "100")
    server.expect_request("/big").respond_with_data("x" * 1000, content_type="text/plain")
    url = server.url_for("/big")
    with pytest.raises(FetchError) as info:
        fetch_url(url, allow_private=True)
    assert str(info.value) == f"{url}: larger than 100 bytes"


def test_streamed_body_is_cut_off_at_the_limit(monkeypatch):
    monkeypatch.setenv("SPINLENS_MAX_BYTES", "1000")
    sent = []

    def body():
        for _ in range(100_000):  # 6.4 MB if read to the end
            sent.append(1)
            yield b"y" * 64

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "text/plain"}, content=body())
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        with pytest.raises(FetchError, match="larger than 1000 bytes"):
            fetch_url("http://93.184.216.34/endless", client=client)
    assert len(sent) < 100


def test_streamed_body_without_length_from_a_real_server(server, monkeypatch):
    monkeypatch.setenv("SPINLENS_MAX_BYTES", "5000")
    server.expect_request("/chunked").respond_with_response(
        Response((b"z" * 1000 for _ in range(50)), content_type="text/plain"))
    with pytest.raises(FetchError, match="larger than 5000 bytes"):
        fetch_url(server.url_for("/chunked"), allow_private=True)


def test_timeout(server, monkeypatch):
    monkeypatch.setenv("SPINLENS_FETCH_TIMEOUT", "0.2")

    def slow(request):
        time.sleep(0.8)
        return Response("late", content_type="text/plain")
    server.expect_request("/slow").respond_with_handler(slow)
    url = server.url_for("/slow")
    with pytest.raises(FetchError) as info:  # without the timeout the fetch would return "late"
        fetch_url(url, allow_private=True)
    assert str(info.value) == f"{url}: timed out after 0.2 s"


def test_connection_refused():
    with socket.socket() as sock:  # find a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError) as info:
        fetch_url(f"http://127.0.0.1:{port}/", allow_private=True)
    assert str(info.value).startswith(f"http://127.0.0.1:{port}/: cannot connect:")


def test_invalid_url():
    with pytest.raises(FetchError) as info:
        fetch_url("https://[::1/")
    assert str(info.value).startswith("https://[::1/: invalid URL:")


def test_url_without_host():
    with pytest.raises(FetchError, match="^http://: URL has no host$"):
        fetch_url("http://")
