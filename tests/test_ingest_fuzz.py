"""Property tests: decoding and reading arbitrary bytes or text only ever give documents or InputErrors."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings, strategies as st

from spinlens.errors import FetchError, InputError
from spinlens.ingest import readers
from spinlens.ingest.decode import decode_bytes, looks_like_feed, looks_like_html
from spinlens.ingest.document import RawDocument
from spinlens.ingest.extract import extract_article

EXTENSIONS = [".txt", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom", ".warc", ".warc.gz", ".dat"]

# Random text that sometimes looks like the formats we sniff, so the parsers get exercised too.
PREFIXES = st.sampled_from(["", "<!DOCTYPE html><html><body><p>", '<?xml version="1.0"?><rss><channel><item>'
                            "<description>", "<feed><entry><content>", '{"text": "', '{"html": "<p>', "WARC/1.0\r\n"])
TEXTS = st.builds(lambda prefix, body: prefix + body, PREFIXES, st.text(max_size=300))
ENCODINGS = st.sampled_from(["utf-8", "utf-16", "cp1251", "koi8_r", "latin-1", "shift_jis"])
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def refuse_fetch(url, **kwargs):
    raise FetchError("network disabled in this test", source=url)


@FUZZ
@given(st.binary(max_size=2000), st.none() | st.sampled_from(["utf-8", "cp1251", "bogus", "utf-16"]))
def test_decode_bytes_returns_text_or_input_error(data, declared):
    try:
        text = decode_bytes(data, "fuzz", declared)
    except InputError as exc:
        assert str(exc).startswith("fuzz: ")
    else:
        assert isinstance(text, str)


@FUZZ
@given(TEXTS, ENCODINGS)
def test_decode_bytes_on_encoded_text(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    try:
        decoded = decode_bytes(data, "fuzz")
    except InputError:
        return
    if encoding == "utf-8" or data == text.encode("utf-8"):
        if "\x00" not in text and data[:3] != b"\xef\xbb\xbf":
            assert decoded == text.removeprefix("\ufeff")  # the UTF-8 fast path is exact
    looks_like_html(decoded), looks_like_feed(decoded)


def _read_all(tmp: Path, name: str, data: bytes) -> list:
    path = tmp / name
    path.write_bytes(data)
    with mock.patch.object(readers, "fetch_url", refuse_fetch):
        items = list(readers.iter_documents([str(path)]))
    for item in items:
        assert isinstance(item, (RawDocument, InputError)), item
        if isinstance(item, InputError):
            assert str(item).startswith(str(path))
        else:
            assert item.source.startswith(str(path)) and isinstance(item.content, str)
            try:
                article = extract_article(item)
            except InputError:
                continue
            assert article.id and article.identity and article.raw_text
    return items


@FUZZ
@given(st.sampled_from(EXTENSIONS), st.binary(max_size=1500))
def test_iter_documents_on_random_bytes(extension, data):
    with tempfile.TemporaryDirectory() as tmp:
        _read_all(Path(tmp), "input" + extension, data)


@FUZZ
@given(st.sampled_from(EXTENSIONS), TEXTS, ENCODINGS)
def test_iter_documents_on_random_text(extension, text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        _read_all(Path(tmp), "input" + extension, data)


@FUZZ
@given(TEXTS)
def test_stdin_on_random_text(text):
    with mock.patch.object(readers, "fetch_url", refuse_fetch):
        items = list(readers.iter_documents(["-"], stdin=io.BytesIO(text.encode("utf-8"))))
    assert items and all(isinstance(i, (RawDocument, InputError)) for i in items)
