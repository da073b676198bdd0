"""`spinlens bench web`: requests/s and latency percentiles of the web app's article page and search endpoint
over a large library, with many concurrent clients on loopback.

The library is built fast: the demo corpus is analysed once by the real pipeline, then its analysed articles
are replicated with new identities, outlets and dates, made-up names per event of 24 articles, a third of the
other longer words swapped (same lengths, so the model's spans stay valid) and one extra paragraph each (a
reference number, so searches hit one, a few or most articles). They are stored through
`Library.save_many` and placed in stories as analysis places them, skipping only the model stages.
"""

from __future__ import annotations

import asyncio
import math
import os
import random
import re
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator, Sequence
from urllib.parse import urlencode

from spinlens.model import LAYER_PARAGRAPH, Article, short_id

#: Where the app serves one article's page and the REST search (see spinlens.web).
ARTICLE_PAGE = "/articles/{id}"
SEARCH_ENDPOINT = "/api/v1/search"

_EDITIONS = ["", " Evening", " Weekly", " North", " South", " Online", " International", " Digest"]
_SAVE_BATCH = 200
_COLD_TIMEOUT = 1800.0
_COPY_EVERY = 50  # every 50th article is a verbatim copy of the one before it, as syndication makes
_EVENT_SIZE = 24  # consecutive articles about one made-up event (its own names), a day or so apart
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass
class LoadResult:
    """What one load run measured: every latency in seconds, failures, and the wall time."""

    name: str
    latencies: list[float]
    failures: dict[str, int]
    wall_seconds: float

    def percentile(self, q: float) -> float:
        """The q-th percentile latency in milliseconds (nearest rank)."""
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        rank = max(0, min(len(ordered) - 1, math.ceil(q * len(ordered) / 100) - 1))
        return ordered[rank] * 1000

    def summary(self) -> str:
        """One line: requests/s, p50/p95/p99, failures."""
        done = len(self.latencies)
        failed = sum(self.failures.values())
        failures = ", ".join(f"{k}: {v}" for k, v in sorted(self.failures.items())) or "none"
        return (f"{self.name}: {done} ok in {self.wall_seconds:.1f} s = {done / self.wall_seconds:.0f} requests/s; "
                f"latency p50 {self.percentile(50):.0f} ms, p95 {self.percentile(95):.0f} ms, "
                f"p99 {self.percentile(99):.0f} ms; failed {failed} ({failures})")


def _pseudo_names(rng: random.Random, count: int) -> list[str]:
    """Distinct pronounceable made-up names (places, reporters) for the extra paragraphs."""
    names: set[str] = set()
    while len(names) < count:
        names.add("".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)).title())
    return sorted(names)


def _made_word(rng: random.Random, length: int) -> str:
    return "".join(rng.choice("bdfgklmnprstvz" if j % 2 == 0 else "aeiou") for j in range(length))


def event_name(event: int, word: str) -> str:
    """The made-up name (same length) that `word` takes in the articles of one synthetic event."""
    return _made_word(random.Random(f"{event}:{word}"), len(word)).title()


def _vary_words(text: str, rng: random.Random, event: int, share: float = 0.3) -> str:
    """`text` with every capitalised word renamed for its event (so events form their own stories) and about
    `share` of the other longer words swapped for made-up words; lengths are kept, so span offsets stay valid."""
    def swap(match: re.Match) -> str:
        word = match.group(0)
        if word[0].isupper():
            return event_name(event, word)
        return _made_word(rng, len(word)) if rng.random() < share else word
    return _LONG_WORD.sub(swap, text)


def analysed_templates() -> list[Article]:
    """The demo corpus analysed once by the full pipeline (not stored): the articles to replicate."""
    from spinlens.api import analyze_sources, demo_corpus_dir

    return [o.article for o in analyze_sources([str(demo_corpus_dir())], store=False) if o.ok and o.article]


def synthetic_articles(templates: Sequence[Article], count: int, seed: int = 11,
                       first: int = 0) -> Iterator[Article]:
    """`count` copies of the analysed templates with their own identity, outlet, date, words and extra
    paragraph, numbered from `first` (to add to a library built before)."""
    rng = random.Random(seed)
    places, reporters = _pseudo_names(rng, 300), _pseudo_names(rng, 300)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    step = timedelta(days=365) / max(1, count)
    body = ""
    for i in range(first, first + count):
        event = i // _EVENT_SIZE
        if i % _COPY_EVERY == _COPY_EVERY - 1 and body:  # a verbatim copy of the article before it
            template = templates[(i - 1) % len(templates)]
        else:
            template = templates[i % len(templates)]
            body = _vary_words(template.text, rng, event)
        extra = (f"Filed from {rng.choice(places)} by {rng.choice(reporters)} for the "
                 f"{rng.choice(places)} desk, reference bench{i}.")
        text = body + "\n\n" + extra
        article = template.model_copy(update={
            "identity": f"bench:{i}", "id": short_id(f"bench:{i}"), "source": f"bench:{i}",
            "title": _LONG_WORD.sub(lambda m: event_name(event, m.group(0)) if m.group(0)[0].isupper()
                                    else m.group(0), template.title or ""),
            "outlet": (template.outlet or "Unknown outlet") + _EDITIONS[rng.randrange(len(_EDITIONS))],
            "published": (start + step * i).isoformat(timespec="seconds"), "text": text,
            "raw_text": text, "spans": list(template.spans)})
        article.add_span(len(text) - len(extra), len(text), LAYER_PARAGRAPH)
        yield article


def build_bench_library(path: Path, count: int, seed: int = 11, first: int = 0) -> Iterator[str]:
    """Fill the library at `path` with `count` synthetic articles (see module doc); yield progress lines."""
    from spinlens.store import Library

    started = time.perf_counter()
    templates = analysed_templates()
    yield f"analysed {len(templates)} demo articles with the full pipeline in {time.perf_counter() - started:.1f} s"
    started = time.perf_counter()
    failed = 0
    with Library(path) as library:
        batch: list[Article] = []
        for article in synthetic_articles(templates, count, seed, first):
            batch.append(article)
            if len(batch) == _SAVE_BATCH:
                failed += _store_and_place(library, batch)
                batch = []
        failed += _store_and_place(library, batch)
        total = library.count()
    yield (f"stored {count} synthetic articles and placed them in stories as analysis does (model stages "
           f"skipped: replicated from the analysed demo corpus) in {time.perf_counter() - started:.1f} s; "
           f"{failed} failed; library holds {total}")


def _store_and_place(library, articles: list[Article]) -> int:
    """Store a batch and place the stored articles in the library's stories; the number that failed."""
    from spinlens.corpus.library_stories import place_articles

    results = library.save_many(articles)
    stored = [a for a, r in zip(articles, results) if not isinstance(r, Exception)]
    if stored:
        place_articles(library, stored)
    return len(articles) - len(stored)


async def _drive(base_url: str, targets: Sequence[str], clients: int, name: str, *, timeout: float = 60.0,
                 max_seconds: float = 600.0) -> LoadResult:
    """Send the targets in order, `clients` requests in flight at a time, timing each; clients take no new
    target after `max_seconds`, so a slow server cannot make the run endless.

    aiohttp (C-accelerated HTTP parsing) keeps the load generator's own CPU small: it shares the machine's
    cores with the server, and a slow client would show up as server latency."""
    import aiohttp

    latencies: list[float] = []
    failures: dict[str, int] = {}
    queue = iter(targets)
    stop_at = time.perf_counter() + max_seconds

    def failed(kind: str) -> None:
        failures[kind] = failures.get(kind, 0) + 1

    async def client_loop(session: "aiohttp.ClientSession") -> None:
        for target in queue:
            if time.perf_counter() > stop_at:
                failed("not sent: time limit")
                continue
            began = time.perf_counter()
            try:
                async with session.get(target) as response:
                    await response.read()
                    status = response.status
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                failed(type(exc).__name__)
                continue
            if status == 200:
                latencies.append(time.perf_counter() - began)
            else:
                failed(f"HTTP {status}")

    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(base_url=base_url, connector=connector, trust_env=False,
                                     timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        began = time.perf_counter()
        await asyncio.gather(*(client_loop(session) for _ in range(clients)))
        wall = time.perf_counter() - began
    return LoadResult(name, latencies, failures, wall)


def load_targets(article_ids: Sequence[str], requests: int, seed: int = 5) -> tuple[list[str], list[str]]:
    """Article-page paths over random articles, and search paths mixing rare and common words."""
    rng = random.Random(seed)
    pages = [ARTICLE_PAGE.format(id=rng.choice(article_ids)) for _ in range(requests)]
    queries = ["dam", "dam explosion", "bench" + str(rng.randrange(len(article_ids))), "inspectors",
               "sabotage AND commission", event_name(rng.randrange(max(1, len(article_ids) // _EVENT_SIZE)),
                                                     "Varnholt")]
    searches = [f"{SEARCH_ENDPOINT}?{urlencode({'q': rng.choice(queries)})}" for _ in range(requests)]
    return pages, searches


def run_web_bench(count: int, clients: int, requests: int, library: Path | None,
                  max_seconds: float = 600.0, processes: int = 1) -> Iterator[str]:
    """Build or reuse the library, serve it, drive the article page and search; yield the figures."""
    from spinlens.bench.server import serve_library
    from spinlens.store import Library

    with tempfile.TemporaryDirectory(prefix="spinlens-bench-web-") as workdir:
        path = library or Path(workdir) / "bench.sqlite"
        existing = Library(path)
        have = existing.count()
        existing.close()
        if have < count:
            yield from build_bench_library(path, count - have, first=have)
        else:
            yield f"reusing {path}: {have} articles"
        with Library(path) as lib:
            ids = sorted(lib.article_ids())
        pages, searches = load_targets(ids, requests)
        with serve_library(path, extra_args=("--processes", str(processes))) as served:
            yield (f"serving {len(ids)} articles at {served.base_url} with {processes} server "
                   f"process{'es' if processes > 1 else ''}; {clients} concurrent clients, "
                   f"{requests} requests each; machine load average {_load_average()}")
            for name, targets in (("article page", pages), ("search endpoint", searches)):
                cold = asyncio.run(_drive(served.base_url, targets[:1], 1, name, timeout=_COLD_TIMEOUT))
                yield (f"{name}: first request {cold.wall_seconds:.1f} s ({'ok' if cold.latencies else cold.failures}; "
                       f"includes waiting for the app's start-up computation of library-wide copies and stories)")
                asyncio.run(_drive(served.base_url, targets[: clients * 2], clients, name))  # warm up connections
                cpu_before, client_before = served.cpu_seconds(), time.process_time()
                result = asyncio.run(_drive(served.base_url, targets, clients, name, max_seconds=max_seconds))
                cpu_after, client_cpu = served.cpu_seconds(), time.process_time() - client_before
                yield result.summary()
                if cpu_before is not None and cpu_after is not None and result.latencies:
                    done = len(result.latencies)
                    yield (f"{name}: CPU per request: server processes {(cpu_after - cpu_before) / done * 1000:.1f} ms, "
                           f"load clients {client_cpu / done * 1000:.1f} ms (load average now {_load_average()})")


def _load_average() -> str:
    """The machine's 1-minute load average, to say how busy it was while measuring."""
    try:
        return f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    except OSError:
        return "unknown"
