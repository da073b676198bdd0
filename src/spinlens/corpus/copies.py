"""Syndication: exact, near-duplicate and partial copies across articles, the earliest version, and credit.

Each article gets a MinHash signature of its word 5-shingles and one per paragraph (datasketch); two LSH
indexes propose candidates, so adding an article costs a few index lookups, not a pass over the library.
A pair is an exact copy when the normalised texts are equal, a near-duplicate when the whole-text
Jaccard estimate reaches `near_threshold`, and a partial copy (an excerpt, or a re-post with a new
intro) when most paragraphs of the shorter article are near-duplicates of paragraphs of the other. The
original is the earlier article: articles with a readable published date come first, by date, then the
undated ones, in the order seen, so the order is one ranking and copies can never form a cycle. A copy
credits its original when its provenance fields or its text name the original's outlet, site or URL. A copy
of several versions of one text (the original and its copies) keeps one link, to the earliest of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable
from urllib.parse import urlsplit

from datasketch import MinHash, MinHashLSH

from spinlens.model import Article, published_moment

_WORD = re.compile(r"\w+")


@dataclass
class CopyLink:
    """One copy and the article it copies, with how much they share and whether the copy credits it."""

    copy_id: str
    original_id: str
    kind: str  # exact | near-duplicate | partial
    similarity: float  # estimated Jaccard similarity of the whole texts
    shared_paragraphs: int
    credited: bool
    credit: str | None = None  # what in the copy names the original
    dated: bool = True  # False when the order rests on ingestion order, not published dates


@dataclass
class _Seen:
    id: str
    order: int
    published: datetime | None
    names: list[str]
    credits: str
    digest: str
    signature: MinHash
    paragraphs: int
    paragraph_keys: list[str] = field(default_factory=list)


def _shingles(text: str, size: int) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def _credit_names(article: Article) -> list[str]:
    """Names by which a copy could credit this article: outlet, site and URL host."""
    names = [article.outlet, article.site]
    for url in (article.url, article.canonical_url):
        if url:
            host = urlsplit(url).hostname or ""
            names.append(host.removeprefix("www."))
    return [n for n in dict.fromkeys(n.strip() for n in names if n) if len(n) >= 4]


def _credits_text(article: Article) -> str:
    """The places a copy credits its source: provenance fields, removed attribution blocks and its text."""
    prov = article.provenance
    parts = [prov.first_published_by, prov.original_source, prov.republished_from, *prov.copyright_holders,
             *(block.text for block in article.removed), article.text]
    return "\n".join(p for p in parts if p).lower()


class CopyDetector:
    """Find copies among articles; fit/partial_fit add articles, `links_` holds what was found."""

    def __init__(self, shingle_words: int = 5, num_perm: int = 128, near_threshold: float = 0.8,
                 paragraph_threshold: float = 0.7, partial_share: float = 0.6, min_paragraph_words: int = 12):
        self.shingle_words = shingle_words
        self.num_perm = num_perm
        self.near_threshold = near_threshold
        self.paragraph_threshold = paragraph_threshold
        self.partial_share = partial_share
        self.min_paragraph_words = min_paragraph_words

    def fit(self, articles: Iterable[Article]) -> "CopyDetector":
        """Start afresh and add every article."""
        self.seen_: dict[str, _Seen] = {}
        self._links: list[CopyLink] = []
        self._documents = MinHashLSH(threshold=self.near_threshold, num_perm=self.num_perm)
        self._paragraphs = MinHashLSH(threshold=self.paragraph_threshold, num_perm=self.num_perm)
        for article in articles:
            self.partial_fit(article)
        return self

    def partial_fit(self, article: Article) -> "CopyDetector":
        """Add one article, linking it to the copies it has among the articles already added."""
        if not hasattr(self, "seen_"):
            self.fit([])
        if article.id in self.seen_ or not article.text.strip():
            return self
        seen = _Seen(article.id, len(self.seen_), published_moment(article.published), _credit_names(article),
                     _credits_text(article),
                     " ".join(_WORD.findall(article.text.lower())), self._minhash(article.text),
                     0)
        candidates: dict[str, set[str]] = {key: set() for key in self._documents.query(seen.signature)}
        for i, paragraph in enumerate(article.paragraphs()):
            text = article.span_text(paragraph)
            if len(_WORD.findall(text)) < self.min_paragraph_words:
                continue
            signature = self._minhash(text)
            key = f"{article.id}#{i}"
            for other in self._paragraphs.query(signature):
                other_id = other.split("#", 1)[0]
                if other_id != article.id:
                    candidates.setdefault(other_id, set()).add(f"{key}|{other}")
            self._paragraphs.insert(key, signature)
            seen.paragraph_keys.append(key)
        seen.paragraphs = len(seen.paragraph_keys)
        for other_id, pairs in candidates.items():
            link = self._link(seen, self.seen_[other_id], pairs)
            if link is not None:
                self._links.append(link)
        self._documents.insert(article.id, seen.signature)
        self.seen_[article.id] = seen
        return self

    def _minhash(self, text: str) -> MinHash:
        signature = MinHash(num_perm=self.num_perm, seed=1)
        signature.update_batch(list(_shingles(text, self.shingle_words)))
        return signature

    def _link(self, new: _Seen, old: _Seen, pairs: set[str]) -> CopyLink | None:
        similarity = float(new.signature.jaccard(old.signature))
        shared_new = {p.split("|")[0] for p in pairs}
        shared_old = {p.split("|")[1] for p in pairs}
        shared = min(len(shared_new), len(shared_old))
        if new.digest == old.digest:
            kind = "exact"
        elif similarity >= self.near_threshold:
            kind = "near-duplicate"
        elif shared and shared >= self.partial_share * max(1, min(new.paragraphs, old.paragraphs)):
            kind = "partial"
        else:
            return None
        copy, original = (old, new) if _rank(new) < _rank(old) else (new, old)
        credit = next((name for name in original.names if name.lower() in copy.credits), None)
        dated = new.published is not None and old.published is not None
        return CopyLink(copy.id, original.id, kind, round(similarity, 3), shared, credit is not None, credit, dated)

    @property
    def links_(self) -> list[CopyLink]:
        """The copies found: for each copy, one link per text it copies, to the earliest version of that text."""
        root = self._roots()
        best: dict[tuple[str, str], CopyLink] = {}
        for link in getattr(self, "_links", []):
            key = (link.copy_id, root[link.original_id])
            kept = best.get(key)
            if kept is None or _rank(self.seen_[link.original_id]) < _rank(self.seen_[kept.original_id]):
                best[key] = link
        return sorted(best.values(), key=lambda link: (self.seen_[link.copy_id].order,
                                                       _rank(self.seen_[link.original_id])))

    def originals(self) -> dict[str, str]:
        """For every copy, the earliest article of its chain of copies (copies of copies lead to one root)."""
        root = self._roots()
        return {copy: root[copy] for copy in {link.copy_id for link in getattr(self, "_links", [])}}

    def _roots(self) -> dict[str, str]:
        """Every linked article -> the earliest article it is (a copy of a copy of ...) a copy of, or itself.

        Each link points to an earlier article in one ranking, so following the earliest original of each
        copy always ends."""
        earliest: dict[str, str] = {}
        for link in getattr(self, "_links", []):
            kept = earliest.get(link.copy_id)
            if kept is None or _rank(self.seen_[link.original_id]) < _rank(self.seen_[kept]):
                earliest[link.copy_id] = link.original_id
        roots: dict[str, str] = {}
        for start in sorted({*earliest, *earliest.values()}, key=lambda i: _rank(self.seen_[i])):
            roots[start] = roots[earliest[start]] if start in earliest else start
        return roots


def _rank(seen: _Seen) -> tuple:
    """Earliest first: dated articles by published date, then undated ones; ties by the order seen."""
    return (seen.published is None, seen.published or datetime.min, seen.order)
