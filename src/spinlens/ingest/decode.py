"""Turning input bytes into text: UTF-8 fast path, declared charsets, detection; HTML/feed sniffers."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from spinlens.errors import InputError

#: Bytes inspected by the binary check and the `<meta charset>` sniffer.
BINARY_PROBE = 8192
META_PROBE = 4096

# C0 controls other than \t \n \v \f \r and ESC (ESC appears in ISO-2022 encodings), plus DEL.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"

#: Charset labels that browsers (WHATWG Encoding Standard) read as windows-1252.
_AS_CP1252 = {"latin1", "latin_1", "iso8859_1", "iso_8859_1", "ascii", "us_ascii", "l1", "cp819"}

_META_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
_FIRST_TAG = re.compile(r"<(?![?!])([a-z][\w:.-]*)")
_LEADING_JUNK = re.compile(r"^(?:\s+|<!--.*?-->|<\?(?!xml\s).*?\?>)+", re.S)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


#: Document formats people may pass for an article, named in the error (their bytes would read as junk text).
_DOCUMENT_FORMATS = ((b"%PDF-", "a PDF document"),
                     (b"PK\x03\x04", "a ZIP archive (or a Word, OpenDocument or EPUB file)"),
                     (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
                     (b"{\\rtf", "an RTF document"))


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode input bytes to text: strict UTF-8, else the declared/sniffed charset, else detection."""
    if not data:
        raise InputError("empty input", source=source)
    for magic, kind in _DOCUMENT_FORMATS:
        if data.startswith(magic):
            raise InputError(f"{kind}, which spinlens does not read: convert it to text or HTML first", source=source)
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            pass
        else:  # a binary file may start with these two bytes too
            if is_binary(text[:BINARY_PROBE].encode("utf-8", "surrogatepass")):
                raise InputError("binary content, not text", source=source)
            return text
    if is_binary(data):
        raise InputError("binary content, not text", source=source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for label in (declared, sniff_charset(data)):
        codec = _codec(label)
        if codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue
    best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot detect the text encoding", source=source)
    return str(best).lstrip("\ufeff")


def replace_lone_surrogates(text: str) -> str:
    """`text` with each lone surrogate (JSON's "\\ud800" decodes to one) as U+FFFD: not valid Unicode."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def is_binary(data: bytes) -> bool:
    """True when the first 8 KB hold a NUL byte or more than 5% control characters."""
    probe = data[:BINARY_PROBE]
    if b"\x00" in probe:
        return True
    controls = len(probe) - len(probe.translate(None, _CONTROL))
    return controls > 0.05 * len(probe)


def sniff_charset(data: bytes) -> str | None:
    """The charset an XML declaration or an HTML `<meta>` tag declares in the first 4 KB, if any."""
    head = data[:META_PROBE]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _codec(label: str | None) -> str | None:
    """Python codec name for a charset label, or None when unknown (or a UTF-16/32 label on 8-bit data)."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    if name in _AS_CP1252:
        return "cp1252"
    if name.startswith(("utf_16", "utf_32")):
        return None  # a meta tag cannot truthfully declare these (we got here through 8-bit bytes)
    return name


def _root_tag(text: str) -> tuple[str, str]:
    """The lowercased start of `text` past prolog junk (comments, PIs), and its first element name."""
    head = _LEADING_JUNK.sub("", text[:4096].lstrip("\ufeff").lower(), count=1)
    if head.startswith("<?xml"):
        end = head.find("?>")
        head = _LEADING_JUNK.sub("", head[end + 2:] if end >= 0 else "", count=1)
    if head.startswith("<!doctype") and not head.startswith("<!doctype html"):
        end = head.find(">")
        head = _LEADING_JUNK.sub("", head[end + 1:] if end >= 0 else "", count=1)
    match = _FIRST_TAG.match(head)
    return head, match.group(1) if match else ""


def looks_like_html(text: str) -> bool:
    """True when the text starts (after whitespace/comments) with `<!doctype html` or `<html`."""
    head, tag = _root_tag(text)
    return head.startswith("<!doctype html") or tag == "html"


def looks_like_feed(text: str) -> bool:
    """True when the text starts with an RSS, Atom or RDF root element (optionally after `<?xml`)."""
    _, tag = _root_tag(text)
    return tag in ("rss", "feed", "rdf:rdf") or tag.endswith(":rdf")
