"""The shared input fixtures (tests/fixtures, described in fixtures/html/README.md) through the readers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spinlens.errors import FetchError, InputError, NotAnArticle
from spinlens.ingest import readers
from spinlens.ingest.document import RawDocument
from spinlens.ingest.extract import extract_article

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Feed entries link to *.example hosts: never touch the network for them."""
    def refuse(url, **kwargs):
        raise FetchError("network disabled in tests", source=url)
    monkeypatch.setattr(readers, "fetch_url", refuse)


def read(name: str) -> list[RawDocument | InputError]:
    return list(readers.iter_documents([str(FIXTURES / name)]))


def article(name: str):
    [doc] = read(name)
    return extract_article(doc)


def test_basic_article():
    art = article("html/article_basic.html")
    assert art.title == "Calder Bay council approves new ferry terminal after two-year dispute"
    assert art.authors == ["Ruth Okafor"]
    assert art.outlet == "The Calder Bay Gazette"
    assert art.canonical_url == "https://www.calderbay-gazette.example/news/2025/11/04/ferry-terminal-approved"
    assert art.identity == art.canonical_url
    assert art.published is not None and art.published.startswith("2025-11-04")
    paragraphs = art.raw_text.split("\n\n")
    assert paragraphs[0].startswith("Calder Bay’s town council voted on Monday night")
    assert paragraphs[-1] == ("A public exhibition of the final designs will be held at the town library "
                              "from 10 November.")
    for clutter in ("We use cookies to give you the best experience", "Harbour lights switch-on date confirmed",
                    "© 2025 Calder Bay Gazette Ltd."):
        assert clutter not in art.raw_text


def test_cp1251_article():
    raw = (FIXTURES / "html/article_cp1251.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    art = article("html/article_cp1251.html")
    assert "Ольшанку" in art.raw_text and "«Мы ждали этого дня очень долго." in art.raw_text
    assert "—" in art.raw_text
    assert art.authors == ["Анна Кузнецова"] and art.outlet == "Северный вестник"


def test_koi8r_article_without_declaration():
    raw = (FIXTURES / "html/article_koi8r.html").read_bytes()
    assert b"charset" not in raw.lower() and b"encoding" not in raw.lower()
    art = article("html/article_koi8r.html")
    assert "Сосновогорья" in art.raw_text and "Илья Воронцов" in art.raw_text


def test_sign_in_page_is_not_an_article():
    with pytest.raises(NotAnArticle, match="not_an_article.html: not an article"):
        article("html/not_an_article.html")


def test_hostile_page_keeps_literal_text_and_no_active_content():
    art = article("html/hostile.html")
    assert art.title == "Port Elsby booking site defaced in attack <img src=x onerror=alert(1)>"
    assert re.findall(r"HOSTILE_\w+", art.raw_text) == []
    assert "The online booking system of the Port Elsby ferry company" in art.raw_text


def test_malformed_html_does_not_duplicate_words():
    art = article("html/malformed.html")
    assert art.raw_text.count("reverse its decision to cut weekend hours") == 1
    assert art.authors == ["Tom Beddoe"]
    for clutter in ("This site uses cookies", "Bypass roadworks delayed until October",
                    "Market hall repairs to start next month"):
        assert clutter not in art.raw_text


def test_rss_fixture():
    one, two, three = read("feed_rss.xml")
    assert (one.meta["title"], one.meta["authors"], one.meta["published"]) == (
        "Storm damages seawall at Kestrel Point", ["Mei Tanaka"], "2026-02-03T08:00:00+00:00")
    assert two.meta["url"] == "https://news.example/item2"
    assert isinstance(three, FetchError)  # a one-sentence teaser: its link must be fetched
    assert str(three).startswith(f"{FIXTURES / 'feed_rss.xml'}#3: cannot fetch https://news.example/item3: ")
    assert len(extract_article(one).raw_text.split("\n\n")) == 5


def test_atom_fixture_with_html_and_xhtml_content():
    items = read("feed_atom.xml")
    assert [i.meta["authors"] for i in items] == [["Sara Lind"], ["Ben Ashworth"]]
    assert [i.meta["published"] for i in items] == ["2026-02-10T07:30:00+00:00", "2026-02-09T12:00:00+00:00"]
    assert [len(extract_article(i).raw_text.split("\n\n")) for i in items] == [4, 4]


def test_malformed_feed_fixture_is_reported_without_crashing():
    items = read("malformed_feed.xml")
    assert all(isinstance(i, InputError) for i in items)  # the only whole entry is a short teaser
    assert str(items[-1]).startswith(f"{FIXTURES / 'malformed_feed.xml'}: malformed feed: ")


def test_jsonl_fixture():
    items = read("articles.jsonl")
    path = FIXTURES / "articles.jsonl"
    assert [i.source for i in items] == [f"{path}:{n}" for n in (1, 2, 3, 4)]
    assert isinstance(items[2], InputError) and str(items[2]).startswith(f"{path}:3: line is not JSON: ")
    arts = [extract_article(i) for i in items if isinstance(i, RawDocument)]
    assert [a.identity for a in arts] == ["id:cbg-2025-1101", "id:hn-2026-0203", "id:uo-2026-0211"]
    assert [a.language for a in arts] == ["en", "en", None]
    assert arts[1].authors == ["Mei Tanaka", "Owen Price"] and arts[2].published == "2026-02-11"
    assert arts[1].published == "2026-02-03T15:00:00+00:00"


def test_hard_wrapped_text_fixture_is_kept_verbatim():
    [doc] = read("text_plain_hardwrapped.txt")
    assert doc.kind == "text"
    art = extract_article(doc)
    assert art.raw_text == (FIXTURES / "text_plain_hardwrapped.txt").read_text(encoding="utf-8")
