"""Shared by the fuzz tests: example budgets, small valid seed inputs of every format, byte-level
mutations of them, and the checks every read document and analysed article must pass."""

from __future__ import annotations

import functools
import gzip
import io
import itertools
import os
import unicodedata
from pathlib import Path
from typing import BinaryIO
from unittest import mock

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from spinlens.clean.normalize import normalize_line, normalize_text
from spinlens.errors import FetchError, InputError
from spinlens.ingest import readers
from spinlens.ingest.document import RawDocument
from spinlens.ingest.extract import extract_article
from spinlens.model import LAYER_PARAGRAPH, LAYER_SENTENCE, LAYER_TITLE, Article
from spinlens.pipeline import Pipeline


def fuzz_settings(examples: int) -> settings:
    """Hypothesis settings running `examples` examples, or `SPINLENS_FUZZ_EXAMPLES` for long local runs."""
    return settings(max_examples=int(os.environ.get("SPINLENS_FUZZ_EXAMPLES") or examples), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


# -- seeds: small valid inputs, written for these tests -------------------------------------------------

BODY = ("The harbour council voted on Tuesday to close the old ferry pier after engineers found cracks "
        "in three of its supporting beams. Residents who rely on the morning crossing said the decision "
        "came without warning and asked the council to run a replacement bus until repairs are done.")
BODY_RU = ("Городской совет во вторник проголосовал за закрытие старого паромного причала после того, как "
           "инженеры обнаружили трещины в трёх опорных балках. Жители просили запустить автобус.")


def _page(title: str, body: str, charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="{charset}"><title>{title}</title>'
            f'<meta name="author" content="Ada Quill"></head><body><nav><a href="/">Home</a></nav>'
            f"<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article>"
            "<footer>© 2024 Harbour Gazette</footer></body></html>")


@functools.cache  # warcio stamps records with fresh ids and dates: build each one once
def _warc(gzipped: bool, types: tuple[str, str] = ("text/html; charset=utf-8",
                                                  "text/html; charset=windows-1251")) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("seed.warc", {"software": "spinlens tests"}))
    for url, content_type, body in (
            ("https://gazette.example/pier", types[0], _page("Pier closes", BODY).encode()),
            ("https://gazette.example/ru", types[1], _page("Причал", BODY_RU, "windows-1251").encode("cp1251"))):
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return out.getvalue()


_ITEM = ("<item><title>Pier closes</title><link>https://gazette.example/pier</link>"
         "<pubDate>Tue, 02 Apr 2024 10:00:00 GMT</pubDate><author>Ada Quill</author>"
         f"<description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item>")
_ENTRY = ('<entry><title>Pier closes</title><link href="https://gazette.example/pier"/>'
          "<updated>2024-04-02T10:00:00Z</updated><author><name>Ada Quill</name></author>"
          f'<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry>')
_JSON = ('{"title": "Pier closes", "author": "Ada Quill; Ben Roe", "url": "https://gazette.example/pier", '
         f'"published": "2024-04-02", "text": "Pier closes\\n\\n{BODY}\\n\\n{BODY}"}}')

#: name -> (file name ending, bytes).  Every one reads into at least one article.
SEEDS: dict[str, tuple[str, bytes]] = {
    "html": (".html", _page("Pier closes", BODY).encode()),
    "html_cp1251": (".html", _page("Причал", BODY_RU, "windows-1251").encode("cp1251")),
    "json": (".json", _JSON.encode()),
    "jsonl": (".jsonl", (_JSON + "\n" + _JSON.replace("Pier closes", "Second") + "\n").encode()),
    "rss": (".rss", ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                     f"<title>Harbour Gazette</title>{_ITEM}{_ITEM}</channel></rss>").encode()),
    "atom": (".atom", ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                       f"<title>Harbour Gazette</title>{_ENTRY}</feed>").encode()),
    "warc": (".warc", _warc(False)),
    "warc_gz": (".warc.gz", _warc(True)),
    "txt": (".txt", f"Pier closes\n\nBy Ada Quill\n\n{BODY}\n\n{BODY}\n\nSubscribe to our newsletter\n".encode()),
    "txt_utf16": (".txt", f"Pier closes\r\n\r\n{BODY}\r\n".encode("utf-16")),
    "txt_cp1251": (".txt", f"Причал\n\n{BODY_RU}\n\n{BODY_RU}\n".encode("cp1251")),
    "txt_koi8r": (".txt", f"Причал\n\n{BODY_RU}\n".encode("koi8_r")),
    "txt_shift_jis": (".txt", ("桟橋の閉鎖\n\n" + "市議会は火曜日、古いフェリー桟橋の閉鎖を決めた。" * 8)
                      .encode("shift_jis")),
}
ALL_ENDINGS = sorted({*readers.EXTENSIONS, ".dat", ""})


# -- mutations ------------------------------------------------------------------------------------------

#: Declared charsets and content types that lie: unknown, multi-byte, 7-bit, binary, empty.
_LABELS = [b"utf-16", b"utf-32", b"utf-7", b"bogus", b"koi8-r", b"shift_jis", b"", b"\x00", b"ascii", b"x" * 300]
_TYPES = ["text/html; charset=utf-16", "text/html; charset=bogus", "text/html; charset=utf-7", "text/plain",
          "application/xhtml+xml; charset=\"koi8-r\"", "image/png", "text/html; charset=", "TEXT/HTML"]
_BAD_UTF8 = [b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82", b"\xc0\xaf",
             b"\x80\x80\x80"]
ENTITY_BOMB = (b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
           b'<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
           b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
           b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
           b'<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
           b'<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">]>')
_EXTERNAL = b'<!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>'
#: Unit -> how it is repeated: deep nesting of every syntax, long lines, long attributes, entity bombs.
_BLOWUPS = [b"[", b'{"a":', b"<div>", b"<b><i>", b"<item>", b"<entry><content>", b"<!--", b"&lol6;", b"&ext;",
            b"x", b" ", b"\n", b"\r", b"\t", b"\xc2\xa0", b"\xe2\x80\x8b", b"e\xcc\x81", b".", b"\\u00e9",
            b"\\ud800", b"\\udfff\\ud800"]


@st.composite
def _position(draw, data: bytes) -> int:
    return draw(st.integers(0, len(data)))


@st.composite
def mutate(draw, data: bytes) -> bytes:
    """`data` after one to four byte-level mutations (flip, insert, delete, duplicate, truncate, splice,
    NULs, invalid UTF-8, deep nesting, long runs, entity bombs)."""
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "duplicate", "truncate", "splice", "nul",
                                   "utf8", "blowup", "attribute", "doctype", "relabel"]))
        at = draw(_position(data))
        if op == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ (1 << draw(st.integers(0, 7)))]) + data[at + 1:]
        elif op == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 64)):]
        elif op == "duplicate":
            piece = data[at:at + draw(st.integers(1, 400))]
            where = draw(_position(data))
            data = data[:where] + piece * draw(st.integers(1, 3)) + data[where:]
        elif op == "truncate":
            data = data[:at]
        elif op == "splice":
            other = SEEDS[draw(st.sampled_from(sorted(SEEDS)))][1]
            data = data[:at] + other[draw(st.integers(0, len(other))):]
        elif op == "nul":
            data = data[:at] + b"\x00" * draw(st.integers(1, 3)) + data[at:]
        elif op == "utf8":
            data = data[:at] + draw(st.sampled_from(_BAD_UTF8)) + data[at:]
        elif op == "blowup":
            unit = draw(st.sampled_from(_BLOWUPS))
            data = data[:at] + unit * draw(st.sampled_from([2, 50, 600, 5000, 40000])) + data[at:]
        elif op == "attribute":
            data = data[:at] + b'<a title="' + b"y" * draw(st.sampled_from([300, 70000])) + b'">' + data[at:]
        elif op == "doctype":  # where an XML/HTML prolog goes, or anywhere
            at = draw(st.sampled_from([0, data.find(b"?>") + 2 if b"?>" in data else 0, at]))
            data = data[:at] + draw(st.sampled_from([ENTITY_BOMB, _EXTERNAL])) + data[at:]
        elif op == "relabel":  # a declared charset (HTML meta, XML declaration) that lies
            for label in (b"utf-8", b"windows-1251"):
                data = data.replace(label, draw(st.sampled_from(_LABELS)), 1)
    return data


@st.composite
def mutated_seed(draw, names: list[str] | None = None) -> tuple[str, bytes]:
    """(file name ending, bytes): a mutated seed, usually under its own ending, sometimes under a wrong one.

    Gzipped WARC seeds are also mutated inside the compression (then re-gzipped), so the WARC parser
    sees damaged records, not only damaged gzip streams."""
    name = draw(st.sampled_from(names or sorted(SEEDS)))
    ending, data = SEEDS[name]
    if name.startswith("warc") and draw(st.booleans()):  # records whose HTTP Content-Type lies
        data = _warc(name == "warc_gz", (draw(st.sampled_from(_TYPES)), draw(st.sampled_from(_TYPES))))
    if name == "warc_gz" and draw(st.booleans()):
        data = gzip.compress(draw(mutate(gzip.decompress(data))))
    else:
        data = draw(mutate(data))
    if draw(st.integers(0, 4)) == 0:
        ending = draw(st.sampled_from(ALL_ENDINGS))
    return ending, data


# -- reading and checking -------------------------------------------------------------------------------

#: The stages that turn what the readers give into text and its structure.  The model stages after
#: them take seconds on the long runs mutations make, so fuzzing stops here; the seeds run them all.
STRUCTURE_STAGES = ("clean", "paragraphs", "language", "sentences")
_PIPELINES: dict[tuple[str, ...] | None, Pipeline] = {}


def pipeline(names: tuple[str, ...] | None = STRUCTURE_STAGES) -> Pipeline:
    """A pipeline of `names` (None: every default stage), built once per test session."""
    if names not in _PIPELINES:
        _PIPELINES[names] = Pipeline(names)
    return _PIPELINES[names]


def refuse_fetch(url: str, **kwargs):
    """Stands in for `fetch_url`: fuzzed feeds must never reach the network."""
    raise FetchError("network disabled in this test", source=url)


def read_path(path: Path) -> list[RawDocument | InputError]:
    """Every item `iter_documents` yields for `path`, each checked to be a document or a named error."""
    with mock.patch.object(readers, "fetch_url", refuse_fetch):
        items = list(readers.iter_documents([str(path)]))
    assert items, f"{path}: no document and no error"
    for item in items:
        check_item(item, str(path))
    produced = sum(len(i.content) for i in items if isinstance(i, RawDocument))
    assert produced <= 8 * path.stat().st_size + 1000, f"{path}: {path.stat().st_size} bytes became {produced}"
    return items


def read_stdin(stream: BinaryIO) -> list[RawDocument | InputError]:
    """Every item `iter_documents` yields for stdin `stream`, each checked like `read_path`'s."""
    with mock.patch.object(readers, "fetch_url", refuse_fetch):
        items = list(readers.iter_documents(["-"], stdin=stream))
    assert items, "stdin: no document and no error"
    for item in items:
        check_item(item, readers.STDIN_NAME)
    return items


def check_item(item: object, source: str) -> None:
    """A reader's item is a decoded document or an InputError whose message starts with the input name."""
    source = readers.printable_name(source)
    assert isinstance(item, (RawDocument, InputError)), repr(item)
    if isinstance(item, InputError):
        assert str(item).startswith(source) and item.reason, str(item)
    else:
        assert item.source.startswith(source) and isinstance(item.content, str) and item.kind in ("html", "text")
        assert all(isinstance(k, str) for k in item.meta)
        assert "root:x:0:0" not in item.content, "an external entity pulled in /etc/passwd"


def analyse(items: list[RawDocument | InputError],
            stages: tuple[str, ...] | None = STRUCTURE_STAGES) -> list[Article]:
    """Extract and run `stages` on the documents among `items`; check every article produced."""
    articles = []
    for item in items:
        if isinstance(item, RawDocument):
            try:
                articles.append(extract_article(item))
            except InputError as exc:
                assert str(exc).startswith(item.source) and exc.reason, str(exc)
    pipeline(stages).run(articles)
    for article in articles:
        check_article(article)
    return articles


def check_article(article: Article) -> None:
    """The invariants every analysed article keeps: status, span bounds, paragraphs, sentences, normal text."""
    assert article.ok or article.status.startswith("skipped: "), f"{article.source}: {article.status}"
    text = article.text
    for span in article.spans:
        assert 0 <= span.start <= span.end <= len(text), (span, len(text))
    if not article.ok:
        return
    assert text == normalize_text(text) and unicodedata.is_normalized("NFC", text)
    assert article.title is None or article.title == normalize_line(article.title) != ""
    paragraphs = article.layer(LAYER_PARAGRAPH)
    assert "\n\n".join(text[p.start:p.end] for p in paragraphs) == text
    for before, after in itertools.pairwise(paragraphs):
        assert before.end < after.start
    for para in paragraphs:
        piece = text[para.start:para.end]
        assert piece and piece == piece.strip() and "\n" not in piece
    sentences = article.layer(LAYER_SENTENCE)
    for before, after in itertools.pairwise(sentences):
        assert before.end <= after.start
    for sentence in sentences:
        assert any(p.start <= sentence.start <= sentence.end <= p.end for p in paragraphs), sentence
        assert text[sentence.start:sentence.end].strip()
    for title in article.layer(LAYER_TITLE):
        assert (title.start, text[title.start:title.end]) == (0, article.title)
