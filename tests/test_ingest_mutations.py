"""Mutation fuzzing: damaged versions of valid inputs of every format, read and analysed end to end,
give only named InputErrors and articles that keep the span invariants; oversize inputs are refused."""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from fuzz_inputs import (
    BODY,
    ENTITY_BOMB,
    SEEDS,
    analyse,
    check_item,
    fuzz_settings,
    mutated_seed,
    read_path,
    read_stdin,
)
from hypothesis import given
from hypothesis import strategies as st

from spinlens.clean import clean_text
from spinlens.errors import InputError
from spinlens.ingest import readers
from spinlens.ingest.fetch import FetchResult
from spinlens.ingest.document import RawDocument


def _read_and_analyse(ending: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("input" + ending)
        path.write_bytes(data)
        analyse(read_path(path))


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_every_seed_reads_into_an_analysed_article(name, tmp_path):
    ending, data = SEEDS[name]
    path = tmp_path / ("seed" + ending)
    path.write_bytes(data)
    items = read_path(path)
    assert all(isinstance(i, RawDocument) for i in items), items
    articles = analyse(items, stages=None)
    assert articles and all(a.ok for a in articles), [a.status for a in articles]


@fuzz_settings(80)
@given(mutated_seed(["html", "html_cp1251", "txt", "txt_utf16", "txt_cp1251", "txt_koi8r", "txt_shift_jis"]))
def test_mutated_html_and_text_files(case):
    _read_and_analyse(*case)


@fuzz_settings(60)
@given(mutated_seed(["json", "jsonl"]))
def test_mutated_json_and_jsonl_files(case):
    _read_and_analyse(*case)


@fuzz_settings(60)
@given(mutated_seed(["rss", "atom"]))
def test_mutated_feeds(case):
    _read_and_analyse(*case)


@fuzz_settings(60)
@given(mutated_seed(["warc", "warc_gz"]))
def test_mutated_warc_archives(case):
    _read_and_analyse(*case)


@fuzz_settings(50)
@given(mutated_seed())
def test_mutated_inputs_on_stdin(case):
    analyse(read_stdin(io.BytesIO(case[1])))


_MEDIA_TYPES = [None, "text/html", "application/xhtml+xml", "text/plain", "application/rss+xml", "text/xml",
                "application/json", "image/png", "application/pdf", "application/octet-stream"]


@fuzz_settings(50)
@given(mutated_seed(), st.sampled_from(_MEDIA_TYPES),
       st.sampled_from([None, "utf-8", "utf-16", "koi8-r", "bogus", "utf-7", ""]))
def test_mutated_pages_served_with_any_content_type(case, media_type, charset):
    """A URL whose server sends any body under any (often wrong) content type and charset."""
    url = "https://gazette.example/page"
    page = FetchResult(url, case[1], media_type, charset)
    with mock.patch.object(readers, "fetch_url", lambda *args, **kwargs: page):
        items = list(readers.iter_documents([url]))
    assert items
    for item in items:
        check_item(item, url)
    analyse(items)


# -- size bound ----------------------------------------------------------------------------------------

#: What each kind of input says when it is over SPINLENS_MAX_BYTES (files whole; JSONL per line;
#: WARC per record).
_OVER_LIMIT = {".html": "over the {limit} bytes limit (SPINLENS_MAX_BYTES)",
               ".txt": "over the {limit} bytes limit (SPINLENS_MAX_BYTES)",
               ".json": "over the {limit} bytes limit (SPINLENS_MAX_BYTES)",
               ".rss": "over the {limit} bytes limit (SPINLENS_MAX_BYTES)",
               ".jsonl": "line is larger than {limit} bytes",
               ".warc": "record is larger than {limit} bytes",
               ".warc.gz": "record is larger than {limit} bytes"}


@fuzz_settings(40)
@given(st.sampled_from(sorted(SEEDS)), st.integers(64, 180))  # every seed (and WARC page) is longer
def test_inputs_over_the_size_limit_give_the_documented_error(name, limit):
    ending, data = SEEDS[name]
    with pytest.MonkeyPatch.context() as patch, tempfile.TemporaryDirectory() as tmp:
        patch.setenv("SPINLENS_MAX_BYTES", str(limit))
        path = Path(tmp) / ("big" + ending)
        path.write_bytes(data)
        items = read_path(path)
        expected = _OVER_LIMIT[".rss" if ending == ".atom" else ending].format(limit=limit)
        assert any(isinstance(i, InputError) and expected in str(i) for i in items), items
        stdin_items = read_stdin(io.BytesIO(data))
        assert any(isinstance(i, InputError) and ("over the" in str(i) or "larger than" in str(i))
                   for i in stdin_items), stdin_items


class _CountingStream(io.RawIOBase):
    """An endless stdin of one repeated byte that counts what the reader took from it."""

    def __init__(self, byte: bytes):
        self.byte, self.taken = byte, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = self.byte * len(buffer)
        self.taken += len(buffer)
        return len(buffer)


@pytest.mark.parametrize("byte", [b"a", b"<", b"{", b"\n"])
def test_endless_stdin_is_refused_after_reading_just_past_the_limit(byte, monkeypatch):
    monkeypatch.setenv("SPINLENS_MAX_BYTES", "100000")
    stream = _CountingStream(byte)
    items = read_stdin(io.BufferedReader(stream, 4096))
    assert [str(i) for i in items] == ["<stdin>: input is over the 97.7 KB limit (SPINLENS_MAX_BYTES)"]
    assert stream.taken <= 100000 + readers._HEAD + 2 * 4096


def test_huge_sparse_files_are_refused_without_being_read(tmp_path):
    for ending in (".html", ".json", ".txt", ".xml", ".dat"):
        path = tmp_path / ("sparse" + ending)
        with path.open("wb") as fh:
            fh.truncate(1 << 34)  # 16 GB of holes: reading it would take minutes, refusing it none
        [error] = read_path(path)
        assert isinstance(error, InputError) and str(error) == (
            f"{path}: file is 16384 MB, over the 20 MB limit (SPINLENS_MAX_BYTES)")


# -- regressions the fuzzing found ---------------------------------------------------------------------

@pytest.mark.parametrize("data,reason", [(b"", "empty input"), (b"\n \r\n\n", "no JSON lines (3 blank lines)")])
def test_empty_jsonl_file_is_an_error_not_silence(tmp_path, data, reason):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(data)
    assert [str(i) for i in read_path(path)] == [f"{path}: {reason}"]


def test_feed_declaring_an_encoding_with_a_nul_is_a_malformed_feed(tmp_path):
    path = tmp_path / "nul.rss"
    path.write_bytes(b'<?xml version="1.0" encoding="ut\x00f-8"?><rss><channel><item><title>x</title>'
                     b"</item></channel></rss>")
    assert [str(i) for i in read_path(path)] == [f"{path}: malformed feed: it cannot be parsed as XML (embedded null character)"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_feed_with_an_entity_bomb_is_refused_before_parsing(tmp_path, encoding):
    path = tmp_path / "bomb.rss"
    bomb = ENTITY_BOMB.decode() + "<rss><channel><item><title>x</title><description>&lol6;</description></item>"
    path.write_bytes(f'<?xml version="1.0" encoding="{encoding}"?>{bomb}</channel></rss>'.encode(encoding))
    reason = "feed declares XML entities (<!ENTITY>), refused: expanding them can turn a small feed into gigabytes"
    assert [str(i) for i in read_path(path)] == [f"{path}: {reason}"]


def test_lone_surrogates_from_json_escapes_become_replacement_characters(tmp_path):
    path = tmp_path / "surrogates.jsonl"
    body = f"{BODY} \\udfff {BODY}"
    path.write_text(json.dumps({"title": "Pier \ud800 closes", "author": "Ada \udfff Quill", "text": body},
                               ensure_ascii=True) + "\n")
    [doc] = read_path(path)
    assert (doc.meta["title"], doc.meta["authors"]) == ("Pier \ufffd closes", ["Ada \ufffd Quill"])
    [article] = analyse([doc], stages=None)
    assert article.ok and "\ufffd" in article.text and article.layer("sentence")
    article.text.encode("utf-8")  # valid Unicode all through


def test_cleaning_replaces_lone_surrogates():
    assert clean_text(f"Pier \ud800 closes\n\n{BODY}").text == f"Pier \ufffd closes\n\n{BODY}"


_NAME_BYTES = st.binary(min_size=1, max_size=12).filter(lambda b: b"/" not in b and b"\x00" not in b)


@fuzz_settings(50)
@given(_NAME_BYTES, st.sampled_from(["txt", "json"]))
def test_any_file_name_bytes_give_printable_sources(name, seed):
    """File names need not be UTF-8; every source and file name read from them must be valid Unicode."""
    ending, data = SEEDS[seed]
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(os.fsencode(tmp), b"in")
        os.mkdir(folder)
        path = os.path.join(folder, b"." + name if name.startswith(b".") else name) + ending.encode()
        with open(path, "wb") as fh:
            fh.write(data)
        items = [*read_path(Path(os.fsdecode(folder))), *read_path(Path(os.fsdecode(path)))]
        for item in items:
            item.source.encode("utf-8")
            if isinstance(item, RawDocument):
                item.meta["file"].encode("utf-8")
            else:
                str(item).encode("utf-8")


def test_file_with_an_undecodable_name_is_read_and_stored(tmp_path, library):
    path = os.path.join(os.fsencode(tmp_path), b"\xffpier.txt")
    with open(path, "wb") as fh:
        fh.write(SEEDS["txt"][1])
    [doc] = read_path(Path(os.fsdecode(path)))
    assert doc.source == f"{tmp_path}/\\xffpier.txt" and doc.meta["file"] == doc.source
    [article] = analyse([doc])
    [saved] = library.save_many([article])
    assert library.get(article.id).source == doc.source, saved


@pytest.mark.parametrize("title", ["\x00\u200b", "\u200b\ufeff", "\x01 \x02"])
def test_a_title_of_only_invisible_characters_is_dropped(tmp_path, title):
    path = tmp_path / "blank-title.json"
    path.write_text(json.dumps({"title": title, "text": BODY}))
    [article] = analyse(read_path(path))
    assert article.ok and article.title is None and not article.layer("title")
