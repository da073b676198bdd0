"""REST API of the web app (in-process TestClient) over the analysed demo corpus plus one hostile article."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from web_support import BODY, HOSTILE_OUTLET, HOSTILE_TITLE, build_library, wait_for_job

from spinlens.store import Library
from spinlens.web import create_app


@pytest.fixture(scope="module")
def library_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("webapi") / "lib.sqlite"
    build_library(path)
    return path


@pytest.fixture(scope="module")
def client(library_path):
    with TestClient(create_app(library_path), base_url="http://localhost") as client:
        yield client


def test_articles_are_paginated_with_a_total(client):
    first = client.get("/api/v1/articles", params={"limit": 5, "sort": "published"}).json()
    second = client.get("/api/v1/articles", params={"limit": 5, "offset": 5, "sort": "published"}).json()
    assert first["total"] == second["total"] == 13 and (first["limit"], second["offset"]) == (5, 5)
    assert len(first["items"]) == len(second["items"]) == 5
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    rest = client.get("/api/v1/articles", params={"limit": 5, "offset": 10}).json()["items"]
    assert len(rest) == 3


def test_sort_by_spin_and_filters_narrow_the_list(client):
    items = client.get("/api/v1/articles", params={"sort": "spin", "limit": 50}).json()["items"]
    spins = [a["spin"] if a["spin"] is not None else -1 for a in items]
    assert spins == sorted(spins, reverse=True)
    high = client.get("/api/v1/articles", params={"min_spin": 30}).json()
    assert high["total"] == sum(1 for s in spins if s >= 30) and all(a["spin"] >= 30 for a in high["items"])
    outlet = client.get("/api/v1/articles", params={"outlet": "drevnia today"}).json()
    assert outlet["total"] >= 2 and {a["outlet"] for a in outlet["items"]} == {"Drevnia Today"}
    dated = client.get("/api/v1/articles", params={"since": "2026-03-16", "until": "2026-03-16"}).json()
    assert dated["total"] >= 1 and all(a["published"].startswith("2026-03-16") for a in dated["items"])
    language = client.get("/api/v1/articles", params={"language": "ru"}).json()
    assert all(a["language"] == "ru" for a in language["items"])


def test_technique_story_actor_and_relation_filters(client):
    loaded = client.get("/api/v1/articles", params={"technique": "Loaded_Language", "limit": 50}).json()
    assert 0 < loaded["total"] < 13
    for item in loaded["items"][:3]:
        detail = client.get(f"/api/v1/articles/{item['id']}").json()
        assert any(t["technique"] == "Loaded_Language" for p in detail["paragraphs"] for t in p["techniques"])
    story = client.get("/api/v1/stories").json()["items"][0]
    members = client.get("/api/v1/articles", params={"story": story["id"], "limit": 50}).json()
    assert {a["id"] for a in members["items"]} == set(story["article_ids"])
    actor = client.get("/api/v1/actors", params={"limit": 1}).json()[0]["actor"]
    assert client.get("/api/v1/articles", params={"actor": actor}).json()["total"] >= 1
    blame = client.get("/api/v1/articles", params={"relation": "accuse"}).json()
    assert 0 < blame["total"] < 13
    assert client.get("/api/v1/articles", params={"story": 9999}).status_code == 404


def test_article_detail_has_layers_labels_spin_claims_story_and_copies(client):
    items = client.get("/api/v1/articles", params={"sort": "spin", "limit": 50}).json()["items"]
    detail = client.get(f"/api/v1/articles/{items[0]['id'][:8]}").json()
    article = detail["article"]
    assert article["id"] == items[0]["id"] and article["text"] and article["spans"] == []
    assert {"paragraph", "sentence", "technique"} <= set(detail["spans_by_layer"])
    assert detail["spin"]["score"] == items[0]["spin"]
    assert any(label == "spin" for label, _ in detail["spin_breakdown"])
    labelled = [t for p in detail["paragraphs"] for t in p["techniques"]]
    assert labelled and all(t["display"] and t["group"] and t["explanation"] for t in labelled)
    assert set(detail["claims"]) >= {"quotes", "relations", "actors"}
    assert isinstance(detail["story_id"], int)
    page = client.get("/api/v1/copies").json()
    copies = page["items"]
    assert copies and page["total"] == len(copies), "the demo corpus has a republished article"
    assert client.get("/api/v1/copies", params={"offset": page["total"]}).json()["items"] == []
    copied = client.get(f"/api/v1/articles/{copies[0]['copy_id']}").json()
    assert copies[0]["original_id"] in {c["original_id"] for c in copied["copies"]}


def test_unknown_article_is_a_json_404(client):
    response = client.get("/api/v1/articles/ffffffffffffffff")
    assert response.status_code == 404 and response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]["type"] == "NotFound" and "ffffffffffffffff" in response.json()["error"]["message"]


def test_error_messages_name_no_server_file(client, library_path):
    folder = str(library_path.parent)
    for url in ("/api/v1/articles/ffffffffffff", "/articles/ffffffffffff", "/api/v1/articles/ffffffffffff/corrections",
                "/api/v1/articles/" + "f" * 5000):
        response = client.get(url)
        assert response.status_code == 404 and folder not in response.text and "sqlite" not in response.text, url
        assert "no article with id" in response.text and len(response.text) < 5000, url
    posted = client.post("/api/v1/articles/ffffffffffff/corrections",
                         json={"action": "add", "technique": "Slogans", "start": 0, "end": 3})
    assert posted.status_code == 404 and folder not in posted.text


def test_job_errors_name_no_server_file(library_path):
    from spinlens.errors import LibraryError
    from spinlens.web.errors import public_message

    with Library(library_path) as library:
        assert public_message(LibraryError("database is locked", source=library.display), library) == \
            "database is locked"
        assert public_message(f"cannot write {library_path}-wal", library) == "cannot write the library-wal"
        assert public_message("no model at /home/someone/.cache/spinlens/model.onnx", library) == \
            "no model at model.onnx"
        assert public_message("see https://example.org/a/b.html", library) == "see https://example.org/a/b.html"


def test_search_is_paginated_and_filtered(client):
    everything = client.get("/api/v1/search", params={"q": "Varnholt"}).json()
    assert everything["total"] >= 5 and everything["query"] == "Varnholt"
    page = client.get("/api/v1/search", params={"q": "Varnholt", "limit": 2, "offset": 2}).json()
    assert page["total"] == everything["total"] and [h["id"] for h in page["items"]] == \
        [h["id"] for h in everything["items"][2:4]]
    assert all("[" in h["snippet"] for h in page["items"])
    outlet = client.get("/api/v1/search", params={"q": "Varnholt", "outlet": "Drevnia Today"}).json()
    assert 0 < outlet["total"] < everything["total"]
    assert client.get("/api/v1/search", params={"q": "AND OR"}).status_code == 400


def test_stories_story_sources_source_digest_actors(client):
    stories = client.get("/api/v1/stories").json()
    assert stories["total"] == len(stories["items"]) >= 1
    assert client.get("/api/v1/stories", params={"limit": 1}).json()["items"] == stories["items"][:1]
    biggest = max(stories["items"], key=lambda s: len(s["article_ids"]))
    story = client.get(f"/api/v1/stories/{biggest['id']}").json()
    assert story["story"]["id"] == biggest["id"] and len(story["outlets"]) >= 2
    assert {c["status"] for c in story["claims"]} <= {"agreed", "contested", "only here"}
    sources = client.get("/api/v1/sources").json()
    names = {s["outlet"] for s in sources}
    assert "Drevnia Today" in names and HOSTILE_OUTLET in names
    one = client.get("/api/v1/sources/drevnia today").json()
    assert one["outlet"] == "Drevnia Today" and one["articles"] >= 2
    hostile = client.get(f"/api/v1/sources/{HOSTILE_OUTLET}")
    assert hostile.status_code == 200 and hostile.json()["outlet"] == HOSTILE_OUTLET
    assert client.get("/api/v1/sources/No Such Outlet").status_code == 404
    digest = client.get("/api/v1/digest", params={"since": "2026-03-10", "until": "2026-03-20"}).json()
    assert digest["since"] == "2026-03-10" and digest["stories"]
    empty = client.get("/api/v1/digest", params={"since": "2001-01-01", "until": "2001-01-08"}).json()
    assert empty["stories"] == []
    assert client.get("/api/v1/digest", params={"since": "2026-03-20", "until": "2026-03-10"}).status_code == 400
    actors = client.get("/api/v1/actors", params={"limit": 5}).json()
    assert 0 < len(actors) <= 5 and actors[0]["mentions"] >= actors[-1]["mentions"]


def test_export_jsonl_csv_and_labelstudio(client):
    jsonl = client.get("/api/v1/export", params={"format": "jsonl"})
    lines = jsonl.text.splitlines()
    assert jsonl.headers["content-type"].startswith("application/x-ndjson") and len(lines) == 13
    assert any(json.loads(line)["title"] == HOSTILE_TITLE for line in lines)
    csv = client.get("/api/v1/export", params={"format": "csv"})
    assert csv.text.startswith("id,title,outlet") and csv.headers["content-type"].startswith("text/csv")
    assert client.get("/api/v1/export", params={"format": "exe"}).status_code == 422
    tasks = client.get("/api/v1/export", params={"format": "labelstudio"})
    assert tasks.headers["content-type"].startswith("application/json") and len(tasks.json()) == 13
    config = client.get("/api/v1/export", params={"format": "labelstudio-config"})
    assert config.headers["content-type"].startswith("application/xml") and "<View" in config.text


def test_corrections_round_trip(client):
    item = client.get("/api/v1/articles", params={"technique": "Loaded_Language"}).json()["items"][0]
    detail = client.get(f"/api/v1/articles/{item['id']}").json()
    paragraph = next(p for p in detail["paragraphs"] if any(t["technique"] == "Loaded_Language" for t in p["techniques"]))
    removed = client.post(f"/api/v1/articles/{item['id']}/corrections", json={
        "action": "remove", "technique": "Loaded_Language", "start": paragraph["start"], "end": paragraph["end"],
        "note": "quoted, not the outlet's words", "author": "tester"})
    assert removed.status_code == 201 and removed.json()["id"]
    after = client.get(f"/api/v1/articles/{item['id']}").json()
    again = next(p for p in after["paragraphs"] if p["n"] == paragraph["n"])
    assert "Loaded_Language" not in {t["technique"] for t in again["techniques"]}
    assert "Loaded_Language" in {t["technique"] for t in again["removed"]}
    assert after["corrections"][-1]["note"] == "quoted, not the outlet's words"
    listed = client.get(f"/api/v1/articles/{item['id']}/corrections").json()
    assert [c["id"] for c in listed] == [removed.json()["id"]]
    twice = client.post(f"/api/v1/articles/{item['id']}/corrections", json={
        "action": "remove", "technique": "Loaded_Language", "start": paragraph["start"], "end": paragraph["end"]})
    assert twice.status_code == 400 and "no label" in twice.json()["error"]["message"]
    assert client.delete(f"/api/v1/corrections/{removed.json()['id']}").status_code == 204
    restored = client.get(f"/api/v1/articles/{item['id']}").json()
    assert "Loaded_Language" in {t["technique"] for p in restored["paragraphs"] if p["n"] == paragraph["n"]
                                 for t in p["techniques"]}
    assert client.delete(f"/api/v1/corrections/{removed.json()['id']}").status_code == 404
    assert client.delete(f"/api/v1/corrections/{2 ** 70}").status_code == 422


def test_background_analysis_of_text_stores_an_article(client, library_path):
    started = client.post("/api/v1/analyse", json={"text": f"Council funds repairs\n\n{BODY}", "outlet": "Valley Post"})
    assert started.status_code == 202 and started.json()["state"] in ("queued", "running", "done")
    job = wait_for_job(client, started.json()["id"])
    assert job["state"] == "done" and job["analysed"] == 1 and len(job["article_ids"]) == 1
    article = client.get(f"/api/v1/articles/{job['article_ids'][0]}").json()["article"]
    assert article["title"] == "Council funds repairs" and article["outlet"] == "Valley Post"
    assert client.get(f"/articles/{job['article_ids'][0]}").status_code == 200
    with Library(library_path) as library:
        assert library.get(job["article_ids"][0]).outlet == "Valley Post"


def test_background_analysis_of_an_upload_and_its_failures(client):
    lines = "\n".join(json.dumps({"title": f"Story {i}", "text": f"{BODY} Item {i}.", "outlet": "Upload Post"})
                      for i in range(2)) + "\n{not json\n"
    started = client.post("/api/v1/analyse/upload", files={"file": ("batch.jsonl", lines.encode(), "application/jsonl")})
    job = wait_for_job(client, started.json()["id"])
    assert (job["state"], job["analysed"], job["failed"]) == ("done", 2, 1)
    assert "line is not JSON" in job["errors"][0]
    short = wait_for_job(client, client.post("/api/v1/analyse", json={"text": "Too short."}).json()["id"])
    assert short["state"] == "failed" and "not an article" in short["errors"][0]


def test_analyse_refuses_bad_requests(client):
    assert client.post("/api/v1/analyse", json={}).status_code == 400
    assert client.post("/api/v1/analyse", json={"text": "a", "url": "https://example.org/"}).status_code == 400
    for url in ("file:///etc/passwd", "/etc/passwd", "ftp://example.org/x"):
        response = client.post("/api/v1/analyse", json={"url": url})
        assert response.status_code == 400 and "not an http" in response.json()["error"]["message"]
    private = client.post("/api/v1/analyse", json={"url": "http://127.0.0.1:9/secret"})
    job = wait_for_job(client, private.json()["id"])
    assert job["state"] == "failed" and "private" in job["errors"][0]
    assert client.get("/api/v1/jobs/nope").status_code == 404


def test_openapi_spec_lists_every_endpoint(client):
    spec = client.get("/api/v1/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/search", "/api/v1/analyse",
            "/api/v1/analyse/upload", "/api/v1/jobs/{job_id}", "/api/v1/stories", "/api/v1/stories/{story_id}",
            "/api/v1/copies", "/api/v1/sources", "/api/v1/sources/{name}", "/api/v1/digest", "/api/v1/actors",
            "/api/v1/articles/{article_id}/corrections", "/api/v1/corrections", "/api/v1/export"} <= paths
    assert not any(not p.startswith("/api/v1/") for p in paths)
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and 'src="/static/vendor/swagger-ui-bundle-5.35.0.js"' in docs.text
    assert "cdn" not in docs.text.lower() and "<script>" not in docs.text  # offline, and no inline script


def test_digest_period_starts_at_since_as_the_cli_reads_it(client):
    day = client.get("/api/v1/digest", params={"since": "2026-03-14", "period": "day"}).json()
    assert (day["since"], day["until"]) == ("2026-03-14", "2026-03-15")
    week = client.get("/api/v1/digest", params={"since": "2026-03-14"}).json()
    assert (week["since"], week["until"]) == ("2026-03-14", "2026-03-21")
    late = client.get("/api/v1/digest", params={"since": "9999-12-30"})
    assert late.status_code == 200 and late.json()["stories"] == []


def test_extreme_dates_offsets_and_ids_are_answered_without_a_server_error(client):
    dated = client.get("/api/v1/articles", params={"since": "0001-01-01"}).json()["total"]
    wide = client.get("/api/v1/articles", params={"since": "0001-01-01", "until": "9999-12-31"})
    assert wide.status_code == 200 and wide.json()["total"] == dated > 0
    assert client.get("/", params={"until": "9999-12-31"}).status_code == 200
    assert client.get("/api/v1/search", params={"q": "dam", "until": "9999-12-31"}).status_code == 200
    early = client.get("/api/v1/digest", params={"until": "0001-01-03"})
    assert early.status_code == 200 and early.json()["stories"] == [] and early.json()["since"] == "0001-01-01"
    assert client.get("/digest", params={"until": "0001-01-03"}).status_code == 200
    assert client.get("/api/v1/digest", params={"until": "0001-01-01"}).status_code == 400
    assert client.get("/digest", params={"until": "0001-01-01", "period": "day"}).status_code == 400
    for url in ("/api/v1/articles?offset=9223372036854775808", "/api/v1/search?q=dam&offset=99999999999999999999",
                "/api/v1/stories?offset=99999999999999999999", "/api/v1/copies?offset=99999999999999999999",
                "/api/v1/articles?story=99999999999999999999", "/api/v1/stories/99999999999999999999",
                "/?story=99999999999999999999"):
        response = client.get(url)
        assert response.status_code == 422 and "content-security-policy" in response.headers, url
    assert client.get("/api/v1/articles", params={"offset": 1_000_000_000}).json()["items"] == []


def test_an_unexpected_exception_gets_the_error_shape_and_security_headers(library_path):
    def broken(**_):
        raise RuntimeError("/srv/secret/library.sqlite is on fire")

    app = create_app(library_path)
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as client:
        app.state.library.count = broken
        api = client.get("/api/v1/articles")
        assert api.status_code == 500 and api.json()["error"]["type"] == "InternalError"
        page = client.get("/")
        assert page.status_code == 500 and 'data-testid="error-message"' in page.text
        for response in (api, page):
            assert "/srv/secret" not in response.text
            assert response.headers["x-frame-options"] == "DENY" and "default-src 'none'" in \
                response.headers["content-security-policy"]


def _error(response, status: int, kind: str) -> str:
    """The message of an API error after checking its status, JSON shape and type."""
    assert response.status_code == status and response.headers["content-type"] == "application/json", response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message"} and body["error"]["type"] == kind
    return body["error"]["message"]


def test_every_api_error_has_the_documented_shape(client):
    assert "query.limit" in _error(client.get("/api/v1/articles", params={"limit": 0}), 422, "RequestValidationError")
    assert "since" in _error(client.get("/api/v1/articles", params={"since": "yesterday"}), 422,
                             "RequestValidationError")
    _error(client.get("/api/v1/nope"), 404, "NotFound")
    _error(client.put("/api/v1/articles"), 405, "MethodNotAllowed")
    assert client.put("/api/v1/articles").headers["allow"] == "GET"
    _error(client.post("/api/v1/analyse/upload", content=b"garbage",
                       headers={"content-type": "multipart/form-data; boundary=x"}), 400, "BadRequest")
    _error(client.post("/api/v1/analyse", content=b"{not json", headers={"content-type": "application/json"}),
           422, "RequestValidationError")


def test_validation_errors_never_echo_the_input(client):
    huge = "spin " * 1_100_000  # 5.5 MB, over the 5 MB the text field takes
    message = _error(client.post("/api/v1/analyse", json={"text": huge}), 422, "RequestValidationError")
    assert "body.text" in message and "spin spin" not in message and len(message) < 300
    secret = "x" * 500 + "-the-value"
    message = _error(client.get("/api/v1/articles", params={"min_spin": secret}), 422, "RequestValidationError")
    assert "the-value" not in message and "min_spin" in message


def test_uploads_are_named_after_the_uploaded_file(client):
    lines = "\n".join(json.dumps({"title": f"Named {i}", "text": f"{BODY} Named item {i}.", "outlet": "Up"})
                      for i in range(2)) + "\n{not json\n"
    started = client.post("/api/v1/analyse/upload", files={"file": ("news.jsonl", lines.encode(), "text/plain")})
    job = wait_for_job(client, started.json()["id"])
    assert job["label"] == "news.jsonl" and job["errors"][0].startswith("news.jsonl:3: line is not JSON")
    with Library(client.app.state.library.path) as library:
        assert [library.get(i).source for i in job["article_ids"]] == ["news.jsonl:1", "news.jsonl:2"]
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00"
    binary = client.post("/api/v1/analyse/upload", files={"file": ("photo.png", png, "image/png")})
    failed = wait_for_job(client, binary.json()["id"])
    assert failed["state"] == "failed" and failed["errors"][0].startswith("photo.png: ")
    assert "<stdin>" not in str(failed)
    text = f"Uploaded council story\n\n{BODY} One more sentence for the upload."
    hostile = client.post("/api/v1/analyse/upload",
                          files={"file": ("../../etc/\x1b[31mreport.txt", text.encode(), "text/plain")})
    done = wait_for_job(client, hostile.json()["id"])
    assert done["label"] == "[31mreport.txt"  # last path part, the escape character dropped
    with Library(client.app.state.library.path) as library:
        assert library.get(done["article_ids"][0]).source == "[31mreport.txt"
