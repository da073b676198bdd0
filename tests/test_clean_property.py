"""Properties of `clean_text` on arbitrary input: it never raises and its offsets always slice the text."""

from __future__ import annotations

import unicodedata

from fuzz_inputs import fuzz_settings
from hypothesis import given
from hypothesis import strategies as st

from spinlens.clean import clean_text
from spinlens.clean.normalize import normalize_text

# Text biased towards what the cleaner cares about: line breaks, odd spaces, cue words, separators.
_PIECES = st.sampled_from([
    "\n", "\n\n", "\r\n", "\r", " ", "\u00a0", "\u200b", "\u2028", "\u2029", "\t", "\x0c", "\x85",
    "***", "* * *", "—", "©", "(c) ", "2023", ":", ".", "Subscribe to our newsletter", "Follow us on ",
    "Twitter", "Disclaimer: ", "Source: ", "First published by ", "Copyright © ", "is a journalist",
    "About the author: ", "By ", "Jane Roe", "e\u0301", "Ǆ", "İ", "ß", "Фото: ", "Автор: ", "@", "x@y.z",
    "\ud800", "\udfff", "\U0001f600",  # lone surrogates (JSON "\\ud800" gives them) and an emoji
])
_TEXT = st.lists(st.one_of(st.text(max_size=40), _PIECES), max_size=40).map("".join)


def _check(cleaned) -> None:
    text = cleaned.text
    assert text == normalize_text(text) and unicodedata.is_normalized("NFC", text)  # what cleaning promises
    paragraphs = []
    for start, end in cleaned.paragraph_offsets:
        assert 0 <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        assert "\n" not in piece
        paragraphs.append(piece)
    assert "\n\n".join(paragraphs) == text
    assert paragraphs == cleaned.paragraphs
    if cleaned.title is not None:
        assert cleaned.title_span == (0, len(cleaned.title))
        assert text[:len(cleaned.title)] == cleaned.title
        assert paragraphs[0] == cleaned.title
    else:
        assert cleaned.title_span is None
    for block in cleaned.removed:
        assert block.reason
    if cleaned.provenance.copyright_year is not None:
        assert 1900 <= cleaned.provenance.copyright_year <= 2099


@fuzz_settings(400)
@given(raw=_TEXT, title=st.one_of(st.none(), st.text(max_size=30), _PIECES))
def test_clean_text_never_raises_and_offsets_slice_text(raw: str, title: str | None) -> None:
    _check(clean_text(raw, title=title))


@fuzz_settings(150)
@given(raw=_TEXT, repeated=st.sets(st.text(max_size=20), max_size=5), flag=st.booleans())
def test_clean_text_with_is_repeated(raw: str, repeated: set[str], flag: bool) -> None:
    _check(clean_text(raw, is_repeated=(lambda block: flag or block in repeated)))


@fuzz_settings(200)
@given(raw=st.text())
def test_clean_text_on_plain_unicode(raw: str) -> None:
    _check(clean_text(raw))
