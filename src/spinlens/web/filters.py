"""The article filters shared by the list and search endpoints and the Library page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from fastapi import Query

from spinlens.api import through_day
from spinlens.web.corpus import CorpusCache

#: Largest offset a listing accepts (SQLite integers stop at 2**63 - 1; no library holds a billion articles).
MAX_OFFSET = 1_000_000_000

Relation = Literal["accuse", "blame", "deny", "demand", "threaten", "praise", "claim_responsibility"]


@dataclass
class ArticleFilters:
    """Query parameters narrowing a listing: outlet, language, dates, technique, spin, story, actor, relation."""

    outlet: str | None = Query(None, max_length=300, description="Only this outlet (case-insensitive).")
    language: str | None = Query(None, max_length=20, description="Only this language code (en, fr, ru...).")
    since: date | None = Query(None, description="Published on or after this day.")
    until: date | None = Query(None, description="Published on or before this day.")
    technique: str | None = Query(None, max_length=100, description="Only articles with this technique "
                                  "(e.g. Loaded_Language), analyst corrections applied.")
    min_spin: int | None = Query(None, ge=0, le=100, description="Spin meter at least this.")
    story: int | None = Query(None, ge=0, le=MAX_OFFSET, description="Only articles of this story number.")
    actor: str | None = Query(None, max_length=300, description="Only articles mentioning this actor.")
    relation: Relation | None = Query(None, description="Only articles with this relation (with actor: "
                                      "one the actor is part of).")

    def query(self, cache: CorpusCache) -> dict[str, Any]:
        """Keyword arguments for `Library.list`, `count`, `search` and `search_count`."""
        where: dict[str, Any] = {"outlet": self.outlet or None, "language": self.language or None,
                                 "actor": self.actor or None, "relation": self.relation or None,
                                 "technique": self.technique or None, "min_spin": self.min_spin}
        if self.since:
            where["since"] = self.since.isoformat()
        if self.until:
            where["until"] = through_day(self.until.isoformat())
        if self.story is not None:
            where["ids"] = cache.story(self.story).article_ids
        return where

    def active(self) -> dict[str, str]:
        """The filters in use, as query-string values (for links that keep them)."""
        return {key: str(value) for key, value in vars(self).items() if value not in (None, "")}
