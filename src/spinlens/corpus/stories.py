"""Stories: articles about the same event grouped incrementally (a new article joins a story or starts one).

An article is described by three things that identify an event: its content words (TF-IDF with document
frequencies updated as articles arrive), its names and numbers (capitalised words and figures, which
carry across languages: "Varnholt", "Kastovia", "2026"), and its date. It joins the story whose centroid
is most similar when the names agree, the words agree (or the languages differ, where words cannot) and
the date falls within the story's time window; otherwise it starts a new story. Nothing already placed
is moved, so adding an article never re-clusters the library. Copies join their original's story.
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Iterable, Iterator, Mapping

from spinlens.model import Article, published_moment

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*\d|\d")
_STOP = frozenset("""
the and for that with from this have been were their they about after before into over under while which
when where there would could should will what your more most also than then them these those other some
such only very said says told according les des une pour dans avec sont être cette elle ils qui que par
sur aux plus leur mais comme der die das und den dem des ein eine nicht sich mit auch auf für von ist wird
wurde sind nach bei aus über unter это как что его она они для при или так уже был была были
""".split())


_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                      "t", "u", "f", "h", "ts", "ch", "sh", "sch", "", "y", "", "e", "yu", "ya"]))


def name_key(token: str) -> str:
    """A name as compared across languages and inflections: Latin letters, first five ('varnh')."""
    latin = "".join(_CYRILLIC.get(ch, ch) for ch in token.lower())
    return latin if latin[0].isdigit() else latin[:5]


def _classified(text: str) -> Iterator[tuple[str, str, str]]:
    """(kind, key, surface) for each content token: kind 'name' for names and numbers (capitalised words
    not opening a sentence, figures), 'word' for other content words."""
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token[0].isdigit():
            if len(token) >= 2:
                yield "name", name_key(token), token
            continue
        at = match.start() - 1
        while at >= 0 and text[at] in " \t":
            at -= 1
        opens_sentence = at < 0 or text[at] in ".!?:\n\"“«„—–-"
        if token[0].isupper() and len(token) >= 4 and not opens_sentence and token.lower() not in _STOP:
            yield "name", name_key(token), token
        elif len(token) >= 4 and token.lower() not in _STOP:
            yield "word", token.lower(), token


def name_keys(text: str) -> set[str]:
    """The names and numbers of a text as compared across languages (see `name_key`)."""
    return {key for kind, key, _ in _classified(text) if kind == "name"}


StoryFeatures = tuple[Counter, Counter, dict[str, str]]


def story_features(article: Article) -> StoryFeatures:
    """Content words, and names and numbers, as counts; and the surface form of each name key.

    They depend on the article's text only, so a worker that analysed it can compute them for the process
    that places it (`StoryClusterer.partial_fit(features=...)`)."""
    words, names = Counter(), Counter()
    surface: dict[str, str] = {}
    for kind, key, token in _classified(article.text):
        if kind == "name":
            names[key] += 1
            surface.setdefault(key, token)
        else:
            words[key] += 1
    return words, names, surface


#: Words a story's centroid keeps (pruned to this when it holds twice as many): bounds the cost of comparing
#: an article with a long-running story, whatever its length.
WORDS_KEPT = 300


def voice(article: Article) -> str:
    """Whose telling an article is: its outlet, else its site, else its authors, else the article itself."""
    if article.outlet or article.site:
        return article.outlet or article.site  # type: ignore[return-value]
    if article.authors:
        return "by " + ", ".join(article.authors)
    return f"article {article.id[:8]}"


@dataclass
class Story:
    """A group of articles about one event, with what describes it."""

    id: int
    article_ids: list[str] = field(default_factory=list)
    words: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    outlets: Counter = field(default_factory=Counter)
    surfaces: dict[str, str] = field(default_factory=dict)
    first: datetime | None = None
    last: datetime | None = None
    undated: int = 0
    stored_first: datetime | None = None  # when its first and last articles entered the library: the
    stored_last: datetime | None = None   # story's time when none of its articles has a date
    #: The headline the story is called by: that of its least spun article, the earliest among equals
    #: (title, spin, date, article id), so a wire report names the event rather than an opinion piece.
    headline: dict | None = None

    def add(self, article: Article, words: Counter, names: Counter, when: datetime | None,
            surface: dict[str, str] | None = None) -> None:
        """Take an article in: its features join the centroid, its date the time span."""
        self.article_ids.append(article.id)
        for key, form in (surface or {}).items():
            self.surfaces.setdefault(key, form)
        self.words.update(words)
        if len(self.words) > 2 * WORDS_KEPT:  # a long story's centroid keeps its most used words only
            self.words = Counter(dict(self.words.most_common(WORDS_KEPT)))
        self.names.update(names)
        self.languages[article.language or "und"] += 1
        self.outlets[voice(article)] += 1
        candidate = _headline(article, when)
        if candidate and (self.headline is None or _headline_order(candidate) < _headline_order(self.headline)):
            self.headline = candidate
        if when is None:
            self.undated += 1
        else:
            self.first = when if self.first is None else min(self.first, when)
            self.last = when if self.last is None else max(self.last, when)

    def features(self) -> dict:
        """What describes the story, as JSON-able data (its articles are kept apart, as members)."""
        return {"words": dict(self.words), "names": dict(self.names), "languages": dict(self.languages),
                "outlets": dict(self.outlets), "surfaces": self.surfaces, "undated": self.undated,
                "first": self.first.isoformat() if self.first else None,
                "last": self.last.isoformat() if self.last else None, "headline": self.headline}

    @classmethod
    def from_features(cls, story_id: int, data: dict, article_ids: list[str] | None = None) -> "Story":
        """The story `features()` described."""
        return cls(story_id, list(article_ids or []), Counter(data["words"]), Counter(data["names"]),
                   Counter(data["languages"]), Counter(data["outlets"]), dict(data["surfaces"]),
                   datetime.fromisoformat(data["first"]) if data["first"] else None,
                   datetime.fromisoformat(data["last"]) if data["last"] else None, data["undated"],
                   headline=data.get("headline"))

    def time_span(self) -> tuple[str, str]:
        """First and last day of the story: published dates, else library entry dates marked '(stored)'."""
        if self.first is not None:
            return self.first.date().isoformat(), self.last.date().isoformat()
        if self.stored_first is not None:
            return (f"{self.stored_first.date().isoformat()} (stored)", f"{self.stored_last.date().isoformat()} (stored)")
        return "undated", "undated"

    @property
    def title(self) -> str:
        """What the story is called: its headline (see `headline`), else its most used names."""
        return self.headline["title"] if self.headline else self.key_names

    @property
    def key_names(self) -> str:
        """The names most characteristic of the story."""
        return ", ".join(self.surfaces.get(key, key) for key, _ in self.names.most_common(4))


#: Characters of a headline kept in a story's features (a headline is hostile input too).
HEADLINE_CHARS = 300


def _headline(article: Article, when: datetime | None) -> dict | None:
    """The article as a headline candidate of its story, or None when it has no title."""
    title = " ".join((article.title or "").split())[:HEADLINE_CHARS]
    if not title:
        return None
    spin = article.extra.get("spin")
    return {"title": title, "spin": spin.get("score") if isinstance(spin, dict) else None,
            "when": when.isoformat() if when else None, "id": article.id}


def _headline_order(candidate: dict) -> tuple:
    """Least spin first (unscored last), then the earliest (undated last), then the id."""
    spin = candidate.get("spin")
    return (spin if isinstance(spin, (int, float)) else 101, candidate.get("when") or "~", candidate.get("id") or "")


class StoryClusterer:
    """Incremental story clustering; `labels_[i]` is the story of the i-th article added."""

    def __init__(self, name_threshold: float = 0.35, word_threshold: float = 0.06, cross_language_names: float = 0.3,
                 window_days: float = 4.0):
        self.name_threshold = name_threshold
        self.word_threshold = word_threshold
        self.cross_language_names = cross_language_names
        self.window_days = window_days

    def fit(self, articles: Iterable[Article], copies: dict[str, str] | None = None,
            edits: Iterable[tuple[str, str, str | None]] = ()) -> "StoryClusterer":
        """Start afresh and place every article in order.

        `copies` maps a copy id to its original's id; `edits` are users' (article, 'join'|'split', other)
        choices, applied whenever the article is placed, so they survive re-clustering.
        """
        self._apply_edits(list(edits))
        self.stories_: list[Story] = []
        self.labels_: list[int] = []
        self.story_of_: dict[str, int] = {}
        self._by_name: dict[str, set[int]] = {}  # name key -> stories using it: candidates without a full scan
        self._document_frequency: Counter = Counter()
        self._documents = 0
        self._name_vectors: dict[int, tuple[int, Vector]] = {}
        for article in articles:
            self.partial_fit(article, copies)
        return self

    def _apply_edits(self, edits: list[tuple[str, str, str | None]]) -> None:
        self.edit_log_ = [tuple(e) for e in edits]
        self.edits_: dict[str, tuple[str, str | None]] = {}
        self._joined: dict[str, set[str]] = {}
        for article_id, action, other in edits:  # in order: a split undoes the joins made before it
            self.edits_[article_id] = (action, other)
            if action == "join" and other:
                self._joined.setdefault(article_id, set()).add(other)
                self._joined.setdefault(other, set()).add(article_id)
                if self.edits_.get(other, ("",))[0] == "split":
                    self.edits_.pop(other)
            elif action == "split":  # it leaves; the articles joined through it stay together
                partners = sorted(self._joined.pop(article_id, set()))
                for partner in partners:
                    self._joined.get(partner, set()).discard(article_id)
                for partner in partners[1:]:
                    self._joined.setdefault(partners[0], set()).add(partner)
                    self._joined.setdefault(partner, set()).add(partners[0])

    def partial_fit(self, article: Article, copies: dict[str, str] | None = None,
                    features: StoryFeatures | None = None) -> "StoryClusterer":
        """Place one article: join the best-fitting story or start a new one; earlier placements stay.

        `features` are its `story_features` when already computed."""
        if not hasattr(self, "stories_"):
            self.fit([])
        words, names, surface = features or story_features(article)
        when = published_moment(article.published)
        original = (copies or {}).get(article.id)
        partners = [self._placed(p) for p in sorted(getattr(self, "_joined", {}).get(article.id, ()))]
        partners = [p for p in partners if p is not None]
        if getattr(self, "edits_", {}).get(article.id, ("",))[0] == "split":
            story = None  # the user split it out: it starts its own story
        elif partners:
            story = self._story(partners[0])
        elif original is not None and self._placed(original) is not None:
            story = self._story(self._placed(original))
        else:
            story = self._best_story(article, words, names, when)
        if story is None:
            story = self._new_story()
        story.add(article, words, names, when, surface)
        self._record(article.id, story, names, set(words) | set(names))
        return self

    # -- where the state lives: in memory here; `corpus.library_stories` keeps it in the library ----
    def _story(self, story_id: int) -> Story:
        return self.stories_[story_id]

    def _stories_named(self, key: str) -> set[int]:
        return self._by_name.get(key, set())

    def _placed(self, article_id: str) -> int | None:
        return self.story_of_.get(article_id)

    def _frequency(self, term: str) -> int:
        return self._document_frequency[term]

    def _frequencies(self) -> Mapping[str, int]:
        """Document frequency of every term (0 for terms never seen)."""
        return self._document_frequency

    def _new_story(self) -> Story:
        story = Story(len(self.stories_))
        self.stories_.append(story)
        return story

    def _record(self, article_id: str, story: Story, names: Counter, terms: set[str]) -> None:
        for key in names:
            self._by_name.setdefault(key, set()).add(story.id)
        self._document_frequency.update(terms)
        self._documents += 1
        self.labels_.append(story.id)
        self.story_of_[article_id] = story.id

    def _candidates(self, names: Counter, when: datetime | None) -> list[Story]:
        """Stories sharing one of the article's main names; a name shared by very many stories (a year, a
        capital) proposes nothing, which keeps the cost flat."""
        lists = [self._stories_named(key) for key, _ in names.most_common(12)]
        candidates = set().union(*(found for found in lists if len(found) <= 40)) if lists else set()
        return [self._story(i) for i in sorted(candidates)]

    def _name_vector(self, story: Story) -> Vector:
        """The vector of a story's names, kept until an article joins it (names carry no IDF)."""
        size = len(story.article_ids)
        kept = self._name_vectors.get(story.id)
        if kept is None or kept[0] != size:
            kept = self._name_vectors[story.id] = (size, _vector(story.names))
        return kept[1]

    def _best_story(self, article: Article, words: Counter, names: Counter, when: datetime | None) -> Story | None:
        best, best_score = None, 0.0
        scales = _IdfScales(self._documents + 1)  # shared by the candidates: the counts stay while it is placed
        frequencies = self._frequencies()
        article_names, article_words = _vector(names), _vector(words, scales, frequencies)
        for story in self._candidates(names, when):
            if when is not None and story.first is not None and not (
                    story.first - timedelta(days=self.window_days) <= when <= story.last + timedelta(days=self.window_days)):
                continue
            name_sim = _cosine(article_names, self._name_vector(story))
            other_language = (article.language or "und") not in story.languages
            if name_sim < self.name_threshold and not (other_language and name_sim >= self.cross_language_names):
                continue  # cannot fit whatever the words say
            word_sim = _word_similarity(article_words, story.words, scales, frequencies)
            fits = (name_sim >= self.name_threshold and word_sim >= self.word_threshold) or (
                other_language and name_sim >= self.cross_language_names)
            score = name_sim + word_sim
            if fits and score > best_score:
                best, best_score = story, score
        return best


class _LogCounts(dict):
    """1 + log(count) of every count met, computed once per process."""

    def __missing__(self, count: int) -> float:
        value = self[count] = 1 + math.log(count)
        return value


_LOG_COUNTS = _LogCounts()


class _IdfScales(dict):
    """The smoothed IDF scale of a word by its document frequency, while one article is placed (`documents`
    counting it): computed once per frequency however many words and candidate stories have it."""

    def __init__(self, documents: int):
        super().__init__()
        self._documents = documents

    def __missing__(self, frequency: int) -> float:
        value = self[frequency] = 1.0 + math.log((self._documents + 1) / (frequency + 1))
        return value


Vector = tuple[dict[str, float], float]


def _vector(counts: Counter, scales: _IdfScales | None = None, frequencies: Mapping[str, int] | None = None) -> Vector:
    """Log-scaled counts, words weighted by a smoothed IDF (`scales` of their `frequencies`), names (already
    selective) not; and the vector's norm.

    IDF alone would erase what a library of one event's coverage shares, so it only adds weight.
    """
    if scales is None:
        weights = {term: _LOG_COUNTS[count] for term, count in counts.items()}
    else:
        weights = {term: _LOG_COUNTS[count] * scales[frequencies[term]] for term, count in counts.items()}
    values = list(weights.values())
    return weights, math.sqrt(sum(map(operator.mul, values, values)))


def _word_similarity(a: Vector, words: Counter, scales: _IdfScales, frequencies: Mapping[str, int]) -> float:
    """`_cosine(a, _vector(words, scales, frequencies))`, the same figure without building the second vector
    (a story keeps up to hundreds of words; their weights are mapped in C, only shared words looked up)."""
    weights_a, norm_a = a
    if not weights_a or not words:
        return 0.0
    logs = _LOG_COUNTS
    values = list(map(operator.mul, map(logs.__getitem__, words.values()),
                      map(scales.__getitem__, map(frequencies.__getitem__, words))))
    dot = sum(v * (logs[words[t]] * scales[frequencies[t]] if t in words else 0.0) for t, v in weights_a.items())
    norm = norm_a * math.sqrt(sum(map(operator.mul, values, values)))
    return dot / norm if norm else 0.0


def _cosine(a: Vector, b: Vector) -> float:
    """Cosine of two vectors of `_vector`."""
    (weights_a, norm_a), (weights_b, norm_b) = a, b
    if not weights_a or not weights_b:
        return 0.0
    dot = sum(v * weights_b.get(t, 0.0) for t, v in weights_a.items())
    norm = norm_a * norm_b
    return dot / norm if norm else 0.0


def bcubed(predicted: list[int], gold: list[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold labels."""
    n = len(predicted)
    precision = recall = 0.0
    for i in range(n):
        same_pred = [j for j in range(n) if predicted[j] == predicted[i]]
        same_gold = [j for j in range(n) if gold[j] == gold[i]]
        both = sum(1 for j in same_pred if gold[j] == gold[i])
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    p, r = precision / n, recall / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
