"""The Python API end to end: analyze(), batches with failures, real-library repeated blocks, URLs."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import spinlens
from spinlens.errors import FetchError, InputError, UsageError
from spinlens.model import Article, spans_slice_text

BODY = ("The regional council voted on Thursday to fund repairs to the northern embankment, after engineers "
        "warned that a second winter of floods could breach it. Opposition members called the plan late "
        "but supported it.")


def test_analyze_text_returns_a_typed_article():
    article = spinlens.analyze(text=f"Council funds repairs\n\n{BODY}", outlet="Valley Post")
    assert isinstance(article, Article) and article.ok
    assert article.title == "Council funds repairs" and article.outlet == "Valley Post"
    assert article.language == "en" and len(article.paragraphs()) == 2
    assert article.text.startswith("Council funds repairs\n\n")
    assert spans_slice_text(article)


def test_analyze_stores_when_given_a_library(library):
    article = spinlens.analyze(text=f"Council funds repairs\n\n{BODY}", library=library)
    assert library.get(article.id) == article


def test_analyze_raises_the_input_error():
    with pytest.raises(InputError, match="not an article"):
        spinlens.analyze(text="Too short.")
    with pytest.raises(UsageError):
        spinlens.analyze()
    with pytest.raises(InputError, match="no such file"):
        spinlens.analyze("/nonexistent/file.txt")


def test_analyze_sources_refuses_one_string_instead_of_reading_its_characters(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nSome words.\n", "utf-8")
    for wrong in (str(path), path):
        with pytest.raises(UsageError, match=r"list of paths or URLs.*analyze_sources\(\["):
            next(spinlens.analyze_sources(wrong, store=False))


def test_batch_goes_on_after_failures(tmp_path, library):
    lines = [json.dumps({"title": f"Story {i}", "text": f"{BODY} Item {i}."}) for i in range(3)]
    lines.insert(1, "{not json")
    lines.insert(3, json.dumps({"title": "Tiny", "text": "Too short."}))
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines))
    outcomes = list(spinlens.analyze_sources([str(path)], library=library))
    assert [o.ok for o in outcomes] == [True, False, True, False, True]
    assert "batch.jsonl:2" in str(outcomes[1].error) and "not an article" in str(outcomes[3].error)
    assert library.count() == 3


def test_repeated_outlet_footer_is_removed_once_the_library_has_seen_it(library):
    footer = "The Valley Post is produced by a small team in Aldersgate, with support from our readers."
    for i in range(4):
        spinlens.analyze(text=f"Story {i}\n\n{BODY} Detail {i}.\n\n{footer}", outlet="Valley Post",
                         url=f"https://valley.example/{i}", library=library)
    fresh = spinlens.analyze(text=f"Another story\n\nSomething else happened today in the valley.\n\n{BODY}\n\n"
                                  f"Residents were relieved.\n\n{footer}", outlet="Valley Post",
                             url="https://valley.example/new", library=library)
    assert footer not in fresh.text
    assert [b.reason for b in fresh.removed] == ["repeated outlet block"]
    other = spinlens.analyze(text=f"Elsewhere\n\n{BODY}\n\n{footer}", outlet="Hill Times",
                             url="https://hill.example/1", library=library)
    assert footer in other.text  # another outlet has not repeated it


def test_url_refused_then_allowed(httpserver, library):
    page = (f"<html><head><title>Repairs funded</title></head><body><article><h1>Repairs funded</h1>"
            f"<p>{BODY}</p><p>{BODY}</p></article></body></html>")
    httpserver.expect_request("/story").respond_with_data(page, content_type="text/html; charset=utf-8")
    url = httpserver.url_for("/story")
    with pytest.raises(FetchError, match="private address"):
        spinlens.analyze(url)
    article = spinlens.analyze(url, allow_private=True, library=library)
    assert article.url == url and article.title == "Repairs funded" and article.site


def test_cli_url_needs_allow_private(httpserver, tmp_path):
    from click.testing import CliRunner

    from spinlens.cli import main

    httpserver.expect_request("/a").respond_with_data(
        f"<html><body><article><h1>T</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>",
        content_type="text/html")
    url = httpserver.url_for("/a")
    runner = CliRunner()
    lib = str(tmp_path / "l.sqlite")
    refused = runner.invoke(main, ["analyze", url, "--library", lib])
    assert refused.exit_code == 1 and "use --allow-private" in refused.stderr
    allowed = runner.invoke(main, ["analyze", url, "--allow-private", "--library", lib, "--format", "json"])
    assert allowed.exit_code == 0 and json.loads(allowed.stdout)["url"] == url


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=120),
                min_size=1, max_size=8),
       st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\n \n"]))
def test_whole_pipeline_keeps_span_invariants_and_round_trips(blocks, sep):
    text = sep.join(blocks) + sep + BODY
    try:
        article = spinlens.analyze(text=text)
    except InputError:
        return  # e.g. cleaned to fewer words than an article has: a documented error
    assert spans_slice_text(article)
    for span in article.spans:
        assert article.span_text(span) == article.span_text(span).strip()
    assert Article.from_json(article.to_json()) == article
