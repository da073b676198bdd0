"""What a reader yields: one decoded input document with whatever metadata the container gave."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Metadata keys readers may fill (all optional); extraction maps them onto `Article` fields.
META_KEYS = ("id", "title", "authors", "outlet", "site", "published", "url", "canonical_url",
             "language", "description")


@dataclass
class RawDocument:
    """One input document, decoded to `str`.

    `source` names the input for messages and provenance ("a/b.jsonl:12", a URL, "feed.xml#3").
    `kind` is "html" or "text". `meta` holds keys from `META_KEYS` that the container supplied
    (a JSON object's fields, a feed entry's title/date/link, a WARC record's target URI...).
    """

    source: str
    kind: str
    content: str
    meta: dict[str, Any] = field(default_factory=dict)
    source_kind: str = ""  # txt, html, json, jsonl, url, feed, warc, stdin
