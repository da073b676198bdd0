"""`spinlens bench scale`: articles/s of the plain path and of 1, 2 and N local Dask workers on a big corpus.

The corpus is one JSONL file (read as a stream, as `spinlens analyze` reads it) of synthetic articles: half
made of demo-corpus paragraphs, half short generated texts, every one with its own URL. Each run stores into
a fresh library through the same API call `spinlens analyze` makes; Dask runs include the local cluster's
start-up, as a user running `spinlens analyze --scheduler local` pays it.
"""

from __future__ import annotations

import json
import os
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Iterator, Sequence

from spinlens import api

_SUBJECTS = ["The council", "The ministry", "Dock workers", "The regional court", "Local farmers", "The rail operator",
             "Hospital staff", "The city mayor", "Opposition deputies", "The water board", "Teachers' unions"]
_VERBS = ["announced", "rejected", "questioned", "welcomed", "postponed", "criticised", "approved", "reviewed"]
_OBJECTS = ["the new budget", "a plan to close the northern bridge", "the harbour dredging contract",
            "changes to the bus timetable", "the report on flood defences", "a proposal to raise fees",
            "the merger of two districts", "an inquiry into the power cut", "the winter road repairs"]
_TAILS = ["on Monday", "after a long debate", "citing rising costs", "despite protests outside", "in a short statement",
          "following weeks of talks", "without giving a date", "to the surprise of many residents"]


def demo_paragraphs() -> list[tuple[str, str, list[str]]]:
    """(title, outlet, body paragraphs) of every demo-corpus article, cleaned by the pipeline."""
    pipeline = api.build_pipeline(names=("clean", "paragraphs"))
    found = []
    for outcome in api.analyze_documents(api.read_documents([str(api.demo_corpus_dir())]), store=False,
                                         pipeline=pipeline):
        if outcome.ok:
            article = outcome.article
            body = [article.span_text(p) for p in article.paragraphs()[1:]]
            found.append((article.title or "Untitled", article.outlet or "Demo", body))
    return found


def _generated_text(rng: random.Random, number: int) -> str:
    """A short plausible news text of two or three paragraphs, different for every number."""
    paragraphs = []
    for _ in range(rng.randint(2, 3)):
        sentences = [f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_TAILS)}."
                     for _ in range(rng.randint(2, 4))]
        paragraphs.append(" ".join(sentences))
    paragraphs[-1] += f" The decision concerns district {number}, officials said."
    return "\n\n".join(paragraphs)


def write_corpus(path: Path, count: int, seed: int = 7) -> int:
    """Write `count` synthetic articles as JSONL at `path`; returns how many were written."""
    demo = demo_paragraphs()
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(count):
            if i % 2 == 0:
                title, outlet, body = demo[(i // 2) % len(demo)]
                start = (i // (2 * len(demo))) % max(1, len(body) - 2)
                record = {"title": f"{title} ({i})", "text": "\n\n".join(body[start:start + 3]),
                          "outlet": f"{outlet} edition {i}"}  # an outlet each: shared paragraphs are not boilerplate
            else:
                record = {"title": f"District {i} decision", "text": _generated_text(rng, i),
                          "outlet": f"Generated News {i % 40}"}
            record.update(url=f"https://scale.example/{i}", published=f"2026-03-{1 + i % 28:02d}")
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return count


def timed_run(corpus: Path, library_path: Path, stages: Sequence[str], scheduler: str | None,
              workers: int | None, place_stories: bool = True) -> tuple[int, int, float]:
    """Analyse and store a corpus once into a new library, as `spinlens analyze` does: (stored, failed, seconds)."""
    library = api.open_library(library_path)
    stored = failed = 0
    start = time.perf_counter()
    try:
        pipeline = api.build_pipeline(library, names=stages)
        for outcome in api.analyze_documents(api.read_documents([str(corpus)]), library=library, pipeline=pipeline,
                                             scheduler=scheduler, workers=workers, place_stories=place_stories):
            stored, failed = (stored + 1, failed) if outcome.saved is not None else (stored, failed + 1)
    finally:
        library.close()
    return stored, failed, time.perf_counter() - start


def run_scale_bench(count: int, workers: Sequence[int], stages: Sequence[str], workdir: str | None = None
                    ) -> Iterator[str]:
    """Time the plain path and local Dask clusters of each worker count; yield one line per figure."""
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        root = Path(tmp)
        corpus = root / "scale.jsonl"
        write_corpus(corpus, count)
        yield (f"corpus: {count} synthetic articles in one JSONL ({corpus.stat().st_size / 1e6:.1f} MB), "
               f"half demo-corpus paragraphs, half short generated texts; {os.cpu_count()} cores")
        yield f"stages: {', '.join(stages)} (then stored, one transaction per article)"
        stored, failed, plain = timed_run(corpus, root / "plain.sqlite", stages, None, 1)
        yield f"plain, one process:      {stored / plain:7.1f} articles/s ({stored} stored, {failed} failed, {plain:.1f} s)"
        timings = {}
        for n in workers:
            stored, failed, seconds = timed_run(corpus, root / f"dask{n}.sqlite", stages, "local", n)
            timings[n] = seconds
            yield (f"dask, {n} local worker{'s' if n > 1 else ' '}: {stored / seconds:7.1f} articles/s "
                   f"({stored} stored, {failed} failed, {seconds:.1f} s, cluster start-up included)")
        if 1 in timings:
            overhead = (timings[1] - plain) / plain * 100
            yield f"dask overhead at 1 worker vs the plain path: {overhead:+.1f}% of wall time (target: at most +15%)"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    yield f"peak resident memory of the calling process: {peak:.0f} MB"
