"""Reading every kind of SOURCE (file, folder, URL, feed, JSON/JSONL, WARC, stdin) into `RawDocument`s."""

from __future__ import annotations

import io
import json
import os
import re
import stat
import sys
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from html import unescape
from typing import Any, BinaryIO, Iterable, Iterator

import feedparser
from warcio.archiveiterator import ArchiveIterator

from spinlens import settings
from spinlens.errors import FetchError, InputError
from spinlens.ingest.decode import decode_bytes, looks_like_feed, looks_like_html, replace_lone_surrogates
from spinlens.ingest.document import RawDocument
from spinlens.ingest.fetch import FetchResult, fetch_url
from spinlens.text.words import count_words

Item = RawDocument | InputError

#: File name endings read from folders (explicit file arguments of other types are sniffed).
EXTENSIONS = {".txt": "txt", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl",
              ".xml": "feed", ".rss": "feed", ".atom": "feed", ".warc": "warc", ".warc.gz": "warc"}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml"}
STDIN_NAME = "<stdin>"
#: feedparser "bozo" reasons that do not mean the feed is broken (wrong declared type or charset).
_BENIGN_FEED_PROBLEMS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_HEAD = 65536
_URL = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")
_TAG = re.compile(r"<[^>]*>")
_HTML_HINT = re.compile(r"<(?:html|head|body|title|p|div|article|section|h[1-6])\b", re.I)
#: An XML entity declaration, in any byte width (NULs between letters: UTF-16/32).  Feeds never need
#: one, and expat expands internal entities up to 100-fold: a 20 MB feed could become 2 GB of text.
_ENTITY_DECLARATION = re.compile(rb"<\x00*!\x00*E\x00*N\x00*T\x00*I\x00*T\x00*Y")
_AUTHOR_SPLIT = re.compile(r"\s*;\s*|\s+and\s+", re.I)
_JSON_KEYS = [("id", "id"), ("title", "title"), ("authors", "authors"), ("author", "authors"),
              ("outlet", "outlet"), ("site_name", "outlet"), ("source", "outlet"), ("site", "site"),
              ("url", "url"), ("canonical_url", "canonical_url"), ("published", "published"),
              ("published_at", "published"), ("date", "published"), ("language", "language"),
              ("lang", "language"), ("description", "description")]


def iter_documents(sources: Iterable[str], *, allow_private: bool | None = None,
                   stdin: BinaryIO | None = None) -> Iterator[RawDocument | InputError]:
    """Yield a document or an error for every input found in `sources`; one bad input never stops the rest."""
    for source in sources:
        for item in _source_items(os.fspath(source), allow_private, stdin):
            yield _printably_named(item)


def _source_items(source: str, allow_private: bool | None, stdin: BinaryIO | None) -> Iterator[Item]:
    """The documents and errors of one source: a path, a URL or '-'."""
    try:
        if source == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, allow_private)
        elif match := _URL.match(source):
            if match.group(1).lower() not in ("http", "https"):
                raise InputError(f"unsupported URL scheme {match.group(1)!r} (only http and https)",
                                 source=source)
            yield from _read_url(source, allow_private)
        else:
            yield from _read_path(source, allow_private)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", source=source)


def printable_name(name: str) -> str:
    """`name` as valid Unicode: a file name's undecodable bytes (surrogate escapes) shown as '\\xff'."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # surrogates that are not escaped bytes
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def _printably_named(item: Item) -> Item:
    """`item` with its source (and file) named in valid Unicode, so it can be printed and stored."""
    if isinstance(item, RawDocument):
        item.source = printable_name(item.source)
        if isinstance(item.meta.get("file"), str):
            item.meta["file"] = printable_name(item.meta["file"])
    elif item.source is not None and printable_name(item.source) != item.source:
        return type(item)(printable_name(item.reason), source=printable_name(item.source))
    return item


def split_authors(value: str) -> list[str]:
    """Split an author string on ';' and ' and ' ("Ann Lee; Bob Roe" -> ["Ann Lee", "Bob Roe"])."""
    return [name.strip() for name in _AUTHOR_SPLIT.split(value) if name.strip()]


def iso_date(value: Any) -> str | None:
    """An ISO 8601 string for an ISO or RFC 2822 date (or a `time.struct_time`); other strings unchanged."""
    if value is None or value == "":
        return None
    if hasattr(value, "tm_year"):
        return datetime(*value[:6], tzinfo=timezone.utc).isoformat()
    text = str(value).strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return text


def size_text(n: int) -> str:
    """A byte count for messages: '25.3 MB', '20 MB', '12 KB', '500 bytes'."""
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


# -- paths --------------------------------------------------------------------------------------

def _extension(path: str) -> str | None:
    name = path.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return EXTENSIONS.get(os.path.splitext(name)[1])


def _read_path(source: str, allow_private: bool | None) -> Iterator[Item]:
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise InputError("no such file or directory", source=source) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=source) from None
    if stat.S_ISDIR(info.st_mode):
        yield from _read_folder(source, allow_private)
    else:
        yield from _read_file(source, info.st_size, allow_private)


def _sorted_files(folder: str) -> Iterator[str | InputError]:
    """Known-type file paths under `folder`, depth first in name order, hidden entries and symlinked folders
    skipped; one folder's names are held at a time, so a tree of any size streams."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(((entry.name, entry.is_dir(follow_symlinks=False)) for entry in listing
                              if not entry.name.startswith(".")))
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", source=exc.filename or folder)
        return
    for name, is_folder in entries:
        path = os.path.join(folder, name)
        if is_folder:
            yield from _sorted_files(path)
        elif _extension(name) is not None and not (os.path.islink(path) and os.path.isdir(path)):
            yield path


def _read_folder(folder: str, allow_private: bool | None) -> Iterator[Item]:
    """Known-type files under `folder`, recursively, sorted, skipping hidden files and folders."""
    found = problems = 0
    for path in _sorted_files(folder):
        if isinstance(path, InputError):
            problems += 1
            yield path
            continue
        found += 1
        try:
            info = os.stat(path)
            if stat.S_ISREG(info.st_mode):  # not pipes or devices that happen to have a known name
                yield from _read_file(path, info.st_size, allow_private)
        except InputError as exc:
            yield exc
        except OSError as exc:
            yield InputError(f"cannot read: {exc.strerror or exc}", source=path)
    if not found and not problems:
        raise InputError("folder holds no readable files (" + ", ".join(EXTENSIONS) + ")", source=folder)


def _read_file(path: str, size: int, allow_private: bool | None) -> Iterator[Item]:
    ext = _extension(path)
    limit = settings.get("max_bytes")
    if ext == "jsonl":  # streamed: the limit applies per line
        with open(path, "rb") as stream:
            yield from _jsonl_items(stream, path, "jsonl", limit)
        return
    if ext == "warc":  # streamed: the limit applies per record
        yield from _warc_items(path, limit)
        return
    if size > limit:
        raise InputError(f"file is {size_text(size)}, over the {size_text(limit)} limit (SPINLENS_MAX_BYTES)",
                         source=path)
    with open(path, "rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:  # grew since stat, or a device
        raise InputError(f"larger than {limit} bytes", source=path)
    meta = {"file": os.path.abspath(path)}
    if ext == "json":
        yield _json_document(_parse_json(decode_bytes(data, path), path), path, "json", meta)
        return
    if ext == "feed" and not looks_like_html(data[:_HEAD].decode("latin-1")):
        yield from _feed_items(data, path, allow_private)
        return
    text = decode_bytes(data, path)
    if ext == "txt":
        yield RawDocument(path, "text", text, meta, "txt")
    elif ext in ("html", "feed"):
        yield RawDocument(path, "html", text, meta, "html")
    elif looks_like_feed(text):
        yield from _feed_items(data, path, allow_private)
    else:
        kind = "html" if _htmlish(text) else "text"
        yield RawDocument(path, kind, text, meta, "html" if kind == "html" else "txt")


def _htmlish(text: str) -> bool:
    """HTML by its doctype/root, or markup-first text with typical HTML elements."""
    if looks_like_html(text):
        return True
    return text.lstrip()[:1] == "<" and _HTML_HINT.search(text, 0, 4096) is not None


# -- JSON and JSONL -------------------------------------------------------------------------------

def _parse_json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        hint = " (several objects? name the file .jsonl)" if "Extra data" in str(exc) else ""
        raise InputError(f"not valid JSON: {exc}{hint}", source=source) from None


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(value), "a number")


def _scalar(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str):
        return replace_lone_surrogates(value.strip()) or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _json_document(obj: Any, source: str, source_kind: str,
                   meta: dict[str, Any] | None = None) -> RawDocument:
    """A document from one JSON object with 'text' or 'html' and optional metadata fields."""
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {_json_type(obj)}", source=source)
    meta = dict(meta or {})
    for key, target in _JSON_KEYS:
        if target in meta or key not in obj:
            continue
        value = obj[key]
        if target == "authors":
            items = value if isinstance(value, list) else [value]
            names = [n for item in items if (s := _scalar(item)) for n in split_authors(s)]
            if names:
                meta["authors"] = names
        elif (text := _scalar(value)) is not None:
            meta[target] = iso_date(text) if target == "published" else text
    for field, kind in (("text", "text"), ("html", "html")):
        value = obj.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if not isinstance(value, str):
            raise InputError(f"JSON field {field!r} is {_json_type(value)}, not a string", source=source)
        return RawDocument(source, kind, replace_lone_surrogates(value), meta, source_kind)
    raise InputError("JSON object has no 'text' or 'html' field", source=source)


def _jsonl_items(stream: BinaryIO, source: str, source_kind: str, limit: int) -> Iterator[Item]:
    """One document per JSON line, read line by line; bad lines become errors named 'source:LINE'."""
    number = blank = 0
    while line := stream.readline(limit + 1):
        number += 1
        name = f"{source}:{number}"
        if len(line) > limit and not line.endswith(b"\n"):
            while (more := stream.readline(1 << 20)) and not more.endswith(b"\n"):
                pass
            yield InputError(f"line is larger than {limit} bytes", source=name)
            continue
        if not line.strip():
            blank += 1
            continue
        try:
            obj = json.loads(decode_bytes(line, name))
        except InputError as exc:
            yield exc
            continue
        except (ValueError, RecursionError) as exc:
            yield InputError(f"line is not JSON: {exc}", source=name)
            continue
        try:
            yield _json_document(obj, name, source_kind)
        except InputError as exc:
            yield exc
    if number == blank:  # nothing at all to report otherwise: say so rather than yield nothing
        yield InputError(f"no JSON lines ({number} blank lines)" if number else "empty input", source=source)


# -- feeds ---------------------------------------------------------------------------------------

def _feed_items(data: bytes, source: str, allow_private: bool | None, source_kind: str = "feed",
                headers: dict[str, str] | None = None) -> Iterator[Item]:
    """Entries of an RSS/Atom/RDF feed: their own content when long enough, else the linked page."""
    if _ENTITY_DECLARATION.search(data):
        raise InputError("feed declares XML entities (<!ENTITY>), refused: expanding them can turn a small "
                         "feed into gigabytes", source=source)
    # A stream, never bytes/str: feedparser would treat those as a file name or a URL to open.
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers or {})
    except Exception as exc:  # feedparser lets some defects escape (a NUL in the declared encoding)
        raise InputError(f"malformed feed: it cannot be parsed as XML ({exc})", source=source) from None
    if not parsed.entries:
        if parsed.get("bozo"):
            raise InputError(f"malformed feed: {parsed.get('bozo_exception')}", source=source)
        raise InputError("feed has no entries", source=source)
    min_words = settings.get("min_words")
    for number, entry in enumerate(parsed.entries, 1):
        try:
            yield _entry_document(entry, f"{source}#{number}", source_kind, allow_private, min_words)
        except InputError as exc:
            yield exc
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(problem, _BENIGN_FEED_PROBLEMS):
        raise InputError(f"malformed feed: {problem} (read {len(parsed.entries)} entries before it)",
                         source=source)


def _entry_document(entry: Any, name: str, source_kind: str, allow_private: bool | None,
                    min_words: int) -> RawDocument:
    meta: dict[str, Any] = {}
    if title := _scalar(entry.get("title")):
        meta["title"] = title
    if link := _scalar(entry.get("link")):
        meta["url"] = link
    # dict.get reads the keys as parsed: feedparser's own get() maps a missing published date to the updated
    # one with a DeprecationWarning, and the fallback to the updated date is made here explicitly
    if published := iso_date(dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
                             or dict.get(entry, "published") or dict.get(entry, "updated")):
        meta["published"] = published
    authors = [n for a in entry.get("authors") or [] if (n := _scalar(a))]
    if not authors and (author := _scalar(entry.get("author"))):
        authors = split_authors(author)
    if authors:
        meta["authors"] = authors
    contents = [c for c in entry.get("content") or [] if _scalar(c.get("value"))]
    summary = entry.get("summary") or ""
    if contents:
        best = max(contents, key=lambda c: len(c.get("value", "")))
        body, body_type = best["value"], best.get("type", "text/html")
        if summary and summary != body:
            meta["description"] = " ".join(unescape(_TAG.sub(" ", summary)).split())
    else:
        body, body_type = summary, (entry.get("summary_detail") or {}).get("type", "text/html")
    words = count_words(unescape(_TAG.sub(" ", body))) if body else 0
    if words >= min_words:
        if body_type == "text/plain":
            return RawDocument(name, "text", body, meta, source_kind)
        wrapped = f"<html><body><article>{body}</article></body></html>"  # a whole page for trafilatura
        return RawDocument(name, "html", wrapped, meta, source_kind)
    if not link:
        raise InputError(f"feed entry has {words} words of text and no link", source=name)
    try:
        result = fetch_url(link, allow_private=allow_private)
    except FetchError as exc:
        raise FetchError(f"cannot fetch {link}: {exc.reason}", source=name) from None
    return _page_document(result, name, source_kind, meta)


# -- URLs and stdin ------------------------------------------------------------------------------

def _read_url(url: str, allow_private: bool | None) -> Iterator[Item]:
    result = fetch_url(url, allow_private=allow_private)
    mime = result.content_type or ""
    head = result.content[:_HEAD].decode("latin-1")
    if mime not in HTML_TYPES and not looks_like_html(head) and (mime in FEED_TYPES or looks_like_feed(head)):
        headers = {"content-location": result.url}
        if mime:
            headers["content-type"] = mime + (f"; charset={result.charset}" if result.charset else "")
        yield from _feed_items(result.content, url, allow_private, "feed", headers)
    else:
        yield _page_document(result, url, "url", {})


def _page_document(result: FetchResult, source: str, source_kind: str, meta: dict[str, Any]) -> RawDocument:
    """A fetched page as an html or text document; the final URL goes into meta['url']."""
    mime = result.content_type or ""
    if mime.startswith(("image/", "audio/", "video/", "font/")) or mime in ("application/pdf",
                                                                            "application/zip"):
        raise InputError(f"not a text page (content type {mime})", source=source)
    text = decode_bytes(result.content, source, result.charset)
    kind = "html" if mime in HTML_TYPES or (mime != "text/plain" and _htmlish(text)) else "text"
    return RawDocument(source, kind, text, {**meta, "url": result.url}, source_kind)


class _Prefixed(io.RawIOBase):
    """A raw stream that replays already-read bytes, then continues with the rest of a stream."""

    def __init__(self, prefix: bytes, stream: BinaryIO):
        self._prefix, self._stream = prefix, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._prefix[:len(buffer)]
        if data:
            self._prefix = self._prefix[len(data):]
        else:
            read = getattr(self._stream, "read1", self._stream.read)
            data = read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _read_stdin(stream: BinaryIO, allow_private: bool | None) -> Iterator[Item]:
    """Sniff stdin: a JSON object, JSONL (streamed), a feed, HTML or plain text."""
    limit = settings.get("max_bytes")
    data = stream.read(_HEAD)
    complete = len(data) < _HEAD or not (extra := stream.read(1))
    if not complete:
        data += extra
    too_big = InputError(f"input is over the {size_text(limit)} limit (SPINLENS_MAX_BYTES)",
                         source=STDIN_NAME)
    if data.lstrip()[:1] == b"{":
        whole: Any = None
        if complete and len(data) <= limit:
            try:
                whole = json.loads(decode_bytes(data, STDIN_NAME))
            except (ValueError, RecursionError):
                pass
        if isinstance(whole, dict):
            yield _json_document(whole, STDIN_NAME, "stdin")
            return
        try:
            first = json.loads(data.lstrip().split(b"\n", 1)[0])
        except (ValueError, RecursionError):
            first = None
        if isinstance(first, dict):
            lines = io.BytesIO(data) if complete else io.BufferedReader(_Prefixed(data, stream))
            yield from _jsonl_items(lines, STDIN_NAME, "stdin", limit)
            return
    if not complete and len(data) <= limit:
        data += stream.read(limit + 1 - len(data))
    if len(data) > limit:
        raise too_big
    text = decode_bytes(data, STDIN_NAME)
    if data.lstrip()[:1] == b"{":
        _parse_json(text, STDIN_NAME)  # raises the JSON error: it looked like JSON but is not
    if looks_like_feed(text):
        yield from _feed_items(data, STDIN_NAME, allow_private, "stdin")
    else:
        yield RawDocument(STDIN_NAME, "html" if _htmlish(text) else "text", text, {}, "stdin")


# -- WARC ----------------------------------------------------------------------------------------

class _Malformed(Exception):
    """A WARC defect warcio does not report itself."""


class _CheckedArchive(ArchiveIterator):
    """An `ArchiveIterator` that notes a gzip member cut short (warcio itself just stops silently)."""

    truncated = False

    def close(self) -> None:
        decompressor = getattr(self.reader, "decompressor", None)
        if decompressor is not None and not getattr(decompressor, "eof", True):
            self.truncated = True
        super().close()


def _warc_items(path: str, limit: int) -> Iterator[Item]:
    """HTML 200 responses of a WARC (plain or gzipped), streamed record by record."""
    number = found = 0
    with open(path, "rb") as stream:
        try:
            archive = _CheckedArchive(stream)
            for record in archive:
                number += 1
                if record.format != "warc":
                    raise _Malformed(f"record {number} is not a WARC record ({record.format})")
                if not record.rec_type or not record.rec_headers.get_header("Content-Length"):
                    raise _Malformed(f"record {number} is cut short in its headers (no type or no length)")
                item = _warc_record(record, f"{path}#{number}", limit)
                if _drained_short(record):
                    raise _Malformed(f"record {number} is truncated")
                if item is not None:
                    found += 1
                    yield item
            if archive.truncated:
                raise _Malformed(f"gzip data cut short after record {number}")
        except Exception as exc:  # warcio/zlib/EOF errors on corrupt or truncated archives
            reason = str(exc) if isinstance(exc, _Malformed) else _warc_problem(exc, number)
            raise InputError(f"malformed WARC: {reason}", source=path) from None
    if not found:
        raise InputError(f"no HTML pages among the {number} WARC records", source=path)


def _warc_problem(exc: Exception, number: int) -> str:
    """What an error of warcio or zlib says about the file, in words about the file (not about warcio's code)."""
    text = str(exc)
    first = text.partition("first line: ")[2].strip("[]'\" \r\n")
    if first and any(version.startswith(first) for version in ("WARC/1.0", "WARC/1.1")):
        return f"record {number + 1} is cut short in its headers"
    if "Unknown archive format" in text:
        return ("not a WARC file: it does not begin with a WARC record header" if number == 0
                else f"what follows record {number} is not a WARC record")
    if "Invalid WARC record" in text:
        return f"record {number + 1} does not begin with a valid WARC header"
    if isinstance(exc, (EOFError, OSError)) or type(exc).__module__ == "zlib":
        return f"gzip data damaged or cut short after record {number}"
    return f"the headers of record {number + 1} are incomplete or damaged (the file may be cut short)"


def _drained_short(record: Any) -> bool:
    """Read the rest of a record; True when the file ended before its declared length."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return getattr(raw, "limit", 0) > 0


def _warc_record(record: Any, name: str, limit: int) -> Item | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type.split(";", 1)[0].strip().lower() not in HTML_TYPES:
        return None
    body = record.content_stream().read(limit + 1)  # warcio's readers fill the requested length
    if len(body) > limit:
        return InputError(f"record is larger than {limit} bytes", source=name)
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    try:
        text = decode_bytes(body, name, charset.group(1) if charset else None)
    except InputError as exc:
        return exc
    url = record.rec_headers.get_header("WARC-Target-URI")
    return RawDocument(name, "html", text, {"url": url} if url else {}, "warc")
