"""`spinlens bench library`: the same library calls timed on each back end (SQLite file, PostgreSQL URL).

Each library is filled with synthetic articles replicated from the analysed demo corpus (as `bench web`
does: model stages skipped), then `get`, `list`, `count` and `search` are called in a loop on it. The
figures are operations per second in one process, one call at a time; the actors view, which reads every
actor mention, is timed over a few calls and given in seconds per call.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator, Sequence

from spinlens.errors import UsageError
from spinlens.model import Article
from spinlens.store import Library

_SAVE_BATCH = 100
_SEARCHES = ("dam", "inspectors", "explosion", "water level", "minister said", "desk reference")


def run_library_bench(count: int, locations: Sequence[str], calls: int = 200,
                      templates: Sequence[Article] | None = None) -> Iterator[str]:
    """Fill each (empty) library with `count` articles and time the read calls; yield one line per back end."""
    from spinlens.bench.web import analysed_templates

    if templates is None:
        started = time.perf_counter()
        templates = analysed_templates()
        yield f"analysed {len(templates)} demo articles with the full pipeline in {time.perf_counter() - started:.1f} s"
    with tempfile.TemporaryDirectory() as folder:
        for location in locations or [str(Path(folder) / "bench.sqlite")]:
            yield _bench_one(location, templates, count, calls)


def _rate(calls: int, action: Callable[[int], object]) -> float:
    started = time.perf_counter()
    for i in range(calls):
        action(i)
    return calls / max(time.perf_counter() - started, 1e-9)


def _bench_one(location: str, templates: Sequence[Article], count: int, calls: int) -> str:
    """Save `count` articles into the library at `location`, then time get, list, count and search."""
    from spinlens.bench.web import synthetic_articles

    with Library(location) as library:
        if library.count():
            raise UsageError(f"the {library.backend} library given holds {library.count()} articles; "
                             "bench library needs an empty one")
        started = time.perf_counter()
        articles = list(synthetic_articles(templates, count))
        failed = sum(1 for start in range(0, count, _SAVE_BATCH)
                     for result in library.save_many(articles[start:start + _SAVE_BATCH])
                     if isinstance(result, Exception))
        saves = count / max(time.perf_counter() - started, 1e-9)
        rng = random.Random(3)
        ids = sorted(library.article_ids())
        outlets = [name for name, _ in library.outlets()]
        sorts = ("published", "added", "title", "outlet", "spin")
        gets = _rate(calls, lambda i: library.get(rng.choice(ids)))
        lists = _rate(calls, lambda i: library.list(limit=50, offset=rng.randrange(count), sort=sorts[i % 5]))
        counts = _rate(calls, lambda i: library.count(outlet=rng.choice(outlets)))
        searches = _rate(calls, lambda i: library.search(_SEARCHES[i % len(_SEARCHES)], limit=20))
        views = max(1, min(calls, 3))  # the actors view reads every actor mention: a few calls say enough
        per_view = 1 / _rate(views, lambda i: library.actors(limit=50))
        name = library.backend
    return (f"{name:<10} {count} articles ({failed} failed): save {saves:,.0f}/s, get {gets:,.0f}/s, "
            f"list {lists:,.0f}/s, count {counts:,.0f}/s, search {searches:,.0f}/s ({calls} calls each), "
            f"actors view {per_view:.2f} s ({views} calls)")
