"""What storing an article writes, as plain values: its state hash, its row, its spans and its block keys.

Computing these is serialisation (JSON, hashes), not database work, so it can happen where the article was
analysed — a worker process — and travel back with it; the library's one writer then only runs the SQL.
`Library.save` computes them itself when not given them, so both ways store the same values.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from spinlens.model import Article

#: Article fields kept in their own columns or table rather than in the row's JSON `data`.
DATA_EXCLUDE = {"text", "spans"}


@dataclass
class ArticleRows:
    """The values `Library.save` writes for one article."""

    state: str  # hash of the whole article: an unchanged article is not written again
    values: tuple  # the articles row: id, identity, state_hash ... text, data, spin
    spans: list[tuple]  # (seq, layer, start, end, label, score, attrs as JSON or None)
    blocks: set[str]  # keys of its raw blocks, for the per-outlet boilerplate check


def block_key(text: str) -> str:
    """Hash of a text block after case and whitespace normalisation (for repeated-block counts)."""
    normal = " ".join(text.lower().split())
    return hashlib.sha1(normal.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def article_rows(article: Article) -> ArticleRows:
    """The values that store `article` (see `ArticleRows`)."""
    state = hashlib.sha256(article.to_json().encode("utf-8", "surrogatepass")).hexdigest()[:32]
    data = article.model_dump_json(exclude=DATA_EXCLUDE)
    values = (article.id, article.identity, state, article.title, article.outlet, article.site,
              article.url, article.canonical_url, article.published, article.language,
              json.dumps(article.authors, ensure_ascii=False), article.status,
              article.word_count, article.text, data, _spin_score(article))
    spans = [(seq, s.layer, s.start, s.end, s.label, s.score, json.dumps(s.attrs, ensure_ascii=False) if s.attrs else None)
             for seq, s in enumerate(article.spans)]
    return ArticleRows(state, values, spans, _article_block_keys(article) if article.outlet else set())


def _article_block_keys(article: Article) -> set[str]:
    """Keys of the raw blocks an article contained: its paragraphs and the blocks cleaning removed."""
    title = article.layer("title")
    title_end = title[0].end if title else -1
    texts = [article.span_text(p) for p in article.paragraphs() if p.end != title_end]
    texts += [block.text for block in article.removed]
    return {block_key(t) for t in texts if t.strip()}


def _spin_score(article: Article) -> int | None:
    """The spin meter score, if the article has one."""
    spin = article.extra.get("spin")
    return int(spin["score"]) if isinstance(spin, dict) and "score" in spin else None
