"""The web benchmark's parts: synthetic articles keep the model's invariants; the load client counts and times."""

from __future__ import annotations

import asyncio

from werkzeug.wrappers import Response

from spinlens.bench.web import LoadResult, _drive, load_targets, synthetic_articles
from spinlens.model import spans_slice_text
from spinlens.store import Library
from conftest import make_article


def _template():
    text = ("Dam blast\n\nThe minister blamed saboteurs for the blast at the dam. Engineers from the state "
            "utility said the spillway gates held through the night while residents downstream waited for "
            "news, and the river commission promised that its inspectors would publish every finding.")
    article = make_article(text, title="Dam blast", outlet="Valley Post")
    article.text = text
    article.add_span(0, 9, "title")
    article.add_span(11, len(text), "paragraph")
    article.add_span(15, 23, "evidence", "Loaded_Language", 0.9)
    return article


def test_synthetic_articles_are_distinct_valid_and_storable(tmp_path):
    template = _template()
    articles = list(synthetic_articles([template], 30))
    assert len({a.id for a in articles}) == 30
    assert len({a.outlet for a in articles}) > 3
    assert [a.published for a in articles] == sorted(a.published for a in articles)
    for article in articles:
        assert spans_slice_text(article)
        assert len(article.text) > len(template.text)
        last = article.paragraphs()[-1]
        assert article.span_text(last).startswith("Filed from ")
        assert article.layer("evidence")[0].label == "Loaded_Language"
    assert len(template.spans) == 3  # the template is left as it was
    with Library(tmp_path / "bench.sqlite") as library:
        library.save_many(articles)
        assert library.count() == 30
        assert len(library.search("bench7")) == 1


def test_percentiles_use_nearest_rank():
    result = LoadResult("x", [i / 1000 for i in range(1, 101)], {}, 2.0)
    assert result.percentile(50) == 50
    assert result.percentile(95) == 95
    assert result.percentile(99) == 99
    assert "100 ok in 2.0 s = 50 requests/s" in result.summary()


def test_load_targets_cover_pages_and_searches():
    pages, searches = load_targets(["a1", "b2"], 40)
    assert len(pages) == len(searches) == 40
    assert {p.rsplit("/", 1)[1] for p in pages} == {"a1", "b2"}
    assert all("?q=" in s and " " not in s for s in searches)


def test_drive_times_successes_and_counts_failures(httpserver):
    httpserver.expect_request("/ok").respond_with_data("fine")
    httpserver.expect_request("/missing").respond_with_response(Response("no", status=404))
    base = httpserver.url_for("/").rstrip("/")
    result = asyncio.run(_drive(base, ["/ok"] * 12 + ["/missing"] * 3, 4, "test"))
    assert len(result.latencies) == 12
    assert result.failures == {"HTTP 404": 3}
    assert all(latency > 0 for latency in result.latencies)


def test_drive_stops_sending_after_its_time_limit(httpserver):
    httpserver.expect_request("/ok").respond_with_data("fine")
    result = asyncio.run(_drive(httpserver.url_for("/").rstrip("/"), ["/ok"] * 5, 2, "test", max_seconds=0))
    assert result.latencies == [] and result.failures == {"not sent: time limit": 5}


def test_synthetic_articles_vary_their_words_but_not_their_offsets():
    template = _template()
    articles = list(synthetic_articles([template], 100, first=1000))
    assert articles[0].identity == "bench:1000"
    bodies = [a.text.rsplit("\n\n", 1)[0] for a in articles]
    assert all(len(body) == len(template.text) and body != template.text for body in bodies)
    copies = [i for i in range(1, 100) if bodies[i] == bodies[i - 1]]
    assert copies == [49, 99]  # every 50th (bench:1049, bench:1099) copies the article before it
    assert len(set(bodies)) == 98
    for article in articles:
        assert article.layer("evidence")[0].end == 23
    at = template.text.index("Engineers")
    first_event = {body[at:at + 9] for body in bodies[:8]}  # bench:1000..1007 belong to event 41
    assert len(first_event) == 1 and "Engineers" not in first_event
    assert bodies[30][at:at + 9] not in first_event  # bench:1030 belongs to event 42
