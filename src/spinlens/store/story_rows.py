"""The story clusterer's state as rows (migration 008): stories, members, name index, term frequencies.

Placing an article reads only the stories that share its names and the frequencies of its terms, and
writes back what changed, so the cost of adding an article does not grow with the library.
All access happens inside one write transaction of the library (`Library.story_rows()`), so two
processes placing articles at once take turns and never hand out the same story number.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Iterable, Iterator

_CHUNK = 500  # bound parameters per IN (...) query


def _chunks(items: list, size: int = _CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class StoryRows:
    """Reads and writes of the story tables over one connection inside a transaction."""

    META = "stories"

    def __init__(self, conn):
        self.conn = conn

    def meta(self) -> dict | None:
        """The clusterer's small state (parameters, edit log, documents placed, next story number)."""
        row = self.conn.execute("SELECT data FROM corpus_state WHERE name = ?", (self.META,)).fetchone()
        return json.loads(row[0]) if row else None

    def save_meta(self, meta: dict, now: str) -> None:
        """Replace the clusterer's small state."""
        self.conn.execute("INSERT INTO corpus_state (name, data, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) "
                          "DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
                          (self.META, json.dumps(meta, ensure_ascii=False), now))

    def stories_named(self, keys: Iterable[str]) -> dict[str, set[int]]:
        """For each name key, the stories that use it."""
        found: dict[str, set[int]] = {}
        for chunk in _chunks(sorted(set(keys))):
            marks = ",".join("?" * len(chunk))
            for key, story_id in self.conn.execute(
                    f"SELECT name_key, story_id FROM story_names WHERE name_key IN ({marks})", chunk):
                found.setdefault(key, set()).add(story_id)
        return found

    def name_counts(self, keys: Iterable[str]) -> dict[str, int]:
        """For each name key, how many stories use it."""
        found = {}
        for chunk in _chunks(sorted(set(keys))):
            marks = ",".join("?" * len(chunk))
            found.update(self.conn.execute(f"SELECT name_key, COUNT(*) FROM story_names WHERE name_key IN ({marks}) "
                                           "GROUP BY name_key", chunk))
        return found

    def stories_named_within(self, keys: Iterable[str], earliest: str, latest: str) -> set[int]:
        """Stories using any of these names whose span meets [earliest, latest] (undated stories always do)."""
        found: set[int] = set()
        for chunk in _chunks(sorted(set(keys))):
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.conn.execute(
                f"SELECT DISTINCT n.story_id FROM story_names n JOIN stories s ON s.story_id = n.story_id "
                f"WHERE n.name_key IN ({marks}) AND (s.first_at IS NULL OR (s.first_at <= ? AND s.last_at >= ?))",
                [*chunk, latest, earliest]))
        return found

    def stories(self, ids: Iterable[int]) -> dict[int, dict]:
        """The features of these stories, by story number."""
        found = {}
        for chunk in _chunks(sorted(set(ids))):
            marks = ",".join("?" * len(chunk))
            for story_id, data in self.conn.execute(
                    f"SELECT story_id, data FROM stories WHERE story_id IN ({marks})", chunk):
                found[story_id] = json.loads(data)
        return found

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """Document frequencies of these terms (absent terms are left out)."""
        found = {}
        for chunk in _chunks(sorted(set(terms))):
            marks = ",".join("?" * len(chunk))
            found.update(self.conn.execute(f"SELECT term, df FROM story_terms WHERE term IN ({marks})", chunk))
        return found

    def placed(self, article_ids: Iterable[str]) -> dict[str, int]:
        """The story of each of these articles that is placed already."""
        found = {}
        for chunk in _chunks(sorted(set(article_ids))):
            marks = ",".join("?" * len(chunk))
            found.update(self.conn.execute(
                f"SELECT article_id, story_id FROM story_members WHERE article_id IN ({marks})", chunk))
        return found

    def write(self, stories: dict[int, dict], members: list[tuple[str, int, int]], names: set[tuple[str, int]],
              frequencies: Counter) -> None:
        """Store changed stories, new members (article, story, seq), name index entries and frequency increments."""
        self.conn.executemany("INSERT INTO stories (story_id, data, first_at, last_at) VALUES (?, ?, ?, ?) "
                              "ON CONFLICT(story_id) DO UPDATE SET data = excluded.data, first_at = excluded.first_at, "
                              "last_at = excluded.last_at",
                              [(i, json.dumps(d, ensure_ascii=False), d["first"], d["last"])
                               for i, d in sorted(stories.items())])
        self.conn.executemany("INSERT INTO story_members (article_id, story_id, seq) VALUES (?, ?, ?) "
                              "ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id, seq = excluded.seq",
                              members)
        self.conn.executemany("INSERT INTO story_names (name_key, story_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                              sorted(names))
        self.conn.executemany("INSERT INTO story_terms (term, df) VALUES (?, ?) ON CONFLICT(term) "
                              "DO UPDATE SET df = story_terms.df + excluded.df", sorted(frequencies.items()))

    def clear(self) -> None:
        """Forget every story (before re-forming them all)."""
        for table in ("stories", "story_members", "story_names", "story_terms"):
            self.conn.execute(f"DELETE FROM {table}")
        self.conn.execute("DELETE FROM corpus_state WHERE name = ?", (self.META,))


def all_stories(conn) -> list[tuple[int, dict, list[str], str, str]]:
    """Every story with its features, its members in placement order (articles deleted since drop out),
    and when its first and last members were stored (the story's time when no article has a date)."""
    members: dict[int, list[str]] = {}
    stored: dict[int, list[str]] = {}
    for article_id, story_id, created in conn.execute(
            "SELECT m.article_id, m.story_id, a.created_at FROM story_members m JOIN articles a ON a.id = m.article_id "
            "ORDER BY m.story_id, m.seq"):
        members.setdefault(story_id, []).append(article_id)
        stored.setdefault(story_id, []).append(created)
    return [(story_id, json.loads(data), members[story_id], min(stored[story_id]), max(stored[story_id]))
            for story_id, data in conn.execute("SELECT story_id, data FROM stories ORDER BY story_id")
            if story_id in members]


def story_members(conn) -> dict[str, int]:
    """The story of every placed article."""
    return dict(conn.execute("SELECT article_id, story_id FROM story_members"))


def unplaced(conn) -> list[str]:
    """Ids of stored articles not yet placed in a story."""
    return [r[0] for r in conn.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_members)")]
