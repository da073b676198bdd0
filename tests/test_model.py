"""The Article model: spans over text, JSON round trip, state helpers."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from spinlens.model import Article, Provenance, Span, identity_for, short_id, spans_slice_text


def test_add_span_rejects_offsets_outside_text():
    article = Article(text="hello world")
    article.add_span(0, 5, "word", "hello")
    with pytest.raises(ValueError, match="outside text"):
        article.add_span(6, 40, "word")
    with pytest.raises(ValueError):
        Span(start=5, end=2, layer="x")


def test_layers_sorted_and_cleared():
    article = Article(text="abc def ghi")
    article.add_span(8, 11, "w")
    article.add_span(0, 3, "w")
    article.add_span(4, 7, "other")
    assert [article.span_text(s) for s in article.layer("w")] == ["abc", "ghi"]
    assert article.layers() == ["other", "w"]
    article.clear_layer("w")
    assert article.layers() == ["other"]


def test_fail_and_skip_record_the_reason():
    article = Article(text="x")
    article.skip("not an article (3 words)")
    assert not article.ok and article.status == "skipped: not an article (3 words)"
    other = Article(text="x")
    other.fail("clean", "boom")
    assert other.status == "failed: clean: boom" and other.errors == ["clean: boom"]


def test_identity_and_short_id():
    assert identity_for(None, "", "https://a.example/x", "file:/y") == "https://a.example/x"
    with pytest.raises(ValueError):
        identity_for(None, "")
    assert short_id("a") == short_id("a") and short_id("a") != short_id("b") and len(short_id("a")) == 16


def test_content_hash_changes_with_text_and_metadata():
    a = Article(raw_text="one", title="t")
    b = Article(raw_text="one", title="t")
    assert a.content_hash == b.content_hash
    b.title = "u"
    assert a.content_hash != b.content_hash


@st.composite
def articles(draw):
    text = draw(st.text(max_size=300))
    article = Article(text=text, title=draw(st.none() | st.text(max_size=30)),
                      authors=draw(st.lists(st.text(max_size=10), max_size=3)),
                      provenance=Provenance(copyright_holders=draw(st.lists(st.text(max_size=8), max_size=2)),
                                            copyright_year=draw(st.none() | st.integers(1900, 2100))),
                      extra={"k": draw(st.integers())})
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        article.add_span(start, end, draw(st.sampled_from(["paragraph", "technique", "quote"])),
                         draw(st.text(max_size=12)), draw(st.none() | st.floats(0, 1)),
                         note=draw(st.text(max_size=5)))
    return article


@given(articles())
def test_json_round_trip_is_lossless(article):
    again = Article.from_json(article.to_json())
    assert again == article
    assert spans_slice_text(again)
    assert [again.span_text(s) for s in again.spans] == [article.span_text(s) for s in article.spans]
