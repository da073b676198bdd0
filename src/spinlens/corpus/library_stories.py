"""Stories kept in the library: articles placed as they arrive, story numbers that last.

`LibraryStoryClusterer` is the `StoryClusterer` with its state in the library's story tables: placing an
article reads the stories that share its names and the frequencies of its terms, and writes back only
what changed, so the time to add an article stays flat as the library grows. A new story edit by a user
re-forms every story (an edit may move anything); the new stories keep the numbers of the old ones they
overlap most, so links and bookmarks to a story survive.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone
from typing import Iterable, Mapping, Sequence

from spinlens.corpus.stories import Story, StoryClusterer, StoryFeatures, story_features
from spinlens.model import Article
from spinlens.store import Library
from spinlens.store.story_rows import StoryRows

Edit = tuple[str, str, str | None]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _by_date(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published is None, a.published or ""))


class _Frequencies(dict):
    """Document frequencies of terms, each read from the rows when first asked for (0 if absent)."""

    def __init__(self, rows: StoryRows):
        super().__init__()
        self.rows = rows

    def __missing__(self, term: str) -> int:
        value = self[term] = self.rows.frequencies([term]).get(term, 0)
        return value


class LibraryStoryClusterer(StoryClusterer):
    """A story clusterer reading and writing its state through `StoryRows` (one transaction)."""

    def __init__(self, rows: StoryRows, edits: list[Edit], **params):
        super().__init__(**params)
        self.rows = rows
        stored = rows.meta()
        meta = stored or {}
        #: Whether the stored stories carry headlines (libraries formed before session 25 do not: re-formed once)
        self._headlines = meta.get("headlines", 0) if stored else 1
        self._apply_edits(edits)
        self.edit_log_ = [tuple(e) for e in meta.get("edits", edits)]  # the log the stories were formed under
        self._documents = meta.get("documents", 0)
        self._next_id = meta.get("next_id", 0)
        self._seq = meta.get("seq", 0)
        self.stories_, self.labels_ = [], []
        self._loaded: dict[int, Story] = {}
        self._row_counts: dict[str, int] = {}  # name key -> stories using it in the rows
        self._row_keys: dict[int, set[str]] = {}  # story -> the names it has in the rows
        self._df = _Frequencies(rows)
        self._placed_cache: dict[str, int | None] = {}
        self._changed: set[int] = set()
        self._touched: dict[str, set[int]] = {}  # name key -> stories changed in this batch that use it
        self._members: list[tuple[str, int, int]] = []
        self._names: set[tuple[str, int]] = set()
        self._increments: Counter = Counter()
        self._name_vectors = {}

    def place(self, articles: Iterable[Article], copies: dict[str, str] | None = None,
              features: Sequence[StoryFeatures | None] | None = None) -> dict[str, int]:
        """Place the articles not placed yet, oldest first; returns their story numbers.

        `features`, if given, holds each article's `story_features` (or None) in the same order."""
        articles = list(articles)
        known = {id(a): f for a, f in zip(articles, features) if f is not None} if features else {}
        articles = [a for a in articles if a.ok]
        self._placed_cache.update(dict.fromkeys((a.id for a in articles), None))
        self._placed_cache.update(self.rows.placed([a.id for a in articles]))
        waiting = _by_date(a for a in articles if self._placed_cache.get(a.id) is None)
        for article in waiting:
            known[id(article)] = known.get(id(article)) or story_features(article)
        self._prefetch(t for a in waiting for words, names, _ in [known[id(a)]] for t in (*words, *names))
        placed = {}
        for article in waiting:
            self.partial_fit(article, copies, known[id(article)])
            placed[article.id] = self._placed_cache[article.id]
        self.flush()
        return placed

    def flush(self) -> None:
        """Write what changed since the last flush."""
        self.rows.write({i: self._loaded[i].features() for i in self._changed}, self._members, self._names,
                        self._increments)
        self.rows.save_meta({"params": [self.name_threshold, self.word_threshold, self.cross_language_names,
                                        self.window_days],
                             "edits": [list(e) for e in self.edit_log_], "documents": self._documents,
                             "next_id": self._next_id, "seq": self._seq, "headlines": self._headlines}, _now())
        self._changed.clear()
        self._touched.clear()
        self._members, self._names, self._increments = [], set(), Counter()

    # -- the state hooks of StoryClusterer, over the rows ---------------------------------------
    def _story(self, story_id: int) -> Story:
        if story_id not in self._loaded:
            self._load([story_id])
        return self._loaded[story_id]

    def _load(self, ids: Iterable[int]) -> None:
        missing = [i for i in ids if i not in self._loaded]
        terms: set[str] = set()
        for story_id, data in self.rows.stories(missing).items():
            self._loaded[story_id] = Story.from_features(story_id, data)
            self._row_keys[story_id] = set(data["names"])
            terms.update(data["words"])
        self._prefetch(terms)  # every word of a loaded story has its frequency at hand, read in one query

    def _prefetch(self, terms: Iterable[str]) -> None:
        """Read the document frequencies of the terms not read yet, in one query."""
        unknown = set(terms) - self._df.keys()
        if unknown:
            self._df.update(dict.fromkeys(unknown, 0) | self.rows.frequencies(unknown))

    def _placed(self, article_id: str) -> int | None:
        if article_id not in self._placed_cache:
            self._placed_cache[article_id] = self.rows.placed([article_id]).get(article_id)
        return self._placed_cache[article_id]

    def _frequency(self, term: str) -> int:
        return self._df[term]

    def _frequencies(self) -> Mapping[str, int]:
        return self._df

    def _new_story(self) -> Story:
        story = Story(self._next_id)
        self._next_id += 1
        self._loaded[story.id] = story
        return story

    def _record(self, article_id: str, story: Story, names: Counter, terms: set[str]) -> None:
        self._names.update((key, story.id) for key in names)
        for term in terms:
            self._df[term] = self._frequency(term) + 1
        self._increments.update(terms)
        self._documents += 1
        self._seq += 1
        for key in (names if story.id in self._changed else story.names):  # a story's names, once per batch
            self._touched.setdefault(key, set()).add(story.id)
        self._changed.add(story.id)
        self._members.append((article_id, story.id, self._seq))
        self._placed_cache[article_id] = story.id

    def _candidates(self, names: Counter, when: datetime | None) -> list[Story]:
        # The in-memory candidates (stories sharing a selective name), of which the database returns only
        # those whose stored span meets the article's date, plus the stories this batch has changed.
        keys = [key for key, _ in names.most_common(12)]
        if not keys:
            return []
        missing = [k for k in keys if k not in self._row_counts]
        if missing:
            found = self.rows.name_counts(missing)
            self._row_counts.update({k: found.get(k, 0) for k in missing})
        touched = {k: self._touched.get(k, set()) for k in keys}
        selective = [k for k in keys if self._row_counts[k] + sum(
            1 for i in touched[k] if k not in self._row_keys.get(i, ())) <= 40]
        if when is None:
            ids = set().union(*self.rows.stories_named(selective).values())
        else:
            window = timedelta(days=self.window_days)
            ids = self.rows.stories_named_within(selective, (when - window).isoformat(), (when + window).isoformat())
        ids |= set().union(*(touched[k] for k in selective)) if selective else set()
        self._load(ids)
        return [self._loaded[i] for i in sorted(ids)]


def place_articles(library: Library, articles: Iterable[Article], copies: dict[str, str] | None = None,
                   features: Sequence[StoryFeatures | None] | None = None) -> dict[str, int]:
    """Place newly stored articles into the library's stories (one transaction); returns their story numbers.

    `features` holds each article's `story_features` (or None) when a worker computed them already."""
    edits = library.story_edits()
    with library.story_rows() as rows:
        return LibraryStoryClusterer(rows, edits).place(articles, copies, features)


def reform_stories(library: Library, copies: dict[str, str] | None = None) -> None:
    """Re-form every story under the current story edits, keeping the numbers of the stories they continue."""
    edits = library.story_edits()
    previous = library.story_members()
    clusterer = StoryClusterer().fit(_by_date(library.iter_articles()), copies, edits=edits)
    numbers = _keep_numbers(clusterer.stories_, previous)
    with library.story_rows() as rows:
        rows.clear()
        seq, members, names = 0, [], set()
        for story in clusterer.stories_:
            number = numbers[story.id]
            for article_id in story.article_ids:
                seq += 1
                members.append((article_id, number, seq))
            names.update((key, number) for key in story.names)
        rows.write({numbers[s.id]: s.features() for s in clusterer.stories_}, members, names,
                   Counter(clusterer._document_frequency))
        rows.save_meta({"params": [clusterer.name_threshold, clusterer.word_threshold, clusterer.cross_language_names,
                                   clusterer.window_days], "edits": [list(e) for e in edits],
                        "documents": clusterer._documents, "seq": seq, "headlines": 1,
                        "next_id": max([*numbers.values(), *previous.values(), -1]) + 1}, _now())


def _keep_numbers(stories: list[Story], previous: dict[str, int]) -> dict[int, int]:
    """New story index -> story number: each old number goes to the new story holding most of its articles."""
    overlaps = Counter()
    for story in stories:
        for article_id in story.article_ids:
            if article_id in previous:
                overlaps[(story.id, previous[article_id])] += 1
    numbers: dict[int, int] = {}
    taken: set[int] = set()
    for (new, old), _ in sorted(overlaps.items(), key=lambda item: (-item[1], item[0])):
        if new not in numbers and old not in taken:
            numbers[new] = old
            taken.add(old)
    fresh = max([*previous.values(), -1]) + 1
    for story in stories:
        if story.id not in numbers:
            numbers[story.id], fresh = fresh, fresh + 1
    return numbers


def library_stories(library: Library, copies: dict[str, str] | None = None) -> list[Story]:
    """Every story of the library, after placing what is new (or re-forming all after a new story edit)."""
    meta = library.load_state(StoryRows.META)
    edits = [list(e) for e in library.story_edits()]
    if meta is not None and (meta.get("edits", []) != edits or not meta.get("headlines")):
        reform_stories(library, copies)  # new story edits, or stories formed before they had headlines
    else:
        waiting = library.unplaced_articles()
        if waiting:
            place_articles(library, library.iter_articles(waiting), copies)
    found = []
    for number, data, members, stored_first, stored_last in library.stories():
        story = Story.from_features(number, data, members)
        story.stored_first, story.stored_last = _moment(stored_first), _moment(stored_last)
        found.append(story)
    return found


def _moment(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp).replace(tzinfo=None)
