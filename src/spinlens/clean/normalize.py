"""Character normalisation and block splitting: raw article text -> a list of one-line blocks."""

from __future__ import annotations

import re
import statistics
import unicodedata

from spinlens.ingest.decode import replace_lone_surrogates

# Characters Python treats as line breaks (str.splitlines) become "\n"; a paragraph separator
# becomes a blank line.  Control and invisible format characters (zero-width spaces and joiners,
# bidi marks, soft hyphens, BOM) are dropped.
_LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028]")
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\xad\u180e\u200b-\u200f"
                        "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Every whitespace character (str.isspace) other than "\n", " " and the line breaks above:
# tab, NBSP, the typographic spaces, ideographic space... -> " ".
_SPACES = re.compile("[\t\x1f\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Anything the two passes above would change (one fast scan for the common clean text).
_ODD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\xa0\xad\u1680\u180e\u2000-\u200f\u2028"
                  "\u202a-\u202f\u205f-\u2064\u2066-\u2069\u3000\ud800-\udfff\ufeff]")
_BLANK_LINES = re.compile(r"\n{2,}")

#: What a sentence (and so a body paragraph) usually ends with.
SENTENCE_END = ".!?…\"”»’')]。！？"
_LIST_ITEM = re.compile(r"^(?:[-*•·–—]\s|\d{1,3}[.)]\s)")


def normalize_text(raw: str) -> str:
    """NFC, "\\n" line ends, one space for any run of spaces, no invisible characters or lone surrogates
    (U+FFFD instead), lines stripped."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n")
    if _ODD.search(text):
        text = replace_lone_surrogates(_INVISIBLE.sub("", _LINE_BREAKS.sub("\n", text)))
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _ODD.search(text):
        text = _SPACES.sub(" ", text)
    while "  " in text:
        text = text.replace("  ", " ")
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def normalize_line(text: str) -> str:
    """`normalize_text` folded onto one line (for titles and single values)."""
    return " ".join(normalize_text(text).split())


def _wrapped_width(groups: list[list[str]]) -> int | None:
    """Line width if the multi-line groups look hard-wrapped (most inner lines 45–100 chars,
    few ending a sentence), else None."""
    inner = [line for group in groups for line in group[:-1]]
    if len(inner) < 3:
        return None
    in_range = sum(1 for line in inner if 45 <= len(line) <= 100)
    ends = sum(1 for line in inner if line[-1] in SENTENCE_END or line.endswith(":"))
    if in_range < 0.7 * len(inner) or ends > 0.5 * len(inner):
        return None
    if max(len(line) for group in groups for line in group) > 110:
        return None
    return int(statistics.median(len(line) for line in inner))


def _unwrap(lines: list[str], width: int, full: float) -> list[str]:
    """Join hard-wrapped lines: a line at least `full`×width long continues on the next one."""
    out: list[str] = []
    current: list[str] = []
    for line in lines:
        if current and _LIST_ITEM.match(line):
            out.append(" ".join(current))
            current = []
        current.append(line)
        if len(line) < full * width:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def split_blocks(text: str) -> list[str]:
    """Blocks (future paragraphs) of normalised text, each one line without surrounding spaces.

    Blank lines separate blocks.  Inside a blank-line group each line is its own block, unless the
    text is hard-wrapped, in which case the group's lines are joined with a space.  Text without any
    blank line has one block per line (or, if hard-wrapped, lines joined until a short line).
    """
    if not text:
        return []
    if "\n\n" not in text:
        lines = [line for line in text.split("\n") if line]
        width = _wrapped_width([lines]) if len(lines) > 3 else None
        return _unwrap(lines, width, 0.75) if width else lines
    groups = [[line for line in chunk.split("\n") if line] for chunk in _BLANK_LINES.split(text)]
    groups = [g for g in groups if g]
    width = _wrapped_width([g for g in groups if len(g) > 1])
    blocks: list[str] = []
    for group in groups:
        if width and len(group) > 1:
            blocks.extend(_unwrap(group, width, 0.5))
        else:
            blocks.extend(group)
    return blocks
