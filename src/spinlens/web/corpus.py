"""Library-wide results (copies, stories, sources) kept between requests, refreshed when the library changes.

Finding copies reads every article, which takes a while in a big library; so pages are served from the last
snapshot while a new one is built in the background after a change (an analysis, a CLI run), and only the
very first snapshot is built on a request thread (or at start-up, by `warm`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable

from spinlens import api
from spinlens.errors import NotFound, SpinlensError
from spinlens.store import Library
from spinlens.web.schemas import CopyOut


@dataclass
class Snapshot:
    """Copies and stories of the library at one `Library.revision()`, with indexes by article."""

    revision: tuple
    copies: list
    stories: list
    copy_index: dict[str, list[CopyOut]]
    story_index: dict[str, int]
    extras: dict[str, Any] = field(default_factory=dict)


def build_snapshot(library: Library) -> Snapshot:
    """Copies (`api.find_copies`) and stories (`api.find_stories`) of the library as it is now."""
    revision = library.revision()
    copies = api.find_copies(library)
    stories = api.find_stories(library, {link.copy_id: link.original_id for link in copies})
    copy_index: dict[str, list[CopyOut]] = {}
    for link in copies:
        out = CopyOut.model_validate(link, from_attributes=True)
        copy_index.setdefault(link.copy_id, []).append(out)
        copy_index.setdefault(link.original_id, []).append(out)
    return Snapshot(revision, copies, stories, copy_index, {i: s.id for s in stories for i in s.article_ids})


#: Read results kept per library revision: search pages (ranking a word found in most articles costs ~20 ms)
#: and actors views (every actor mention of the library is read: about a second for 50,000 articles).
RESULTS_KEPT = 512


class CorpusCache:
    """The latest `Snapshot` of the library; a stale one is served while its replacement is built."""

    def __init__(self, library: Library):
        self.library = library
        self._results: OrderedDict[tuple, Any] = OrderedDict()
        self._results_lock = threading.Lock()
        self._lock = threading.Lock()
        self._first = threading.Lock()
        self._ready = threading.Event()
        self._snapshot: Snapshot | None = None
        self._refreshing: threading.Thread | None = None
        self._warming: threading.Thread | None = None

    def snapshot(self) -> Snapshot:
        """The current snapshot: fresh, or the previous one while a refresh runs in the background; the very
        first one is built here (or waited for) when there is none yet."""
        current = self._current()
        if current is not None:
            return current
        with self._first:
            if self._snapshot is None:
                self._snapshot = build_snapshot(self.library)
                self._ready.set()
            return self._snapshot

    def current(self, timeout: float) -> Snapshot | None:
        """Like `snapshot`, but waits at most `timeout` seconds for the first one (built in the background);
        None when it is not ready, so a page can be shown without it."""
        found = self._current()
        if found is not None:
            return found
        self.start_warming()
        self._ready.wait(timeout)
        return self._current()

    def is_ready(self) -> bool:
        """Whether a snapshot exists, so `article_links` and friends answer without waiting."""
        return self._current() is not None

    def _current(self) -> Snapshot | None:
        revision = self.library.revision()
        with self._lock:
            current = self._snapshot
            if current is not None and current.revision != revision and self._refreshing is None:
                self._refreshing = threading.Thread(target=self._refresh, name="spinlens-corpus", daemon=True)
                self._refreshing.start()
            return current

    def _refresh(self) -> None:
        try:
            fresh = build_snapshot(self.library)
        except SpinlensError:
            fresh = None  # kept stale; the next request after a change tries again
        with self._lock:
            if fresh is not None:
                self._snapshot = fresh
            self._refreshing = None

    def wait(self) -> None:
        """Block until background work (the first build, a refresh) has finished: for tests and shutdown."""
        for thread in (self._warming, self._refreshing):
            if thread is not None:
                thread.join()

    def start_warming(self) -> None:
        """Build the first snapshot in a background thread (once; at start-up, off the request threads)."""
        with self._lock:
            if self._warming is None:
                self._warming = threading.Thread(target=self._warm, name="spinlens-warm", daemon=True)
                self._warming.start()

    def _warm(self) -> None:
        try:
            self.snapshot()
        except SpinlensError:
            pass  # the first request that needs it reports the error

    def _extra(self, key: str, compute: Callable[[], Any]) -> Any:
        snap = self.snapshot()
        if key not in snap.extras:
            snap.extras[key] = compute()
        return snap.extras[key]

    def copies(self) -> list:
        """Every copy link of the library (`api.find_copies`)."""
        return self.snapshot().copies

    def stories(self) -> list:
        """Every story of the library (`api.find_stories`)."""
        return self.snapshot().stories

    def story(self, story_id: int):
        """One story by number; `NotFound` when there is no such story."""
        for story in self.stories():
            if story.id == story_id:
                return story
        raise NotFound(f"no story {story_id} in the library")

    def article_links(self, article_id: str, timeout: float = 5.0) -> tuple[int | None, list[CopyOut], bool]:
        """(story number, copy links, ready) of one article; waits at most `timeout` seconds for the first
        snapshot of a big library, and says ready=False when it has to go on without it."""
        snap = self.current(timeout)
        if snap is None:
            return None, [], False
        return snap.story_index.get(article_id), snap.copy_index.get(article_id, []), True

    def comparison(self, story_id: int):
        """(story, comparison) of one story (`api.compare_story`)."""
        self.story(story_id)
        return self._extra(f"compare:{story_id}", lambda: api.compare_story(self.library, story_id))

    def sources(self) -> list:
        """Every outlet's profile (`api.find_sources`)."""
        return self._extra("sources", lambda: api.find_sources(self.library))

    def search(self, query: str, where: dict[str, Any], limit: int, offset: int) -> tuple[int, list]:
        """(total, hits) of `Library.search_count` and `Library.search`, kept until the library changes: an
        analyst paging through results, or many asking the same question, ranks the matches once."""
        def ranked() -> tuple[int, list]:
            total = self.library.search_count(query, **where)
            return total, self.library.search(query, limit=limit, offset=offset, **where) if total else []

        total, hits = self._kept(("search", query, repr(sorted(where.items())), limit, offset), ranked)
        return total, list(hits)

    def actors(self, limit: int, actor: str | None) -> list:
        """`Library.actors`, kept until the library changes."""
        return list(self._kept(("actors", limit, actor), lambda: self.library.actors(limit=limit, actor=actor)))

    def _kept(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """The result of `compute` for `key` at the library's current revision: computed once, then kept
        (the `RESULTS_KEPT` most recently used) until the library changes."""
        key = (self.library.revision(), *key)
        with self._results_lock:
            if key in self._results:
                self._results.move_to_end(key)
                return self._results[key]
        found = compute()
        with self._results_lock:
            self._results[key] = found
            while len(self._results) > RESULTS_KEPT:
                self._results.popitem(last=False)
        return found
