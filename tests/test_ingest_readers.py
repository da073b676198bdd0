"""iter_documents over files, folders, JSON/JSONL, feeds, URLs, stdin and WARC; errors as values."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from spinlens.errors import FetchError, InputError
from spinlens.ingest import readers
from spinlens.ingest.document import META_KEYS, RawDocument
from spinlens.ingest.readers import iter_documents, size_text

WORDS = ("The council voted on Tuesday to expand the bus network across the northern districts, "
         "a decision officials said would cut commuting times for thousands of residents.")
RUSSIAN = ("Правительство объявило сегодня о новых мерах поддержки малого бизнеса в регионах страны. "
           "По словам министра экономики, программа рассчитана на три года и охватит более десяти тысяч "
           "предприятий. Эксперты считают, что эти меры помогут сохранить рабочие места, однако критики "
           "указывают на недостаточное финансирование. Окончательное решение будет принято после "
           "обсуждения в парламенте в следующем месяце.")


def page(title: str = "Buses", body: str = WORDS, head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body><nav>Home</nav>"
            f"<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>")


def run(*sources: str, **kwargs) -> list[RawDocument | InputError]:
    return list(iter_documents(list(sources), **kwargs))


def docs_and_errors(items):
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(docs) + len(errors) == len(items)
    return docs, errors


def rss(items: list[str], channel: str = "Example News") -> str:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{channel}</title><link>https://news.example/</link>{''.join(items)}</channel></rss>")


# -- plain files ----------------------------------------------------------------------------------

def test_text_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(WORDS, encoding="utf-8")
    [doc] = run(str(path))
    assert doc == RawDocument(str(path), "text", WORDS, {"file": str(path.resolve())}, "txt")


@pytest.mark.parametrize("name", ["story.html", "story.htm"])
def test_html_file(tmp_path, name):
    path = tmp_path / name
    path.write_text(page(), encoding="utf-8")
    [doc] = run(str(path))
    assert (doc.kind, doc.source_kind, doc.content) == ("html", "html", page())


def test_cp1251_html_declared_in_meta(tmp_path):
    path = tmp_path / "ru.html"
    path.write_bytes(page("Новости", RUSSIAN, '<meta charset="windows-1251">').encode("cp1251"))
    [doc] = run(str(path))
    assert RUSSIAN in doc.content and "Новости" in doc.content


def test_koi8r_text_without_declaration(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.encode("koi8_r"))
    [doc] = run(str(path))
    assert doc.content == RUSSIAN


def test_missing_path(tmp_path):
    missing = str(tmp_path / "nope.txt")
    [error] = run(missing)
    assert isinstance(error, InputError)
    assert str(error) == f"{missing}: no such file or directory"


def test_binary_and_empty_files(tmp_path):
    png = tmp_path / "image.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    errors = run(str(png), str(empty))
    assert [str(e) for e in errors] == [f"{png}: binary content, not text", f"{empty}: empty input"]


def test_oversize_file_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setenv("SPINLENS_MAX_BYTES", "1000")
    path = tmp_path / "big.html"
    path.write_text("x" * 3000)

    def no_open(*args, **kwargs):
        raise AssertionError("file opened despite its size")
    monkeypatch.setattr(readers, "open", no_open, raising=False)
    [error] = run(str(path))
    assert str(error) == f"{path}: file is 2.9 KB, over the 1000 bytes limit (SPINLENS_MAX_BYTES)"


def test_size_text():
    assert size_text(int(25.3 * 1024 * 1024)) == "25.3 MB"
    assert size_text(20 * 1024 * 1024) == "20 MB"
    assert size_text(999) == "999 bytes"


def test_unknown_extension_is_sniffed_not_refused(tmp_path):
    php = tmp_path / "article.php"
    php.write_text(page())
    md = tmp_path / "notes.md"
    md.write_text("# Notes\n\n" + WORDS)
    feed = tmp_path / "updates.dat"
    feed.write_text(rss([f"<item><title>One</title><description>{WORDS}</description></item>"]))
    docs = run(str(php), str(md), str(feed))
    assert [(d.source, d.kind) for d in docs] == [(str(php), "html"), (str(md), "text"), (f"{feed}#1", "html")]


def test_unsupported_scheme():
    [error] = run("ftp://example.com/a.txt")
    assert str(error) == "ftp://example.com/a.txt: unsupported URL scheme 'ftp' (only http and https)"


# -- folders --------------------------------------------------------------------------------------

def test_folder_recursive_sorted_hidden_skipped_and_bad_file_reported(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "c.html").write_text(page())
    (tmp_path / "a.txt").write_text(WORDS)
    (tmp_path / "b" / "bad.json").write_text("{not json")
    (tmp_path / "b" / "d.txt").write_bytes(b"")
    (tmp_path / ".hidden.txt").write_text(WORDS)
    (tmp_path / ".git" / "x.txt").write_text(WORDS)
    (tmp_path / "notes.md").write_text(WORDS)
    (tmp_path / "z.jsonl").write_text(json.dumps({"text": WORDS}) + "\n")
    items = run(str(tmp_path))
    assert [i.source for i in items] == [str(tmp_path / p) for p in
                                         ("a.txt", "b/bad.json", "b/c.html", "b/d.txt", "z.jsonl:1")]
    docs, errors = docs_and_errors(items)
    assert len(docs) == 3
    assert str(errors[0]).startswith(f"{tmp_path / 'b' / 'bad.json'}: not valid JSON: ")
    assert str(errors[1]) == f"{tmp_path / 'b' / 'd.txt'}: empty input"


def test_empty_folder(tmp_path):
    [error] = run(str(tmp_path))
    assert str(error).startswith(f"{tmp_path}: folder holds no readable files")


def test_one_bad_source_does_not_stop_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(WORDS)
    items = run(str(tmp_path / "missing.txt"), "-", str(good), stdin=io.BytesIO(b""))
    assert [type(i).__name__ for i in items] == ["InputError", "InputError", "RawDocument"]
    assert str(items[1]) == "<stdin>: empty input"


# -- JSON and JSONL -------------------------------------------------------------------------------

def test_json_object_with_metadata_aliases(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({
        "text": WORDS, "title": "Buses", "author": "Ann Lee and Bob Roe", "source": {"name": "Daily"},
        "site": "daily.example", "url": "https://daily.example/buses", "canonical_url": "https://daily.example/c",
        "date": "2024-03-01T10:00:00Z", "lang": "en", "id": 42, "description": "Transit news", "extra": [1],
    }))
    [doc] = run(str(path))
    assert (doc.kind, doc.source_kind, doc.content) == ("text", "json", WORDS)
    assert doc.meta == {"file": str(path.resolve()), "id": "42", "title": "Buses", "authors": ["Ann Lee", "Bob Roe"],
                        "outlet": "Daily", "site": "daily.example", "url": "https://daily.example/buses",
                        "canonical_url": "https://daily.example/c", "published": "2024-03-01T10:00:00+00:00",
                        "language": "en", "description": "Transit news"}
    assert set(doc.meta) - {"file"} <= set(META_KEYS)


def test_json_html_field_authors_list_and_outlet_aliases(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"html": page(), "authors": ["Ann Lee", {"name": "Bob Roe"}],
                                "site_name": "Daily", "published_at": "Fri, 01 Mar 2024 10:00:00 GMT"}))
    [doc] = run(str(path))
    assert doc.kind == "html" and doc.content == page()
    assert doc.meta["authors"] == ["Ann Lee", "Bob Roe"]
    assert doc.meta["outlet"] == "Daily"
    assert doc.meta["published"] == "2024-03-01T10:00:00+00:00"


@pytest.mark.parametrize("content,reason", [
    ({"title": "no body"}, "JSON object has no 'text' or 'html' field"),
    ({"text": "  "}, "JSON object has no 'text' or 'html' field"),
    ({"text": ["a"]}, "JSON field 'text' is an array, not a string"),
    ([{"text": "a"}], "expected a JSON object, got an array"),
])
def test_json_errors(tmp_path, content, reason):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(content))
    [error] = run(str(path))
    assert str(error) == f"{path}: {reason}"


def test_json_not_json(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"text": "a"}\n{"text": "b"}\n')
    [error] = run(str(path))
    assert str(error).startswith(f"{path}: not valid JSON: Extra data")
    assert "name the file .jsonl" in str(error)


def test_jsonl_bad_lines_do_not_stop_later_lines(tmp_path):
    path = tmp_path / "many.jsonl"
    lines = [json.dumps({"text": "first " + WORDS, "url": "https://a.example/1"}), "",
             "{this is not json", json.dumps({"html": page()}), json.dumps({"title": "empty"}), "[1, 2]",
             json.dumps({"text": "last"})]
    path.write_text("\n".join(lines) + "\n")
    items = run(str(path))
    assert [i.source for i in items] == [f"{path}:{n}" for n in (1, 3, 4, 5, 6, 7)]
    assert str(items[1]) == f"{path}:3: line is not JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"
    assert str(items[3]) == f"{path}:5: JSON object has no 'text' or 'html' field"
    assert str(items[4]) == f"{path}:6: expected a JSON object, got an array"
    assert isinstance(items[0], RawDocument) and items[0].meta == {"url": "https://a.example/1"}
    assert items[0].source_kind == "jsonl" and "file" not in items[0].meta
    assert (items[2].kind, items[5].content) == ("html", "last")


def test_jsonl_limit_applies_per_line_not_per_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SPINLENS_MAX_BYTES", "300")
    path = tmp_path / "big.jsonl"
    small = json.dumps({"text": WORDS[:100]})
    with path.open("w") as fh:
        for _ in range(50):
            fh.write(small + "\n")
        fh.write(json.dumps({"text": "x" * 5000}) + "\n")
        fh.write(small + "\n")
    items = run(str(path))
    docs, errors = docs_and_errors(items)
    assert len(docs) == 51
    assert [str(e) for e in errors] == [f"{path}:51: line is larger than 300 bytes"]
    assert items[-1].source == f"{path}:52"


def test_jsonl_non_utf8_line(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(json.dumps({"text": RUSSIAN}, ensure_ascii=False).encode("koi8_r") + b"\n")
    [doc] = run(str(path))
    assert doc.content == RUSSIAN


# -- stdin ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("data,kind", [
    (WORDS.encode(), "text"),
    (page().encode(), "html"),
    (json.dumps({"text": WORDS, "title": "T"}, indent=2).encode(), "text"),
])
def test_stdin_single_documents(data, kind):
    [doc] = run("-", stdin=io.BytesIO(data))
    assert (doc.source, doc.kind, doc.source_kind) == ("<stdin>", kind, "stdin")


def test_stdin_jsonl_and_feed():
    lines = b"\n".join(json.dumps({"text": f"{i} {WORDS}"}).encode() for i in range(3)) + b"\nnot json\n"
    items = run("-", stdin=io.BytesIO(lines))
    assert [i.source for i in items] == ["<stdin>:1", "<stdin>:2", "<stdin>:3", "<stdin>:4"]
    assert isinstance(items[3], InputError)
    feed = rss([f"<item><title>One</title><description>{WORDS}</description></item>"]).encode()
    [doc] = run("-", stdin=io.BytesIO(feed))
    assert (doc.source, doc.meta["title"]) == ("<stdin>#1", "One")


def test_stdin_large_jsonl_is_streamed_past_the_first_chunk(monkeypatch):
    monkeypatch.setenv("SPINLENS_MAX_BYTES", "2000")  # far below the whole input: the limit is per line
    data = b"".join(json.dumps({"text": f"{i} {WORDS}"}).encode() + b"\n" for i in range(600))
    assert len(data) > 100_000
    items = run("-", stdin=io.BytesIO(data))
    assert all(isinstance(i, RawDocument) for i in items)
    assert [i.content.split()[0] for i in items] == [str(i) for i in range(600)]


def test_stdin_over_the_limit_and_broken_json(monkeypatch):
    monkeypatch.setenv("SPINLENS_MAX_BYTES", "100")
    [error] = run("-", stdin=io.BytesIO(WORDS.encode() * 3))
    assert str(error) == "<stdin>: input is over the 100 bytes limit (SPINLENS_MAX_BYTES)"
    monkeypatch.delenv("SPINLENS_MAX_BYTES")
    [error] = run("-", stdin=io.BytesIO(b'{\n  "text": '))
    assert str(error).startswith("<stdin>: not valid JSON: ")


# -- feeds ----------------------------------------------------------------------------------------

def test_rss_file_long_entries_are_documents(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(rss([
        f"<item><title>One</title><link>https://news.example/1</link><pubDate>Fri, 01 Mar 2024 10:00:00 GMT</pubDate>"
        f"<author>ann@news.example (Ann Lee)</author><description>Short teaser</description>"
        f"<content:encoded><![CDATA[<p>{WORDS}</p><p>{WORDS}</p>]]></content:encoded></item>",
        f"<item><title>Two</title><description>{WORDS}</description></item>",
        "<item><title>Three</title><description>too short</description></item>",
    ]))
    items = run(str(path))
    assert [i.source for i in items] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    one, two, three = items
    assert one.kind == "html" and one.source_kind == "feed" and WORDS in one.content
    assert one.meta["title"] == "One" and one.meta["url"] == "https://news.example/1"
    assert one.meta["published"] == "2024-03-01T10:00:00+00:00"
    assert one.meta["description"] == "Short teaser"
    assert two.meta == {"title": "Two"}
    assert str(three) == f"{path}#3: feed entry has 2 words of text and no link"


def test_atom_file(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>X</title>'
        '<entry><title>Atom one</title><link href="https://news.example/a1"/><updated>2024-03-02T08:30:00Z</updated>'
        "<author><name>Ann Lee</name></author><author><name>Bob Roe</name></author>"
        f'<content type="html">&lt;p&gt;{WORDS}&lt;/p&gt;</content></entry></feed>')
    [doc] = run(str(path))
    assert doc.meta["authors"] == ["Ann Lee", "Bob Roe"]
    assert doc.meta["published"] == "2024-03-02T08:30:00+00:00"
    assert WORDS in doc.content


def test_malformed_and_empty_feeds(tmp_path):
    bad = tmp_path / "bad.rss"
    bad.write_text("<rss version='2.0'><channel>&&&<<<")
    empty = tmp_path / "empty.xml"
    empty.write_text(rss([]))
    items = run(str(bad), str(empty))
    assert str(items[0]).startswith(f"{bad}: malformed feed: ")
    assert str(items[1]) == f"{empty}: feed has no entries"


def test_malformed_feed_with_entries_keeps_them_and_reports_the_damage(tmp_path):
    path = tmp_path / "cut.xml"
    path.write_text(rss([f"<item><title>Whole</title><description>{WORDS}</description></item>"])
                    .replace("</channel></rss>", "<item><title>Cut &amp; gone<desc"))
    items = run(str(path))
    assert isinstance(items[0], RawDocument) and items[0].meta["title"] == "Whole"
    assert str(items[-1]).startswith(f"{path}: malformed feed: ")
    assert str(items[-1]).endswith("entries before it)")


def test_feed_file_that_is_really_html(tmp_path):
    path = tmp_path / "page.xml"
    path.write_text('<?xml version="1.0"?>' + page())
    [doc] = run(str(path))
    assert doc.kind == "html"


# -- URLs -----------------------------------------------------------------------------------------

@pytest.fixture
def server(httpserver_ipv4):
    return httpserver_ipv4


def test_url_html_page_follows_redirect_and_records_final_url(server):
    server.expect_request("/go").respond_with_data("", status=301, headers={"Location": "/story"})
    server.expect_request("/story").respond_with_data(page(), content_type="text/html; charset=utf-8")
    [doc] = run(server.url_for("/go"), allow_private=True)
    assert (doc.source, doc.kind, doc.source_kind) == (server.url_for("/go"), "html", "url")
    assert doc.meta == {"url": server.url_for("/story")}


def test_url_charset_from_header_and_text_pages(server):
    server.expect_request("/ru").respond_with_data(RUSSIAN.encode("cp1251"), content_type="text/plain; charset=windows-1251")
    server.expect_request("/img").respond_with_data(b"\x89PNG\r\n", content_type="image/png")
    items = run(server.url_for("/ru"), server.url_for("/img"), allow_private=True)
    assert (items[0].kind, items[0].content) == ("text", RUSSIAN)
    assert str(items[1]) == f"{server.url_for('/img')}: not a text page (content type image/png)"


def test_url_refused_by_default(server):
    [error] = run(server.url_for("/x"))
    assert isinstance(error, FetchError)
    assert "refused: resolves to private address 127.0.0.1; use --allow-private" in str(error)


def test_url_feed_with_short_entry_fetches_the_linked_page(server):
    feed = rss([
        f"<item><title>Full</title><link>{server.url_for('/full')}</link><description>{WORDS}</description></item>",
        f"<item><title>Teaser</title><link>{server.url_for('/story')}</link><description>Read more</description>"
        "<pubDate>Fri, 01 Mar 2024 10:00:00 GMT</pubDate></item>",
        f"<item><title>Gone</title><link>{server.url_for('/gone')}</link><description>Soon</description></item>",
    ])
    server.expect_request("/feed").respond_with_data(feed, content_type="application/rss+xml")
    server.expect_request("/story").respond_with_data(page("Teaser page"), content_type="text/html")
    server.expect_request("/gone").respond_with_data("", status=404)
    url = server.url_for("/feed")
    items = run(url, allow_private=True)
    assert [i.source for i in items] == [f"{url}#1", f"{url}#2", f"{url}#3"]
    full, teaser, gone = items
    assert full.meta["url"] == server.url_for("/full") and WORDS in full.content
    assert teaser.content == page("Teaser page") and teaser.kind == "html" and teaser.source_kind == "feed"
    assert teaser.meta == {"title": "Teaser", "url": server.url_for("/story"),
                           "published": "2024-03-01T10:00:00+00:00"}
    assert isinstance(gone, FetchError)
    assert str(gone) == f"{url}#3: cannot fetch {server.url_for('/gone')}: HTTP 404"


def test_url_feed_sniffed_without_feed_content_type(server):
    server.expect_request("/f").respond_with_data(
        rss([f"<item><title>A</title><description>{WORDS}</description></item>"]), content_type="text/plain")
    [doc] = run(server.url_for("/f"), allow_private=True)
    assert doc.source == server.url_for("/f") + "#1"


def test_feed_links_respect_the_private_address_check(tmp_path, server):
    path = tmp_path / "feed.rss"
    path.write_text(rss([f"<item><title>T</title><link>{server.url_for('/s')}</link></item>"]))
    [error] = run(str(path))
    assert isinstance(error, FetchError)
    assert str(error).startswith(f"{path}#1: cannot fetch {server.url_for('/s')}: refused: resolves to private")


# -- WARC -----------------------------------------------------------------------------------------

def write_warc(path: Path, gzip: bool, records: list[tuple[str, str, str, bytes]]) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for url, status, content_type, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


WARC_RECORDS = [
    ("https://a.example/1", "200 OK", "text/html; charset=utf-8", page("One").encode()),
    ("https://a.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(50)),
    ("https://a.example/missing", "404 Not Found", "text/html", page("Missing").encode()),
    ("https://a.example/ru", "200 OK", "text/html; charset=windows-1251", page("Новости", RUSSIAN).encode("cp1251")),
    ("https://a.example/koi", "200 OK", "application/xhtml+xml", page("Новости", RUSSIAN).encode("koi8_r")),
]


@pytest.mark.parametrize("name,gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses_only(tmp_path, name, gzip):
    path = tmp_path / name
    write_warc(path, gzip, WARC_RECORDS)
    items = run(str(path))
    assert all(isinstance(i, RawDocument) for i in items)
    assert [(i.source, i.meta["url"]) for i in items] == [
        (f"{path}#2", "https://a.example/1"), (f"{path}#5", "https://a.example/ru"),
        (f"{path}#6", "https://a.example/koi")]
    assert all((i.kind, i.source_kind) == ("html", "warc") for i in items)
    assert "<h1>One</h1>" in items[0].content
    assert RUSSIAN in items[1].content and RUSSIAN in items[2].content


def test_warc_in_a_folder(tmp_path):
    write_warc(tmp_path / "c.warc.gz", True, WARC_RECORDS[:1])
    [doc] = run(str(tmp_path))
    assert doc.source == f"{tmp_path / 'c.warc.gz'}#2"


def test_warc_record_over_the_limit_is_skipped_with_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("SPINLENS_MAX_BYTES", "2000")
    path = tmp_path / "big.warc.gz"
    write_warc(path, True, [("https://a.example/big", "200 OK", "text/html", page(body=WORDS * 30).encode()),
                            WARC_RECORDS[0]])
    items = run(str(path))
    assert str(items[0]) == f"{path}#2: record is larger than 2000 bytes"
    assert isinstance(items[1], RawDocument) and items[1].source == f"{path}#3"


@pytest.mark.parametrize("name,gzip,reason", [("cut.warc.gz", True, "gzip data cut short after record 2"),
                                               ("cut.warc", False, "record 3 is truncated")])
def test_truncated_warc_yields_records_read_then_an_error(tmp_path, name, gzip, reason):
    path = tmp_path / name
    write_warc(path, gzip, WARC_RECORDS[:1] + [("https://a.example/2", "200 OK", "text/html",
                                                 page(body=WORDS * 40).encode())])
    data = path.read_bytes()
    path.write_bytes(data[:len(data) - 400])
    items = run(str(path))
    assert isinstance(items[0], RawDocument) and items[0].source == f"{path}#2"
    assert [str(i) for i in items[1:]] == [f"{path}: malformed WARC: {reason}"]


def test_warc_cut_inside_a_record_header_says_so_in_words_about_the_file(tmp_path):
    path = tmp_path / "cut.warc"
    write_warc(path, False, WARC_RECORDS[:1])
    data = path.read_bytes()
    path.write_bytes(data[:data.index(b"WARC-Target-URI")])  # record 2 ends before its URI and its length
    [error] = run(str(path))
    assert str(error) == f"{path}: malformed WARC: the headers of record 2 are incomplete or damaged (the file may be cut short)"
    path.write_bytes(data[:data.index(b"WARC-Type: response") + 5])
    assert [str(e) for e in run(str(path))] == [f"{path}: malformed WARC: record 2 is cut short in its headers (no type or no length)"]
    path.write_bytes(data[:data.index(b"WARC/1.0", 10) + 3])
    assert [str(e) for e in run(str(path))] == [f"{path}: malformed WARC: record 2 is cut short in its headers"]


def test_arc_file_named_warc_is_refused(tmp_path):
    path = tmp_path / "old.warc"
    path.write_text("http://a.example/ 1.2.3.4 20240101000000 text/html 5\nhello\n")
    [error] = run(str(path))
    assert str(error) == f"{path}: malformed WARC: record 1 is not a WARC record (arc)"


def test_not_a_warc_and_warc_without_pages(tmp_path):
    junk = tmp_path / "junk.warc"
    junk.write_text("this is not an archive\n" * 5)
    nothing = tmp_path / "nothing.warc"
    write_warc(nothing, False, WARC_RECORDS[1:3])
    items = run(str(junk), str(nothing))
    assert str(items[0]).startswith(f"{junk}: malformed WARC: ")
    assert str(items[1]) == f"{nothing}: no HTML pages among the 3 WARC records"
