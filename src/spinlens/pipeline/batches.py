"""Batches of inputs analysed in this process or in worker processes, always returned in input order.

A batch is a list of documents (or the per-input errors met while reading them); analysing it means
extracting each document into an `Article` and running the pipeline over the batch. Worker processes
each build the same pipeline by stage names and open the library read-only for the stages that consult
it; the calling process keeps all writing, so the library has one writer.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence, Union

from spinlens.corpus.stories import StoryFeatures, story_features
from spinlens.errors import SpinlensError
from spinlens.ingest.document import RawDocument
from spinlens.model import Article
from spinlens.pipeline.core import Context, Pipeline
from spinlens.store.article_rows import ArticleRows, article_rows

if TYPE_CHECKING:
    from spinlens.api import Outcome

Item = Union[RawDocument, SpinlensError]


@dataclass
class Prepared:
    """An analysed article with what storing it (`article_rows`) and placing it in stories (`story_features`)
    derive from it, computed where it was analysed so that the process writing the library only writes."""

    article: Article
    rows: ArticleRows
    features: StoryFeatures | None = None


Analysed = Union[Article, Prepared, "Outcome"]


def group(documents: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Consecutive batches holding `size` documents each (errors ride along in their place)."""
    batch: list[Item] = []
    count = 0
    for item in documents:
        batch.append(item)
        if not isinstance(item, SpinlensError):
            count += 1
            if count >= size:
                yield batch
                batch, count = [], 0
    if batch:
        yield batch


def analyse(batch: Sequence[Item], pipeline: Pipeline, rows: bool = False, features: bool = False) -> list[Analysed]:
    """Extract every document of the batch and run the pipeline over the articles, in input order.

    With `rows` (the articles will be stored), each article that came through is returned `Prepared`,
    with its story features too if `features` (they will be placed in stories)."""
    from spinlens.api import Outcome
    from spinlens.ingest.extract import extract_article

    done: list[Analysed] = []
    for item in batch:
        if isinstance(item, SpinlensError):
            done.append(Outcome(source=item.source or "", error=item))
            continue
        try:
            done.append(extract_article(item))
        except SpinlensError as exc:
            done.append(Outcome(source=item.source, error=exc))
    pipeline.run([a for a in done if isinstance(a, Article)])
    if rows:
        done = [Prepared(a, article_rows(a), story_features(a) if features else None)
                if isinstance(a, Article) and a.ok else a for a in done]
    return done


_worker_pipeline: Pipeline | None = None


def _start_worker(names: list[str], library_path: str | None, model_threads: int) -> None:
    global _worker_pipeline
    import os

    from spinlens.store import Library

    if model_threads:
        os.environ["SPINLENS_MODEL_THREADS"] = str(model_threads)
    library = Library(library_path) if library_path else None
    _worker_pipeline = Pipeline(names, Context(library=library))


def _analyse_in_worker(batch: list[Item], rows: bool, features: bool) -> list[Analysed]:
    assert _worker_pipeline is not None, "worker not started"
    return analyse(batch, _worker_pipeline, rows, features)


def analysed_batches(documents: Iterable[Item], pipeline: Pipeline, size: int,
                     workers: int = 1, rows: bool = False, features: bool = False) -> Iterator[list[Analysed]]:
    """Analysed batches in input order; with `workers` > 1, analysed by that many processes
    (`rows` and `features` as for `analyse`).

    At most two batches per worker are in flight, so memory stays bounded on any corpus size.
    """
    batches = group(documents, size)
    if workers <= 1:
        for batch in batches:
            yield analyse(batch, pipeline, rows, features)
        return
    library = pipeline.context.library
    library_path = library.shared_location if library is not None else None
    cores = multiprocessing.cpu_count() or 1
    # fork where the platform has it: workers start at once and scripts need no __main__ guard; the
    # parent has run no model (no native thread pools to inherit) and workers open their own library.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                             initializer=_start_worker,
                             initargs=(pipeline.names, library_path, max(1, cores // workers))) as pool:
        in_flight: deque[Future] = deque()
        try:
            for batch in batches:
                in_flight.append(pool.submit(_analyse_in_worker, batch, rows, features))
                if len(in_flight) >= 2 * workers:
                    yield in_flight.popleft().result()
            while in_flight:
                yield in_flight.popleft().result()
        except BrokenProcessPool:
            raise SpinlensError("a worker process died (killed, or out of memory); the articles stored so far "
                                "are kept: run the same command with --resume to finish") from None
