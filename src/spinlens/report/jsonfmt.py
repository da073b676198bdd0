"""JSON report: the full articles, offsets and all, readable back with `Article.from_json`."""

from __future__ import annotations

import json
from typing import Sequence

from spinlens.model import Article


def render_json(articles: Sequence[Article], *, include_raw: bool = False, **_: object) -> str:
    """One article as a JSON object, several as a JSON array."""
    exclude = None if include_raw else {"raw_text"}
    items = [json.loads(a.model_dump_json(exclude=exclude)) for a in articles]
    return json.dumps(items[0] if len(items) == 1 else items, ensure_ascii=False, indent=2)
