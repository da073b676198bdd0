"""Turning a `RawDocument` into an `Article`: main text and metadata via trafilatura, identity and id."""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlsplit

from trafilatura import bare_extraction

from spinlens import settings
from spinlens.errors import NotAnArticle
from spinlens.ingest.document import RawDocument
from spinlens.ingest.html import article_tree, site_name_as_written
from spinlens.ingest.metadata import clean_value, clean_values
from spinlens.ingest.readers import split_authors
from spinlens.model import Article, identity_for, short_id
from spinlens.text.words import count_words

#: Lines of trafilatura's text shorter than this (menu items, form labels) are not counted as main text.
PROSE_LINE_WORDS = 6


def extract_article(doc: RawDocument) -> Article:
    """The article in a document: HTML main text via one trafilatura pass; container metadata wins."""
    meta = doc.meta
    found: Any = None
    tree = None
    if doc.kind == "html":
        tree = article_tree(doc.content)
        found = bare_extraction(tree, url=meta.get("url"), with_metadata=True, include_comments=False,
                                include_tables=False) if tree is not None else None
        text = (getattr(found, "text", None) or "") if found is not None else ""
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        words = _prose_words(lines)
        if words < settings.get("min_words"):
            raise NotAnArticle(f"not an article ({words} words of main text)", source=doc.source)
        raw_text = "\n\n".join(lines)
    else:
        raw_text = doc.content
        if not raw_text.split():
            raise NotAnArticle("not an article (0 words of main text)", source=doc.source)

    def pick(key: str, attr: str | None = None) -> str | None:
        """The container's value, else trafilatura's, as clean one-line text (see `clean_value`)."""
        value = clean_value(meta.get(key))
        if value or found is None or attr is None:
            return value
        return clean_value(getattr(found, attr, None))

    url = pick("url", "url")
    canonical_url = pick("canonical_url", "url")
    hostname = clean_value(getattr(found, "hostname", None) or _hostname(url or canonical_url))
    authors = clean_values(meta.get("authors") or split_authors(getattr(found, "author", None) or ""))
    site_name = site_name_as_written(tree, getattr(found, "sitename", None)) if tree is not None else None
    outlet = pick("outlet") or clean_value(site_name) or (hostname.removeprefix("www.") if hostname else None)
    file_identity = f"file:{meta['file']}" if meta.get("file") else None
    content_hash = hashlib.sha256(doc.content.encode("utf-8", "surrogatepass")).hexdigest()
    given_id = pick("id")
    identity = identity_for(f"id:{given_id}" if given_id else None, canonical_url, url,
                            file_identity, f"sha:{content_hash}")
    return Article(
        id=short_id(identity), identity=identity, source=doc.source, source_kind=doc.source_kind,
        raw_text=raw_text, title=pick("title", "title"), authors=authors, outlet=outlet,
        site=pick("site") or hostname, published=pick("published", "date"), url=url,
        canonical_url=canonical_url, description=pick("description", "description"),
        language=pick("language"),
    )


def _prose_words(lines: list[str]) -> int:
    """Words in sentence-like lines: menus and form labels that trafilatura's fallback returns don't count."""
    counts = [count_words(line) for line in lines]
    return sum(n for n in counts if n >= PROSE_LINE_WORDS)


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None
