"""extract_article: trafilatura main text and metadata, container metadata precedence, identity, speed."""

from __future__ import annotations

import hashlib
import io
import json
import re

import pytest

from spinlens.errors import InputError, NotAnArticle
from spinlens.ingest.document import RawDocument
from spinlens.ingest.extract import extract_article
from spinlens.ingest.readers import iter_documents
from spinlens.model import short_id

PARAS = [
    "The city council voted on Tuesday to expand the bus network across the northern districts, "
    "a decision officials said would cut commuting times for thousands of residents.",
    "Opponents argued that the plan would strain the budget, while supporters pointed to rising "
    "ridership figures and the need to reduce traffic in the old town.",
    "The first new routes are expected to open next spring, the transport office said in a statement.",
]


def news_page(head: str = "", paras: list[str] = PARAS) -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<!DOCTYPE html><html><head><title>Council expands buses | Daily Bugle</title>{head}</head>"
            "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>Council expands bus network</h1>{body}</article>"
            "<footer>Copyright 2024 Daily Bugle. All rights reserved.</footer></body></html>")


RICH_HEAD = ('<meta property="og:site_name" content="Daily Bugle">'
             '<meta name="author" content="Ann Lee and Bob Roe">'
             '<meta name="description" content="The council backs more buses.">'
             '<meta property="article:published_time" content="2024-03-01T09:00:00Z">'
             '<link rel="canonical" href="https://www.bugle.example/news/buses">')


def test_html_article_text_and_metadata():
    doc = RawDocument("https://www.bugle.example/news/buses?utm=x", "html", news_page(RICH_HEAD),
                      {"url": "https://www.bugle.example/news/buses?utm=x"}, "url")
    art = extract_article(doc)
    assert art.raw_text.split("\n\n")[-3:] == PARAS
    assert "Home" not in art.raw_text and "\n\n\n" not in art.raw_text
    assert art.text == ""  # the cleaning stage fills it
    assert art.title == "Council expands bus network"
    assert art.authors == ["Ann Lee", "Bob Roe"]
    assert art.outlet == "Daily Bugle"
    assert art.site == "bugle.example"
    assert art.published == "2024-03-01"
    assert art.description == "The council backs more buses."
    assert art.url == "https://www.bugle.example/news/buses?utm=x"
    assert art.canonical_url == "https://www.bugle.example/news/buses"
    assert art.identity == "https://www.bugle.example/news/buses"
    assert art.id == short_id(art.identity)
    assert (art.source, art.source_kind, art.language) == (doc.source, "url", None)


def test_container_metadata_wins():
    meta = {"title": "Feed title", "authors": ["Carla Diaz"], "outlet": "Bugle Wire", "published": "2024-02-29",
            "language": "en", "id": "abc-1", "description": "From the feed", "site": "wire.example"}
    art = extract_article(RawDocument("feed.xml#1", "html", news_page(RICH_HEAD), meta, "feed"))
    assert (art.title, art.authors, art.outlet, art.published) == ("Feed title", ["Carla Diaz"], "Bugle Wire",
                                                                    "2024-02-29")
    assert (art.language, art.description, art.site) == ("en", "From the feed", "wire.example")
    assert art.identity == "id:abc-1"
    assert art.canonical_url == "https://www.bugle.example/news/buses"  # not given by the container


def test_outlet_falls_back_to_hostname_without_www():
    art = extract_article(RawDocument("u", "html", news_page(), {"url": "https://www.plain.example/a"}, "url"))
    assert art.outlet == "plain.example"
    assert art.site == "plain.example"
    assert art.url == art.identity == "https://www.plain.example/a"


def test_short_page_is_not_an_article():
    doc = RawDocument("menu.html", "html", "<html><body><p>Only one short sentence of eight words here.</p></body></html>", {},
                      "html")
    with pytest.raises(NotAnArticle) as info:
        extract_article(doc)
    assert str(info.value) == "menu.html: not an article (8 words of main text)"


def test_menu_and_form_labels_are_not_main_text():
    labels = ["Home", "News", "Sport", "What's on", "Property", "Jobs", "Subscribe", "Sign in to your account",
              "Email address", "Password", "Keep me signed in", "Sign in", "Forgot your password?",
              "Create a free account", "Help and support", "Contact us", "Not a subscriber? Subscribe from £1 a week"]
    html = ("<html><head><title>Sign in</title></head><body><main>"
            + "".join(f"<div><a href='/{i}'>{label}</a></div>" for i, label in enumerate(labels))
            + "</main></body></html>")
    with pytest.raises(NotAnArticle, match=r"^login.html: not an article \(8 words of main text\)$"):
        extract_article(RawDocument("login.html", "html", html, {}, "html"))


def test_page_without_main_text_is_not_an_article():
    with pytest.raises(NotAnArticle, match=r"^empty.html: not an article \(0 words of main text\)$"):
        extract_article(RawDocument("empty.html", "html", "<html><body></body></html>", {}, "html"))


def test_text_document_is_kept_as_is():
    content = "\n\n".join(PARAS) + "\n"
    art = extract_article(RawDocument("s.txt", "text", content, {"file": "/abs/s.txt"}, "txt"))
    assert art.raw_text == content
    assert art.identity == "file:/abs/s.txt"
    assert art.title is None and art.authors == [] and art.outlet is None


def test_blank_text_document_is_not_an_article():
    with pytest.raises(NotAnArticle, match="0 words"):
        extract_article(RawDocument("s.txt", "text", " \n ", {}, "txt"))


def test_identities_through_the_readers(tmp_path):
    (tmp_path / "a.txt").write_text(PARAS[0])
    (tmp_path / "b.json").write_text(json.dumps({"text": PARAS[1], "id": 7}))
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": PARAS[2]}) + "\n"
                                      + json.dumps({"text": PARAS[0], "url": "https://x.example/1"}) + "\n")
    arts = [extract_article(d) for d in iter_documents([str(tmp_path)])]
    assert [a.identity for a in arts] == [
        f"file:{(tmp_path / 'a.txt').resolve()}", "id:7",
        "sha:" + hashlib.sha256(PARAS[2].encode()).hexdigest(), "https://x.example/1"]
    assert [a.source_kind for a in arts] == ["txt", "json", "jsonl", "jsonl"]
    assert [a.url for a in arts][-1] == "https://x.example/1"


def test_cp1251_page_end_to_end(tmp_path):
    russian = ("Правительство объявило сегодня о новых мерах поддержки малого бизнеса в регионах страны. "
               "По словам министра экономики, программа рассчитана на три года и охватит более десяти тысяч "
               "предприятий.")
    path = tmp_path / "ru.html"
    path.write_bytes(news_page('<meta charset="windows-1251">', [russian, russian]).encode("cp1251"))
    [doc] = iter_documents([str(path)])
    art = extract_article(doc)
    assert russian in art.raw_text


def test_feed_entry_end_to_end(tmp_path):
    path = tmp_path / "feed.rss"
    items = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in PARAS)
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bugle</title><item>'
                    f"<title>Buses</title><link>https://bugle.example/buses</link>"
                    f"<author>news@bugle.example (Ann Lee)</author><description>{items}</description>"
                    "</item></channel></rss>")
    [doc] = iter_documents([str(path)])
    art = extract_article(doc)
    assert art.raw_text.split("\n\n") == PARAS
    assert (art.title, art.url, art.identity) == ("Buses", "https://bugle.example/buses",
                                                  "https://bugle.example/buses")
    assert art.outlet == "bugle.example"


def test_not_an_article_is_an_input_error():
    assert issubclass(NotAnArticle, InputError)


# -- hostile metadata: terminal escape sequences never reach a stored field -----------------------------

ESC_RECORD = {"title": "Buses\u001b[5m expand", "outlet": "Out\u001b[5mlet", "authors": ["Au\u001b]0;X\u0007thor"],
              "url": "https://ex.org/x?\u001b[31m", "canonical_url": "https://ex.org/c\u009b31m",
              "description": "Desc\u001b[2J\u0085ription", "published": "2024-01-02\u001b[0m", "site": "s\u001bite",
              "language": "en\u0007", "id": "rec\u001b[1m-1", "text": " ".join(PARAS)}
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _stored_strings(article) -> list[str]:
    """Every metadata string an article keeps (authors one by one)."""
    fields = ("title", "outlet", "site", "published", "url", "canonical_url", "description", "language", "identity")
    return [v for v in (getattr(article, f) for f in fields) if v] + list(article.authors)


def _feed_with_escapes() -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAS).replace("<", "&lt;")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>c</title>'
            "<item><title>Buses&#27;[5m expand</title><link>https://ex.org/f?&#27;[31m</link>"
            f"<author>Ann&#27;]0;x&#7; Lee</author><description>{body}</description></item></channel></rss>")


def _warc_with_escapes(path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://ex.org/w?\x1b[31m", "response",
                                                      payload=io.BytesIO(news_page().encode()),
                                                      http_headers=headers))


@pytest.mark.parametrize("kind", ["jsonl", "json", "feed", "warc"])
def test_metadata_control_characters_are_dropped_at_ingestion(tmp_path, kind):
    path = tmp_path / f"input.{'xml' if kind == 'feed' else kind}"
    if kind == "jsonl":
        path.write_text(json.dumps(ESC_RECORD) + "\n")
    elif kind == "json":
        path.write_text(json.dumps(ESC_RECORD))
    elif kind == "feed":
        path.write_text(_feed_with_escapes())
    else:
        _warc_with_escapes(path)
    # the feed's character references are not XML: feedparser reads the entry, then reports the feed malformed
    doc = next(item for item in iter_documents([str(path)]) if isinstance(item, RawDocument))
    article = extract_article(doc)
    strings = _stored_strings(article)
    assert strings and not [s for s in strings if _CONTROL.search(s)]
    if kind in ("json", "jsonl"):
        assert (article.outlet, article.authors, article.url) == ("Out[5mlet", ["Au]0", "Xthor"], "https://ex.org/x?[31m")
        assert (article.description, article.language, article.identity) == ("Desc[2J ription", "en", "id:rec[1m-1")
    elif kind == "feed":
        assert article.url == "https://ex.org/f?[31m" and article.title == "Buses[5m expand"


def test_metadata_given_through_the_api_is_cleaned_too():
    art = extract_article(RawDocument("<text>", "text", " ".join(PARAS),
                                      {"outlet": "Bugle\u009b1m", "authors": ["Ann\u001b[8m Lee", "\u0007"]}, "api"))
    assert (art.outlet, art.authors) == ("Bugle1m", ["Ann[8m Lee"])


def test_rich_markup_in_metadata_is_kept_as_text():
    meta = {"title": "[bold red]x[/] [link=https://evil.example]here[/link]", "outlet": "[blink]Out[/]"}
    art = extract_article(RawDocument("feed.xml#1", "html", news_page(), meta, "feed"))
    assert (art.title, art.outlet) == (meta["title"], meta["outlet"])


# -- code in headings: script, style, noscript and template content is never title or text -----------------

@pytest.mark.parametrize("inert", ["<script>alert(3)</script>", "<style>h1 { color: red }</style>",
                                   "<noscript>Enable JavaScript</noscript>", "<template><p>Template words</p></template>",
                                   '<script type="text/template"><b>tpl</b></script>'])
def test_code_inside_a_heading_is_neither_title_nor_text(inert):
    page = (f"<html><head></head><body><article><h1>Bridge {inert} opens</h1>{inert}"
            + "".join(f"<p>{p}</p>" for p in PARAS) + f"<p>{inert} Tail words stay in the text.</p></article></body></html>")
    art = extract_article(RawDocument("p.html", "html", page, {}, "html"))
    assert art.title == "Bridge opens"
    assert art.raw_text.split("\n\n")[0] == "Bridge opens"
    assert "Tail words stay in the text." in art.raw_text
    for leak in ("alert", "color", "JavaScript", "Template", "tpl"):
        assert leak not in art.title and leak not in art.raw_text


def test_json_ld_metadata_is_still_read_wherever_it_stands():
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"author": {"@type": "Person", "name": "Ann Lee"}, "datePublished": "2024-05-06"}</script>')
    page = news_page().replace("<h1>Council expands bus network</h1>", f"<h1>Council expands {ld}bus network</h1>")
    art = extract_article(RawDocument("p.html", "html", page, {}, "html"))
    assert (art.title, art.authors, art.published) == ("Council expands bus network", ["Ann Lee"], "2024-05-06")
    assert "schema.org" not in art.raw_text


# -- outlet names keep the page's own spelling ------------------------------------------------------------

LD_PUBLISHER = ('<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", '
                '"publisher": {{"@type": "Organization", "name": "{}"}}}}</script>')


@pytest.mark.parametrize("head,outlet", [
    ('<meta property="og:site_name" content="iNews">', "iNews"),
    ('<meta property="og:site_name" content="the valley post">', "the valley post"),
    ('<meta name="twitter:site" content="@valleypost">', "valleypost"),
    (LD_PUBLISHER.format("der Freitag"), "der Freitag"),
    ('<meta property="og:site_name" content="Daily Bugle">', "Daily Bugle"),
    ('<meta property="og:site_name" content="BBC News">', "BBC News"),
])
def test_outlet_keeps_the_spelling_of_the_page(head, outlet):
    art = extract_article(RawDocument("p.html", "html", news_page(head), {}, "html"))
    assert art.outlet == outlet
