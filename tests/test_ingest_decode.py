"""decode_bytes: UTF-8 fast path, declared and sniffed charsets, detection, binary/empty/undecodable refusals."""

from __future__ import annotations

import random

import pytest

from spinlens.errors import InputError
from spinlens.ingest.decode import decode_bytes, looks_like_feed, looks_like_html, sniff_charset

RUSSIAN = (
    "Правительство объявило сегодня о новых мерах поддержки малого бизнеса в регионах страны. "
    "По словам министра экономики, программа рассчитана на три года и охватит более десяти тысяч "
    "предприятий. Эксперты считают, что эти меры помогут сохранить рабочие места, однако критики "
    "указывают на недостаточное финансирование. Окончательное решение будет принято после "
    "обсуждения в парламенте в следующем месяце."
)


def test_utf8_fast_path_and_bom_stripped():
    assert decode_bytes("Zürich – “quoted”".encode(), "s") == "Zürich – “quoted”"
    assert decode_bytes(b"\xef\xbb\xbfhello", "s") == "hello"


def test_utf16_with_bom():
    assert decode_bytes("привет, world".encode("utf-16"), "s") == "привет, world"


def test_russian_paragraph_is_long_enough_for_detection():
    assert len(RUSSIAN.split()) >= 40


def test_cp1251_declared_in_meta_charset():
    page = f'<html><head><meta charset="windows-1251"><title>Новости</title></head><body><p>{RUSSIAN}</p>'
    text = decode_bytes(page.encode("cp1251"), "page.html")
    assert RUSSIAN in text and "Новости" in text


def test_cp1251_declared_by_caller():
    assert decode_bytes(RUSSIAN.encode("cp1251"), "s", declared="windows-1251") == RUSSIAN


def test_koi8r_declared_in_http_equiv_even_for_a_short_text():
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
            "</head><body>Да</body></html>")
    assert "Да" in decode_bytes(page.encode("koi8_r"), "s")


def test_koi8r_without_any_declaration_is_detected():
    assert decode_bytes(RUSSIAN.encode("koi8_r"), "s") == RUSSIAN


def test_cp1251_without_any_declaration_is_detected():
    assert decode_bytes(RUSSIAN.encode("cp1251"), "s") == RUSSIAN


def test_latin1_label_read_as_windows_1252_like_browsers():
    assert decode_bytes(b"caf\xe9 \x93quoted\x94", "s", declared="ISO-8859-1") == "café “quoted”"


def test_unknown_declared_charset_falls_back_to_detection():
    assert decode_bytes(RUSSIAN.encode("koi8_r"), "s", declared="no-such-charset") == RUSSIAN


def test_declared_charset_that_does_not_fit_falls_back_to_detection():
    assert decode_bytes(RUSSIAN.encode("koi8_r"), "s", declared="utf-8") == RUSSIAN


def test_xml_declaration_encoding_is_used():
    data = '<?xml version="1.0" encoding="koi8-r"?><rss><title>Да</title></rss>'.encode("koi8_r")
    assert sniff_charset(data) == "koi8-r"
    assert "Да" in decode_bytes(data, "s")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    random.Random(7).randbytes(4096),
    b"text with a NUL\x00 byte",
    b"\xff\xfe" + random.Random(3).randbytes(1000),  # a UTF-16 BOM on binary data
    bytes(range(1, 9)) * 50,
])
def test_binary_content_is_refused(data):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "img.png")
    assert str(info.value) == "img.png: binary content, not text"
    assert info.value.source == "img.png"


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n", "a PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "a ZIP archive (or a Word, OpenDocument or EPUB file)"),
    (b"{\\rtf1\\ansi\\deff0 {\\fonttbl} The minister said the dam was safe.}", "an RTF document"),
])
def test_document_formats_are_named_in_the_refusal(data, kind):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "report.doc")
    assert str(info.value) == f"report.doc: {kind}, which spinlens does not read: convert it to text or HTML first"


def test_empty_input_is_refused():
    with pytest.raises(InputError) as info:
        decode_bytes(b"", "empty.txt")
    assert str(info.value) == "empty.txt: empty input"


def test_undecodable_bytes_are_refused():
    with pytest.raises(InputError) as info:
        decode_bytes(bytes(range(0x80, 0x100)) * 3, "odd.txt")
    assert str(info.value) == "odd.txt: cannot detect the text encoding"


@pytest.mark.parametrize("text,html,feed", [
    ("<!DOCTYPE html><html><body>x", True, False),
    ("\n  <html lang='en'>", True, False),
    ("<!-- saved page --><!doctype html>", True, False),
    ('<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN"><html>', True, False),
    ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">', False, True),
    ('<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><feed xmlns="http://www.w3.org/2005/Atom">', False, True),
    ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">', False, True),
    ("<rss version='0.91'>", False, True),
    ("<feed>", False, True),
    ('<?xml version="1.0"?><sitemap>', False, False),
    ("Plain words about <html> tags.", False, False),
    ("<p>a fragment</p>", False, False),
    ("", False, False),
])
def test_sniffers(text, html, feed):
    assert looks_like_html(text) is html
    assert looks_like_feed(text) is feed
