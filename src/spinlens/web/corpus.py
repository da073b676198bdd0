"""Library-wide results (copies, stories) kept between requests until the library changes."""

from __future__ import annotations

import threading
from typing import Any, Callable

from spinlens import api
from spinlens.errors import NotFound
from spinlens.store import Library
from spinlens.web.schemas import CopyOut


class CorpusCache:
    """Copies and stories of the library, recomputed through `spinlens.api` when `Library.revision()` moves.

    Finding copies reads every article; caching it keeps article pages fast between analyses.
    """

    def __init__(self, library: Library):
        self.library = library
        self._lock = threading.RLock()
        self._revision: tuple | None = None
        self._values: dict[str, Any] = {}

    def _get(self, name: str, compute: Callable[[], Any]) -> Any:
        with self._lock:
            revision = self.library.revision()
            if revision != self._revision:
                self._values, self._revision = {}, revision
            if name not in self._values:
                self._values[name] = compute()
            return self._values[name]

    def copies(self) -> list:
        """Every copy link of the library (`api.find_copies`)."""
        return self._get("copies", lambda: api.find_copies(self.library))

    def copy_map(self) -> dict[str, str]:
        """Copy id -> original id."""
        return {link.copy_id: link.original_id for link in self.copies()}

    def stories(self) -> list:
        """Every story of the library (`api.find_stories`), using the cached copies."""
        return self._get("stories", lambda: api.find_stories(self.library, self.copy_map()))

    def story(self, story_id: int):
        """One story by number; `NotFound` when there is no such story."""
        for story in self.stories():
            if story.id == story_id:
                return story
        raise NotFound(f"no story {story_id} in the library")

    def story_of(self, article_id: str) -> int | None:
        """The story number an article belongs to, if any."""
        index = self._get("story_index", lambda: {i: s.id for s in self.stories() for i in s.article_ids})
        return index.get(article_id)

    def copies_of(self, article_id: str) -> list[CopyOut]:
        """Copy links (as response models) where the article is the copy or the original."""
        return self._get("copy_index", self._copy_index).get(article_id, [])

    def _copy_index(self) -> dict[str, list[CopyOut]]:
        index: dict[str, list[CopyOut]] = {}
        for link in self.copies():
            out = CopyOut.model_validate(link, from_attributes=True)
            index.setdefault(link.copy_id, []).append(out)
            index.setdefault(link.original_id, []).append(out)
        return index

    def comparison(self, story_id: int):
        """(story, comparison) of one story (`api.compare_story`), cached like the rest."""
        self.story(story_id)
        return self._get(f"compare:{story_id}", lambda: api.compare_story(self.library, story_id))

    def sources(self) -> list:
        """Every outlet's profile (`api.find_sources`)."""
        return self._get("sources", lambda: api.find_sources(self.library))
