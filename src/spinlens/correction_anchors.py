"""Where a stored correction lies in an article's current text: at its offsets, moved with its words, or stale.

A correction keeps the words it was made on (`covered_text`) and the number of the paragraph it was in. When
the article is analysed again and its text has shifted, the correction follows its words: to the one paragraph
that reads exactly as before (the same-numbered one when several do), or to the one place the evidence words
occur (the one inside the same-numbered paragraph when they occur more than once). When its words changed, or
occur in several places it cannot choose between, the correction is stale, and `Anchor.stale` says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spinlens.model import Article

if TYPE_CHECKING:  # the store imports this module: no import of it at run time
    from spinlens.store.corrections import Correction


@dataclass(frozen=True)
class Anchor:
    """A correction's place in the current text (offsets and paragraph number), or why it has none."""

    start: int | None = None
    end: int | None = None
    paragraph: int | None = None
    stale: str | None = None  # why the correction no longer applies; None when it does


def paragraph_number(article: Article, start: int, end: int) -> int | None:
    """The number of the paragraph containing text[start:end], or None when no one paragraph does."""
    for n, p in enumerate(article.paragraphs()):
        if p.start <= start and end <= p.end:
            return n
    return None


def anchor(article: Article, correction: "Correction") -> Anchor:
    """Where `correction` applies in `article` now (see the module's description), or why it is stale."""
    if correction.layer == "paragraph":
        return _paragraph_anchor(article, correction)
    return _evidence_anchor(article, correction)


def _occurrences(text: str, words: str, start: int = 0, end: int | None = None) -> list[int]:
    """Every offset where `words` occur in text[start:end], overlapping ones included."""
    end = len(text) if end is None else end
    found, at = [], text.find(words, start, end)
    while words and at != -1:
        found.append(at)
        at = text.find(words, at + 1, end)
    return found


def _paragraph_anchor(article: Article, c: "Correction") -> Anchor:
    paragraphs = article.paragraphs()
    same = [n for n, p in enumerate(paragraphs) if article.text[p.start:p.end] == c.covered_text]
    here = [n for n in same if (paragraphs[n].start, paragraphs[n].end) == (c.start, c.end)]
    chosen = here or (same if len(same) == 1 else [n for n in same if n == c.paragraph])
    if chosen:
        p = paragraphs[chosen[0]]
        return Anchor(p.start, p.end, chosen[0])
    if same:
        numbers = ", ".join(str(n) for n in same)
        return Anchor(stale=f"its paragraph's words are now those of {len(same)} paragraphs ({numbers}),"
                            " and it cannot tell which one it was")
    if c.covered_text in article.text:
        return Anchor(stale="its paragraph's words are still in the article, but no longer as a paragraph of"
                            " their own (merged with another)")
    return Anchor(stale="its paragraph's words have changed")


def _evidence_anchor(article: Article, c: "Correction") -> Anchor:
    text, size = article.text, len(c.covered_text)
    if text[c.start:c.end] == c.covered_text:
        return Anchor(c.start, c.end, paragraph_number(article, c.start, c.end))
    hits = _occurrences(text, c.covered_text)
    paragraphs = article.paragraphs()
    if len(hits) > 1 and c.paragraph is not None and c.paragraph < len(paragraphs):
        p = paragraphs[c.paragraph]
        local = [at for at in hits if p.start <= at and at + size <= p.end]
        hits = local if len(local) == 1 else hits
    if len(hits) == 1:
        return Anchor(hits[0], hits[0] + size, paragraph_number(article, hits[0], hits[0] + size))
    if hits:
        return Anchor(stale=f"its words now occur {len(hits)} times in the article, and it cannot tell which")
    return Anchor(stale="its words are no longer in the article")
