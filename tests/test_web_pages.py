"""Server-rendered pages: what they show, the analyse flow, the corrections form with its CSRF token."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from web_support import BODY, build_library, wait_for_job

from spinlens.model import NO_OUTLET
from spinlens.web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    path = tmp_path_factory.mktemp("webpages") / "lib.sqlite"
    build_library(path)
    with TestClient(create_app(path), base_url="http://localhost") as client:
        yield client


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_library_column_headers_sort_and_mark_the_active_sort(client):
    headers = re.findall(r"<th( aria-sort=\"\w+\")?><a [^>]*id=\"sort-(\w+)\"[^>]*>([^<]*)</a></th>", client.get("/").text)
    assert [(key, label) for _, key, label in headers] == [
        ("published", "published ↓"), ("outlet", "outlet"), ("title", "title"), ("spin", "spin")]
    assert headers[0][0] == ' aria-sort="descending"' and not any(mark for mark, _, _ in headers[1:])
    by_title = client.get("/", params={"sort": "title", "outlet": "Drevnia Today"}).text
    assert '<th aria-sort="ascending"><a href="?outlet=Drevnia+Today&amp;sort=title&amp;page=1"' in by_title
    titles = re.findall(r'class="title" href="/articles/\w+">([^<]+)</a>', by_title)
    assert titles == sorted(titles, key=str.casefold) and len(titles) >= 2
    searched = client.get("/", params={"q": "ultimatum"}).text
    assert 'id="sort-' not in searched and "aria-sort" not in searched  # ranked by relevance, not sortable


def test_library_page_lists_filters_sorts_and_pages(client):
    page = client.get("/").text
    assert page.count('data-testid="article-row"') == 13 and "13 articles" in page
    assert 'id="library-filters"' in page and 'id="sort-spin"' in page
    assert 'href="/api/v1/export?format=labelstudio"' in page
    spins = [int(s) for s in re.findall(r'data-spin="(\d+)"', client.get("/?sort=spin").text)]
    assert spins == sorted(spins, reverse=True) and len(spins) >= 10
    drevnia = client.get("/", params={"outlet": "Drevnia Today"}).text
    assert drevnia.count('data-testid="article-row"') == drevnia.count(">Drevnia Today</a>") >= 2
    found = client.get("/", params={"q": "ultimatum"}).text
    total = client.get("/api/v1/search", params={"q": "ultimatum"}).json()["total"]
    assert 'class="snippet"' in found and "[ultimatum]" in found.lower() and f"{total} articles" in found
    assert found.count('data-testid="article-row"') == total >= 2
    spinning = client.get("/", params={"min_spin": 40}).text
    assert all(int(s) >= 40 for s in re.findall(r'data-spin="(\d+)"', spinning))
    assert "No articles match" in client.get("/", params={"q": "zzyzxqwv"}).text


def test_library_pagination_links(client, monkeypatch):
    from spinlens.web import routes_pages

    monkeypatch.setattr(routes_pages, "PAGE_SIZE", 5)
    first = client.get("/", params={"sort": "spin"}).text
    assert "page 1 of 3" in first and 'rel="next"' in first and 'rel="prev"' not in first
    third = client.get("/", params={"sort": "spin", "page": 3}).text
    assert third.count('data-testid="article-row"') == 3 and 'rel="prev"' in third


def test_article_page_shows_text_labels_spin_metadata_story_and_corrections_form(client):
    details = [client.get(f"/api/v1/articles/{a['id']}").json()
               for a in client.get("/api/v1/articles", params={"sort": "spin"}).json()["items"]]
    detail = next(d for d in details if d["evidence"] and d["spin"])  # English articles carry evidence spans
    article_id = detail["article"]["id"]
    page = client.get(f"/articles/{article_id}").text
    assert 'data-testid="spin-meter"' in page and f'data-spin="{detail["spin"]["score"]}"' in page
    assert page.count('data-testid="article-paragraph"') == sum(1 for p in detail["paragraphs"] if not p["is_title"])
    assert 'data-testid="legend"' in page and "attack on reputation" in page
    labelled = [t for p in detail["paragraphs"] for t in p["techniques"]]
    assert labelled and f'data-technique="{labelled[0]["technique"]}"' in page
    assert labelled[0]["explanation"].split("'")[0] in page  # hover text explains the technique
    assert detail["evidence"] and re.search(r'<mark class="[^"]*\bhl-evidence\b[^"]*" title="[^"]*'
                                            + re.escape(detail["evidence"][0]["display"]), page)
    assert f'href="/stories/{detail["story_id"]}"' in page
    assert 'data-testid="article-metadata"' in page and f'<th>words</th><td>{len(detail["article"]["text"].split())}</td>' in page
    assert 'data-testid="correction-form"' in page and 'name="csrf_token"' in page


def test_article_page_links_copies(client):
    link = client.get("/api/v1/copies").json()["items"][0]
    page = client.get(f"/articles/{link['copy_id']}").text
    assert f'href="/articles/{link["original_id"]}"' in page and 'data-testid="copy-link"' in page


def test_correction_form_round_trip_and_csrf(client):
    item = client.get("/api/v1/articles", params={"technique": "Loaded_Language"}).json()["items"][0]
    detail = client.get(f"/api/v1/articles/{item['id']}").json()
    paragraph = next(p for p in detail["paragraphs"] if any(t["technique"] == "Loaded_Language" for t in p["techniques"]))
    page = client.get(f"/articles/{item['id']}")
    form = {"csrf_token": _csrf(page.text), "action": "remove", "technique": "Loaded_Language",
            "paragraph": str(paragraph["n"]), "layer": "paragraph", "note": "<b>not</b> loaded here"}
    missing = client.post(f"/articles/{item['id']}/corrections", data={k: v for k, v in form.items() if k != "csrf_token"})
    assert missing.status_code == 403 and "CSRF" in missing.text
    wrong = client.post(f"/articles/{item['id']}/corrections", data={**form, "csrf_token": "forged"})
    assert wrong.status_code == 403
    assert client.get(f"/api/v1/articles/{item['id']}/corrections").json() == []
    saved = client.post(f"/articles/{item['id']}/corrections", data=form, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == f"/articles/{item['id']}#corrections"
    shown = client.get(f"/articles/{item['id']}").text
    assert 'data-testid="correction"' in shown and "&lt;b&gt;not&lt;/b&gt; loaded here" in shown
    assert 'class="tech removed" data-technique="Loaded_Language"' in shown
    bad = client.post(f"/articles/{item['id']}/corrections", data={**form, "paragraph": "999"})
    assert bad.status_code == 400 and "no paragraph 999" in bad.text


def test_analyse_form_runs_in_the_background_and_ends_on_the_article(client):
    page = client.get("/analyse").text
    assert 'data-testid="analyse-form"' in page and 'enctype="multipart/form-data"' in page
    posted = client.post("/analyse", data={"csrf_token": _csrf(page), "text": f"Flood repairs approved\n\n{BODY}",
                                           "outlet": "Hill Times"}, follow_redirects=False)
    assert posted.status_code == 303 and posted.headers["location"].startswith("/jobs/")
    job_id = posted.headers["location"].rsplit("/", 1)[1]
    job = wait_for_job(client, job_id)
    assert job["state"] == "done"
    landed = client.get(f"/jobs/{job_id}", follow_redirects=False)
    assert landed.status_code == 303 and landed.headers["location"] == f"/articles/{job['article_ids'][0]}"
    article = client.get(landed.headers["location"]).text
    assert "Flood repairs approved" in article and "Hill Times" in article


def test_analyse_upload_and_job_progress_page(client):
    page = client.get("/analyse").text
    posted = client.post("/analyse", data={"csrf_token": _csrf(page)}, follow_redirects=False,
                         files={"file": ("story.txt", f"Dam inspection finished\n\n{BODY}".encode(), "text/plain")})
    job_id = posted.headers["location"].rsplit("/", 1)[1]
    progress = client.get(f"/jobs/{job_id}", follow_redirects=False)
    if progress.status_code == 200:  # still running: the progress page polls the job endpoint
        assert 'data-testid="job-progress"' in progress.text and 'src="/static/app.js"' in progress.text
    assert wait_for_job(client, job_id)["state"] == "done"
    long_text = "x " * 600_000  # over 1 MB in one field: parsed (then refused for its forged token, not its size)
    parsed = client.post("/analyse", data={"csrf_token": "forged", "text": long_text})
    assert parsed.status_code == 403 and "CSRF" in parsed.text
    nothing = client.post("/analyse", data={"csrf_token": _csrf(page)})
    assert nothing.status_code == 400 and "paste some text" in nothing.text
    forged = client.post("/analyse", data={"text": BODY})
    assert forged.status_code == 403


def test_story_page_side_by_side_claims_blame_timeline_chart_copies(client):
    stories = client.get("/api/v1/stories").json()["items"]
    biggest = max(stories, key=lambda s: len(s["article_ids"]))
    page = client.get(f"/stories/{biggest['id']}").text
    comparison = client.get(f"/api/v1/stories/{biggest['id']}").json()
    assert page.count('data-testid="story-column"') == len(comparison["outlets"]) >= 2
    assert 'data-testid="story-claims"' in page and 'data-testid="story-timeline"' in page
    assert 'data-testid="blame-graph"' in page or "No relations between actors" in page
    assert 'id="chart-technique-profile-spec"' in page and 'data-testid="technique-profile-table"' in page
    assert 'src="/static/vendor/vega-embed-7.3.0.min.js"' in page
    assert client.get("/stories").text.count('data-testid="story-row"') == len(stories)
    assert client.get("/stories/9999").status_code == 404


def test_story_timeline_names_an_outletless_article_by_its_voice(client):
    story_ids = {i for s in client.get("/api/v1/stories").json()["items"] for i in s["article_ids"]}
    listed = client.get("/api/v1/articles", params={"limit": 100}).json()["items"]
    lone = next(a for a in listed if not a["outlet"] and a["id"] in story_ids)
    story = next(s for s in client.get("/api/v1/stories").json()["items"] if lone["id"] in s["article_ids"])
    stored = client.app.state.library.get(lone["id"])  # no outlet or site: named by its authors, else its id
    voice = f"by {', '.join(stored.authors)}" if stored.authors else f"article {lone['id'][:8]}"
    timeline = client.get(f"/stories/{story['id']}").text.split('data-testid="story-timeline"')[1].split("</ul>")[0]
    assert f"<strong>{voice}</strong> <a href=\"/articles/{lone['id']}\"" in timeline
    assert "unknown outlet" not in timeline


def test_sources_source_digest_copies_actors_pages(client):
    sources = client.get("/sources").text
    assert 'data-testid="sources-table"' in sources and "Drevnia Today" in sources
    source = client.get("/sources/Drevnia%20Today").text
    assert 'data-testid="source-name"' in source and 'data-testid="spin-table"' in source
    assert 'id="chart-spin-over-time-spec"' in source and '"mark"' in source
    digest = client.get("/digest", params={"since": "2026-03-10", "until": "2026-03-20"}).text
    assert 'data-testid="digest-story"' in digest
    assert client.get("/digest", params={"since": "March"}).status_code == 400
    empty = client.get("/digest", params={"period": "day"}).text  # today: the demo articles are from March 2026
    latest = re.search(r'id="digest-latest" href="([^"]+)"', empty).group(1).replace("&amp;", "&")
    assert latest == "/digest?since=2026-03-18&until=2026-03-19&period=day"
    assert 'data-testid="digest-story"' in client.get(latest).text
    copies = client.get("/copies").text
    assert 'data-testid="copies-table"' in copies and ">Kastovian saboteurs blamed" in copies  # no outlet, no ': '
    assert ">Open Frontier: Varnholt" in copies and '">: ' not in copies
    assert 'data-testid="actors-table"' in client.get("/actors").text


def test_static_assets_are_served_from_the_package(client):
    for asset in ("app.css", "app.js", "charts.js", "vendor/vega-6.4.0.min.js", "vendor/vega-lite-6.4.3.min.js",
                  "vendor/vega-embed-7.3.0.min.js", "vendor/vega-interpreter-2.3.2.js", "api-docs.js",
                  "vendor/swagger-ui-bundle-5.35.0.js", "vendor/swagger-ui-5.35.0.css"):
        response = client.get(f"/static/{asset}")
        assert response.status_code == 200 and len(response.content) > 200, asset
    assert client.get("/static/../app.py").status_code == 404


def test_title_techniques_are_shown_under_the_headline(client):
    item = client.get("/api/v1/articles").json()["items"][-1]
    detail = client.get(f"/api/v1/articles/{item['id']}").json()
    title = next(p for p in detail["paragraphs"] if p["is_title"])
    page = client.get(f"/articles/{item['id']}").text
    form = {"csrf_token": _csrf(page), "action": "add", "technique": "Appeal_to_Time", "paragraph": str(title["n"]),
            "layer": "paragraph", "note": "the headline sets a deadline"}
    saved = client.post(f"/articles/{item['id']}/corrections", data=form, follow_redirects=False)
    assert saved.status_code == 303
    shown = client.get(f"/articles/{item['id']}").text
    header = shown[shown.index('data-testid="article-title"'):shown.index('data-testid="article-text"')]
    assert 'data-testid="title-techniques"' in header
    assert re.search(r'class="tech [^"]*analyst" data-technique="Appeal_to_Time"', header)


def test_correction_form_on_an_evidence_span(client):
    details = [client.get(f"/api/v1/articles/{a['id']}").json() for a in client.get("/api/v1/articles").json()["items"]]
    detail = next(d for d in details if d["evidence"])
    evidence = detail["evidence"][0]
    page = client.get(f"/articles/{detail['article']['id']}").text
    assert f'value="{evidence["start"]}-{evidence["end"]}"' in page  # the span is offered in the form
    url = f"/articles/{detail['article']['id']}/corrections"
    form = {"csrf_token": _csrf(page), "action": "remove", "technique": evidence["technique"], "layer": "evidence"}
    saved = client.post(url, data={**form, "span": f"{evidence['start']}-{evidence['end']}"}, follow_redirects=False)
    assert saved.status_code == 303
    after = client.get(f"/api/v1/articles/{detail['article']['id']}").json()
    assert (evidence["start"], evidence["end"], evidence["technique"]) not in \
        {(e["start"], e["end"], e["technique"]) for e in after["evidence"]}
    added = client.post(url, data={**form, "action": "add", "technique": "Slogans", "span": "",
                                   "start": str(evidence["start"]), "end": str(evidence["end"])}, follow_redirects=False)
    assert added.status_code == 303
    shown = client.get(f"/articles/{detail['article']['id']}").text
    assert "Slogans" in shown and "(added by an analyst)" in shown
    bad = client.post(url, data={**form, "span": "", "start": "x", "end": "3"})
    assert bad.status_code == 400 and "character offsets" in bad.text


def test_page_errors_are_html_and_api_errors_json(client):
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    invalid = client.get("/", params={"page": "zero"})
    assert invalid.status_code == 422 and "page" in invalid.text and invalid.headers["content-type"].startswith("text/html")
    article = client.get("/articles/ffffffffffffffff")
    assert article.status_code == 404 and 'data-testid="error-message"' in article.text
    assert client.get("/api/v1/nope").headers["content-type"] == "application/json"
    assert "limit" in client.get("/api/v1/articles", params={"limit": 0}).json()["error"]["message"]
    wrong_method = client.put("/analyse")
    assert wrong_method.status_code == 405 and 'data-testid="error-message"' in wrong_method.text


def test_every_source_count_matches_the_articles_its_links_list(client):
    """Articles without an outlet are one source, "(no outlet)", whose links list exactly them."""
    import html as html_module
    from urllib.parse import unquote

    sources = client.get("/api/v1/sources").json()
    assert NO_OUTLET in {s["outlet"] for s in sources}
    assert not [s["outlet"] for s in sources if s["outlet"].startswith(("by ", "article "))]
    for profile in sources:
        listed = client.get("/api/v1/articles", params={"outlet": profile["outlet"], "limit": 500}).json()
        assert listed["total"] == profile["articles"], profile["outlet"]
        if profile["outlet"] == NO_OUTLET:
            assert not any(item["outlet"] for item in listed["items"])
    page = client.get("/sources").text
    rows = re.findall(r'<td><a href="(/sources/[^"]+)">[^<]*</a></td><td>(\d+)</td>', page)
    assert len(rows) == len(sources)
    for href, count in rows:
        source_page = client.get(html_module.unescape(href)).text
        articles = re.search(r'href="(/\?outlet=[^"]+)"', source_page).group(1)
        library = client.get(html_module.unescape(articles)).text
        total = re.search(r"<h1>Library <small>(\d+) article", library).group(1)
        assert total == count, (unquote(href), count, total)
    nameless = client.get("/", params={"outlet": NO_OUTLET}).text
    assert f'<option value="{NO_OUTLET}" selected>' in nameless


def test_story_columns_link_only_to_sources_that_exist(client):
    story = max(client.get("/api/v1/stories").json()["items"], key=lambda s: len(s["article_ids"]))
    page = client.get(f"/stories/{story['id']}").text
    for href in set(re.findall(r'href="(/sources/[^"]+)"', page)):
        assert client.get(href.replace("&amp;", "&")).status_code == 200, href
