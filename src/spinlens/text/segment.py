"""Paragraph and sentence spans over the cleaned text, with offsets that slice it exactly."""

from __future__ import annotations

import re

from sentencex import segment as _sentencex_segment

from spinlens.model import LAYER_LANGUAGE, LAYER_PARAGRAPH, LAYER_SENTENCE, Article
from spinlens.pipeline.core import Stage

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraph_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line separated paragraph, whitespace trimmed."""
    offsets = []
    pos = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            start = pos + (len(chunk) - len(chunk.lstrip()))
            offsets.append((start, start + len(stripped)))
        if match:
            pos = match.end()
    return offsets


def sentence_offsets(text: str, language: str | None = None, base: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text` (shifted by `base`), whitespace trimmed."""
    offsets = []
    pos = 0
    for piece in _sentencex_segment(language or "en", text):
        stripped = piece.strip()
        start = text.find(stripped, pos) if stripped else -1
        if start < 0:
            continue
        offsets.append((base + start, base + start + len(stripped)))
        pos = start + len(stripped)
    if not offsets and text.strip():
        lead = len(text) - len(text.lstrip())
        offsets.append((base + lead, base + lead + len(text.strip())))
    return offsets


class ParagraphStage(Stage):
    """Paragraph spans: from the cleaner's block offsets when present, else blank-line splitting."""

    name = "paragraphs"
    requires = ("text",)
    assigns = ("layer:paragraph",)

    def process(self, article: Article) -> None:
        """Add one `paragraph` span per paragraph, numbered in `attrs['n']`."""
        offsets = article.extra.pop("paragraph_offsets", None) or paragraph_offsets(article.text)
        article.clear_layer(LAYER_PARAGRAPH)
        for n, (start, end) in enumerate(offsets):
            article.add_span(start, end, LAYER_PARAGRAPH, n=n)


class SentenceStage(Stage):
    """Sentence spans inside each paragraph, split with the paragraph's language rules."""

    name = "sentences"
    requires = ("layer:paragraph", "language")
    assigns = ("layer:sentence",)

    def process(self, article: Article) -> None:
        """Add `sentence` spans; a sentence never crosses a paragraph boundary."""
        languages = {(s.start, s.end): s.label for s in article.layer(LAYER_LANGUAGE)}
        article.clear_layer(LAYER_SENTENCE)
        for para in article.paragraphs():
            lang = languages.get((para.start, para.end)) or article.language
            for start, end in sentence_offsets(article.span_text(para), lang, base=para.start):
                article.add_span(start, end, LAYER_SENTENCE)
