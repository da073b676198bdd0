"""JSON report: the full articles, offsets and all, readable back with `Article.from_json`."""

from __future__ import annotations

import json
from typing import Mapping, Sequence

from spinlens.corrections import Correction, apply_corrections
from spinlens.model import Article


def render_json(articles: Sequence[Article], *, include_raw: bool = False,
                corrections: Mapping[str, Sequence[Correction]] | None = None, **_: object) -> str:
    """One article as a JSON object, several as a JSON array; with `corrections` (by article id), each article
    also carries its `corrections` and its labels as `corrected` by them."""
    exclude = None if include_raw else {"raw_text"}
    items = []
    for article in articles:
        item = json.loads(article.model_dump_json(exclude=exclude))
        if corrections is not None:
            own = list(corrections.get(article.id, []))
            item["corrections"] = [c.model_dump() for c in own]
            item["corrected"] = apply_corrections(article, own).model_dump()
        items.append(item)
    return json.dumps(items[0] if len(items) == 1 else items, ensure_ascii=False, indent=2)
