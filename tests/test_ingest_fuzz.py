"""Property tests: decoding and reading arbitrary bytes or text only ever give documents or InputErrors,
and the articles analysed from them keep the span invariants (mutated valid inputs: test_ingest_mutations)."""

from __future__ import annotations

import gzip
import io
import tempfile
from pathlib import Path

from fuzz_inputs import analyse, fuzz_settings, read_path, read_stdin
from hypothesis import given
from hypothesis import strategies as st

from spinlens.errors import InputError
from spinlens.ingest.decode import decode_bytes, looks_like_feed, looks_like_html

EXTENSIONS = [".txt", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom", ".warc", ".warc.gz", ".dat"]

# Random text that sometimes looks like the formats we sniff, so the parsers get exercised too.
PREFIXES = st.sampled_from(["", "<!DOCTYPE html><html><body><p>", '<?xml version="1.0"?><rss><channel><item>'
                            "<description>", "<feed><entry><content>", '{"text": "', '{"html": "<p>', "WARC/1.0\r\n"])
TEXTS = st.builds(lambda prefix, body: prefix + body, PREFIXES, st.text(max_size=300))
ENCODINGS = st.sampled_from(["utf-8", "utf-16", "cp1251", "koi8_r", "latin-1", "shift_jis"])
FUZZ = fuzz_settings(60)


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
    items = read_path(path)
    for article in analyse(items):
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
    analyse(read_stdin(io.BytesIO(text.encode("utf-8"))))


@FUZZ
@given(st.sampled_from([".warc.gz", ".warc"]), st.binary(max_size=1500), st.booleans())
def test_warc_readers_on_random_gzipped_bytes(extension, data, warc_prefix):
    """Random bytes in a valid gzip stream get past decompression to the WARC record parser."""
    body = (b"WARC/1.0\r\nWARC-Type: response\r\n" if warc_prefix else b"") + data
    with tempfile.TemporaryDirectory() as tmp:
        _read_all(Path(tmp), "input" + extension, gzip.compress(body))
