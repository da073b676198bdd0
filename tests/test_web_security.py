"""Security of the web app: hostile articles escaped everywhere, headers, body limit, token, CSRF, origins."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from web_support import (DANGEROUS, HOSTILE_AUTHOR, HOSTILE_OUTLET, HOSTILE_TEXT, HOSTILE_TITLE, HOSTILE_URL,
                         build_library)

from spinlens.cli import main
from spinlens.errors import UsageError
from spinlens.web import create_app
from spinlens.web.security import needs_token, require_token_for


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    path = tmp_path_factory.mktemp("websec") / "lib.sqlite"
    return path, build_library(path)


@pytest.fixture(scope="module")
def client(library):
    with TestClient(create_app(library[0], max_body=64 * 1024), base_url="http://localhost") as client:
        yield client


def _pages(client, hostile_id: str) -> list[str]:
    story = client.get(f"/api/v1/articles/{hostile_id}").json()["story_id"]
    pages = ["/", f"/?outlet={HOSTILE_OUTLET}", "/?q=Minister", f"/articles/{hostile_id}", "/stories", "/sources",
             "/sources/" + HOSTILE_OUTLET, "/digest?since=2026-03-10&until=2026-03-20", "/copies", "/actors",
             "/?technique=Loaded_Language"]
    return pages + ([f"/stories/{story}"] if story is not None else [])


def test_hostile_article_is_escaped_in_every_page(client, library):
    hostile_id = library[1]
    for url in _pages(client, hostile_id):
        response = client.get(url)
        assert response.status_code == 200, url
        for needle in DANGEROUS:
            assert needle not in response.text, (url, needle)
        assert not re.search(r"<(script|img|svg|iframe)\b(?![^>]*\bsrc=\"/static/)", response.text.replace(
            '<script type="application/json"', "")), url
    article = client.get(f"/articles/{hostile_id}").text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; Hostile" in article  # shown, as text
    assert "&lt;img src=x onerror=alert(1)&gt;" in article and "&lt;b onmouseover=alert(1)&gt;Eve" in article
    assert "javascript:alert(&#34;url&#34;)" in article and 'href="javascript' not in article


def test_hostile_metadata_in_chart_json_cannot_close_its_script_block(client):
    page = client.get("/sources/" + HOSTILE_OUTLET).text
    for block in re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', page, re.S):
        assert "<" not in block and json.loads(block)["$schema"].startswith("https://vega.github.io/")


def test_api_returns_hostile_content_as_json_verbatim(client, library):
    response = client.get(f"/api/v1/articles/{library[1]}")
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"
    article = response.json()["article"]
    assert (article["title"], article["outlet"], article["authors"], article["url"]) == \
        (HOSTILE_TITLE, HOSTILE_OUTLET, [HOSTILE_AUTHOR], HOSTILE_URL)
    assert "<img src=x onerror=alert(1)>" in article["text"] and HOSTILE_TEXT.split("\n\n")[1][:40] in article["text"]
    for url in ("/api/v1/articles?outlet=" + HOSTILE_OUTLET, "/api/v1/search?q=Minister", "/api/v1/sources"):
        listed = client.get(url)
        assert listed.headers["content-type"] == "application/json" and HOSTILE_OUTLET in listed.text.replace('\\"', '"')


def test_security_headers_on_pages_api_static_and_errors(client):
    for url in ("/", "/api/v1/articles", "/static/app.css", "/api/v1/articles/ffffffffffffffff", "/nope"):
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp, url
        assert "default-src 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "same-origin"
        assert headers["x-frame-options"] == "DENY"


class _Elements(HTMLParser):
    """Every element of a page with its attributes, and the text of each script element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_pages_have_no_script_but_vendored_files_no_handlers_no_inline_styles(client, library):
    for url in _pages(client, library[1]) + ["/analyse"]:
        parsed = _Elements()
        parsed.feed(client.get(url).text)
        tags = {tag for tag, _ in parsed.elements}
        assert not tags & {"img", "svg", "iframe", "object", "embed", "b", "i"}, (url, tags)
        for tag, attrs in parsed.elements:
            assert not any(name.startswith("on") or name == "style" for name in attrs), (url, tag, attrs)
            assert not (attrs.get("href") or "").lower().startswith("javascript"), (url, attrs)
            if tag == "script":
                assert (attrs.get("src") or "").startswith("/static/") or attrs.get("type") == "application/json"
        for script in parsed.scripts:  # only JSON data blocks carry a body
            json.loads(script)


def test_request_body_over_the_limit_is_refused_with_413(client):
    big = b"x" * (64 * 1024 + 1)
    refused = client.post("/api/v1/analyse/upload", files={"file": ("big.txt", big, "text/plain")})
    assert refused.status_code == 413 and refused.json()["error"]["type"] == "RequestTooLarge"

    def chunks():
        for _ in range(70):
            yield b"y" * 1024
    streamed = client.post("/api/v1/analyse", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    assert client.post("/api/v1/analyse", json={"text": "z" * 1000}).status_code == 202


def test_cross_origin_posts_are_refused(client):
    response = client.post("/api/v1/analyse", json={"text": "x"}, headers={"origin": "https://evil.example"})
    assert response.status_code == 403 and response.json()["error"]["type"] == "Forbidden"
    hidden = client.post("/api/v1/analyse", json={"text": "x"}, headers={"origin": "null"})
    assert hidden.status_code == 403  # a sandboxed frame elsewhere
    referred = client.post("/api/v1/analyse", json={"text": "x"}, headers={"referer": "https://evil.example/page"})
    assert referred.status_code == 403
    same = client.post("/api/v1/analyse", json={}, headers={"origin": "http://localhost"})
    assert same.status_code == 400  # passed the origin check, refused as a bad request


def test_token_is_required_for_every_request_when_set(library):
    with TestClient(create_app(library[0], token="s3cret-token-for-tests")) as client:
        for url in ("/", "/api/v1/articles", "/static/app.css", "/api/v1/openapi.json"):
            assert client.get(url).status_code == 401, url
        assert client.get("/api/v1/articles", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert client.get("/api/v1/articles", headers={"Authorization": "Bearer s3cret-token-for-tests"}).status_code == 200
        assert client.get("/?token=wrong").status_code == 401
        login = client.get("/?token=s3cret-token-for-tests&outlet=X", follow_redirects=False)
        assert login.status_code == 303 and login.headers["location"] == "/?outlet=X"
        cookie = login.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "s3cret-token-for-tests" not in cookie
        assert client.get("/").status_code == 200  # the session cookie now authorises the browser
        elsewhere = client.get("http://testserver//evil.example/?token=s3cret-token-for-tests", follow_redirects=False)
        assert elsewhere.headers["location"] == "/evil.example/"  # a path here, never another host
        client.cookies.clear()
        assert client.get("/").status_code == 401


def test_without_a_token_only_loopback_host_names_are_answered(client):
    """DNS rebinding: a page on attacker.example resolved to 127.0.0.1 sends Host: attacker.example."""
    for host in ("attacker.example:8765", "attacker.example", "localhost.attacker.example", "127.0.0.1.nip.io",
                 "0.0.0.0:8765", "localhost:80@evil", ""):
        headers = {"host": host}
        exported = client.get("/api/v1/export", headers=headers)
        assert exported.status_code == 400 and exported.json()["error"]["type"] == "InvalidHost", host
        assert "content-security-policy" in exported.headers
        page = client.get("/", headers=headers)
        assert page.status_code == 400 and "text/html" in page.headers["content-type"], host
        assert "localhost, 127.0.0.1 or [::1]" in page.text and "x-frame-options" in page.headers
        assert client.get("/static/app.css", headers=headers).status_code == 400
    posted = client.post("/api/v1/articles/ffff/corrections", json={}, headers={
        "host": "attacker.example:8765", "origin": "http://attacker.example:8765"})
    assert posted.status_code == 400 and posted.json()["error"]["type"] == "InvalidHost"
    for host in ("localhost", "localhost:8765", "127.0.0.1:8000", "[::1]:8000", "[::1]", "LOCALHOST:1"):
        assert client.get("/api/v1/articles?limit=1", headers={"host": host}).status_code == 200, host


def test_with_a_token_any_host_is_answered(library):
    with TestClient(create_app(library[0], token="s3cret-token-for-tests"), base_url="http://news.example.org") as client:
        auth = {"Authorization": "Bearer s3cret-token-for-tests"}
        assert client.get("/api/v1/articles?limit=1", headers=auth).status_code == 200
        assert client.get("/api/v1/articles?limit=1").status_code == 401


def test_serve_refuses_to_start_off_localhost_without_a_token(tmp_path, monkeypatch):
    monkeypatch.delenv("SPINLENS_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--library", str(tmp_path / "l.sqlite")])
    assert result.exit_code == 2 and "needs a token" in result.stderr
    assert needs_token("0.0.0.0") and needs_token("192.168.1.5") and not needs_token("localhost")
    assert not needs_token("::1") and not needs_token("127.0.0.1")
    token = "0123456789abcdef"
    assert require_token_for("0.0.0.0", token) == token and require_token_for("127.0.0.1", None) is None
    assert require_token_for("0.0.0.0", f" {token}\n") == token


def test_blank_or_short_tokens_are_refused(tmp_path, monkeypatch, library):
    monkeypatch.delenv("SPINLENS_TOKEN", raising=False)

    def started(*args, **kwargs):
        raise AssertionError("the server started")
    monkeypatch.setattr("uvicorn.run", started)
    for token, reason in ((" ", "blank"), ("\t \n", "blank"), ("short-token", "shorter than 16")):
        result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--token", token,
                                           "--library", str(tmp_path / "l.sqlite")])
        assert result.exit_code == 2 and reason in result.stderr, (token, result.output)
        with pytest.raises(UsageError, match=reason):
            require_token_for("127.0.0.1", token)
        with pytest.raises(UsageError, match=reason):
            create_app(library[0], token=token)
    with pytest.raises(UsageError, match="needs a token"):
        require_token_for("0.0.0.0", "")  # empty is no token at all, as when SPINLENS_TOKEN is set empty


def test_no_endpoint_reads_files_outside_the_library(client):
    for url in ("/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/api/v1/sources/../../etc/passwd",
                "/articles/..%2F..%2Fetc%2Fpasswd"):
        response = client.get(url)
        assert response.status_code in (400, 404) and "root:" not in response.text, url
    job = client.post("/api/v1/analyse", json={"url": "file:///etc/passwd"})
    assert job.status_code == 400
