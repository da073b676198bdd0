"""The `clean` pipeline stage: raw text -> cleaned text, title span, provenance and authors."""

from __future__ import annotations

from typing import Any

from spinlens import settings
from spinlens.clean.core import clean_text
from spinlens.model import LAYER_TITLE, Article
from spinlens.pipeline.core import Stage


class RepeatedBlocks:
    """`is_repeated` backed by the library: one `repeated_blocks` query per article.

    `clean_text` calls `prefetch` with every candidate block first; membership tests follow.
    """

    def __init__(self, library: Any, outlet: str, exclude_id: str | None):
        self.library = library
        self.outlet = outlet
        self.exclude_id = exclude_id
        self.repeated: set[str] = set()

    def prefetch(self, blocks: list[str]) -> None:
        """Ask the library once which of `blocks` recur in other articles of the outlet."""
        if blocks:
            self.repeated = set(self.library.repeated_blocks(self.outlet, blocks,
                                                             exclude_id=self.exclude_id) or ())

    def __call__(self, block: str) -> bool:
        return block in self.repeated


class CleanStage(Stage):
    """Remove boilerplate, find the title, attribution and author bios; skip non-articles."""

    name = "clean"
    requires = ("raw_text", "metadata")
    assigns = ("text", "layer:title", "provenance", "authors")

    def process(self, article: Article) -> None:
        """Clean `article.raw_text` into `article.text` and record what was removed and why."""
        library = self.context.library
        is_repeated = None
        if library is not None and article.outlet:
            is_repeated = RepeatedBlocks(library, article.outlet, article.id or None)
        cleaned = clean_text(article.raw_text, title=article.title, is_repeated=is_repeated,
                             language=article.language)
        article.text = cleaned.text
        article.title = cleaned.title  # normalised; None when the given title was only spaces or controls
        article.removed = list(cleaned.removed)

        # Provenance: what the reader already set wins.
        prov = article.provenance
        found = cleaned.provenance
        for name in ("first_published_by", "original_source", "republished_from", "copyright_year"):
            if getattr(prov, name) is None and getattr(found, name) is not None:
                setattr(prov, name, getattr(found, name))
        if not prov.copyright_holders and found.copyright_holders:
            prov.copyright_holders = list(found.copyright_holders)

        # Authors: the reader's names stay first; a copyright holder only stands in for no author.
        if not (cleaned.authors_from_copyright and article.authors):
            for name in cleaned.authors:
                if name not in article.authors:
                    article.authors.append(name)
        for bio in cleaned.author_bios:
            if bio not in article.author_bios:
                article.author_bios.append(bio)

        article.clear_layer(LAYER_TITLE)
        if cleaned.title_span is not None:
            article.add_span(*cleaned.title_span, LAYER_TITLE)
        article.extra["paragraph_offsets"] = [[s, e] for s, e in cleaned.paragraph_offsets]

        words = cleaned.body_word_count
        if words < settings.get("min_words"):
            article.skip(f"not an article ({words} words)")
        elif words > settings.get("max_words"):
            article.skip(f"too long to analyse ({words:,} words, over the {settings.get('max_words'):,}-word limit, "
                         "SPINLENS_MAX_WORDS)")
