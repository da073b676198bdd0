"""The Python API: every interface (CLI, web, batch) goes through these functions."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from spinlens import settings
from spinlens.errors import InputError, SpinlensError, UsageError
from spinlens.ingest.document import RawDocument
from spinlens.model import Article
from spinlens.pipeline import Context, Pipeline
from spinlens.pipeline.batches import Analysed, Prepared
from spinlens.store import Library, SaveResult

_log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What happened to one input: the analysed article (and how it was stored), or the error."""

    source: str
    article: Article | None = None
    error: SpinlensError | None = None
    saved: SaveResult | None = None

    @property
    def ok(self) -> bool:
        """True when the input became a stored (or storable) analysed article."""
        return self.error is None and self.article is not None and self.article.ok


def through_day(until: str | None) -> str | None:
    """The exclusive bound for 'published on or before `until`': the next day for a bare ISO day
    ('2026-03-16' -> '2026-03-17'; the last day there is: its last moment); a date-time (or anything else) as
    given."""
    if until is None or len(until) != 10:
        return until
    try:
        return (date.fromisoformat(until) + timedelta(days=1)).isoformat()
    except ValueError:
        return until  # not a day: the library's own check names it
    except OverflowError:
        return f"{until}T23:59:59.999999"


def open_library(path: str | Path | None = None, *, create: bool = True) -> Library:
    """Open (creating if needed) the library at `path` (a file, or a postgresql:// URL), `SPINLENS_LIBRARY`,
    or the default location; with `create=False` a library file that does not exist is a `LibraryError`."""
    return Library(path, create=create)


def build_pipeline(library: Library | None = None, names: Iterable[str] | None = None) -> Pipeline:
    """The registered analysis stages, checked for order, bound to an optional library."""
    return Pipeline(names, Context(library=library))


def read_documents(sources: Iterable[str], *, allow_private: bool | None = None,
                   stdin: BinaryIO | None = None) -> Iterator[RawDocument | InputError]:
    """Decoded documents (or per-input errors) from files, folders, URLs, feeds, JSONL, WARC, stdin."""
    from spinlens.ingest.readers import iter_documents

    return iter_documents(sources, allow_private=allow_private, stdin=stdin)


def analyze_documents(documents: Iterable[RawDocument | InputError], *, library: Library | None = None,
                      store: bool = True, pipeline: Pipeline | None = None,
                      batch_size: int | None = None, workers: int | None = None,
                      scheduler: str | None = None, batch_id: str | None = None,
                      place_stories: bool = True) -> Iterator[Outcome]:
    """Extract, analyse in batches and (optionally) store documents, yielding one outcome per input.

    With `workers` > 1 (or `SPINLENS_WORKERS`), that many processes extract and analyse while this one
    stores; outcomes come in input order. With `scheduler` (a Dask scheduler address, or 'local' for a local
    cluster of `workers` processes) Dask workers analyse and outcomes come as batches complete. With
    `batch_id`, each stored input is marked in that batch's journal in its article's transaction. Stored
    articles are placed in the library's stories batch by batch; with `place_stories=False` they are placed
    the next time stories are asked for.
    """
    from spinlens.pipeline.batches import analysed_batches

    pipeline = pipeline or build_pipeline(library)
    size = batch_size or settings.get("batch_size")
    storing = store and library is not None
    prepare = {"rows": storing, "features": storing and place_stories}  # computed where the analysis runs
    if scheduler is not None:
        from spinlens.pipeline.dask_runner import analysed_batches_on_dask, dask_client

        with dask_client(scheduler, workers) as client:
            for batch in analysed_batches_on_dask(documents, pipeline, size, client, scheduler == "local", **prepare):
                yield from _store_and_place(batch, library if store else None, batch_id, place_stories)
        return
    workers = workers or settings.get("workers")
    for batch in analysed_batches(documents, pipeline, size, workers, **prepare):
        yield from _store_and_place(batch, library if store else None, batch_id, place_stories)


def _store_and_place(batch: list[Analysed], library: Library | None,
                     batch_id: str | None, place_stories: bool = True) -> list[Outcome]:
    """Store an analysed batch, then place its stored articles in the library's stories."""
    outcomes = list(_store_batch(batch, library, batch_id))
    if library is not None and place_stories:
        features = {id(p.article): p.features for p in batch if isinstance(p, Prepared)}
        stored = [o.article for o in outcomes if o.saved is not None]
        _place_in_stories(library, stored, [features.get(id(a)) for a in stored])
    return outcomes


def _place_in_stories(library: Library, articles: list[Article], features: list | None = None) -> None:
    """Place just-stored articles into the library's stories; on failure they wait for the next query."""
    from spinlens.corpus.library_stories import place_articles

    if articles:
        try:
            place_articles(library, articles, features=features)
        except SpinlensError as exc:
            _log.warning("story placement deferred: %s", exc)


def _store_batch(batch: list[Analysed], library: Library | None,
                 batch_id: str | None = None) -> Iterator[Outcome]:
    """Store the analysed articles of a batch (each in its own transaction); yield outcomes in order."""
    rows = {id(p.article): p.rows for p in batch if isinstance(p, Prepared)}
    batch = [p.article if isinstance(p, Prepared) else p for p in batch]
    storable = [p for p in batch if isinstance(p, Article) and p.ok]
    results = (library.save_many(storable, batch_id, [rows.get(id(a)) for a in storable]) if library is not None
               else [None] * len(storable))
    saved = dict(zip(map(id, storable), results))
    for item in batch:
        if isinstance(item, Outcome):
            yield item
        elif not item.ok:
            reason = item.status.partition(": ")[2] or item.status
            yield Outcome(source=item.source, article=item, error=InputError(reason, source=item.source))
        elif isinstance(saved[id(item)], SpinlensError):
            yield Outcome(source=item.source, article=item, error=saved[id(item)])
        else:
            yield Outcome(source=item.source, article=item, saved=saved[id(item)])


def analyze_sources(sources: Iterable[str], *, library: Library | None = None, store: bool = True,
                    allow_private: bool | None = None, stdin: BinaryIO | None = None,
                    workers: int | None = None, scheduler: str | None = None,
                    batch: BatchRun | None = None) -> Iterator[Outcome]:
    """Read, analyse and store every article found in `sources`; one outcome per article or error.

    With `batch` (from `start_batch`), each stored input is journalled and inputs the journal already holds
    as stored are skipped; `scheduler` runs the analysis on Dask (see `analyze_documents`).
    """
    from spinlens.pipeline.resume import skip_done

    if isinstance(sources, (str, bytes, Path)):  # a string iterates as its characters: '/' would read the disk
        raise UsageError(f"sources must be a list of paths or URLs, got one {type(sources).__name__}: "
                         f"write analyze_sources([{str(sources)[:200]!r}])")
    documents = read_documents(sources, allow_private=allow_private, stdin=stdin)
    journalled = batch is not None and store and library is not None
    if journalled:
        documents = skip_done(documents, library, batch.id)
    yield from analyze_documents(documents, library=library, store=store, workers=workers, scheduler=scheduler,
                                 batch_id=batch.id if journalled else None)
    if journalled:
        library.finish_batch(batch.id)


@dataclass
class BatchRun:
    """A journalled batch: its id (from its sources and stages) and the inputs already stored when it began."""

    id: str
    already_stored: int


def start_batch(library: Library, sources: Iterable[str], *, resume: bool = False,
                stages: Iterable[str] | None = None) -> BatchRun:
    """Open the journal of a batch over `sources`: fresh, or with `resume` skipping what an interrupted run stored."""
    from spinlens.pipeline.registry import DEFAULT_PIPELINE
    from spinlens.pipeline.resume import batch_id_for

    sources, names = list(sources), list(stages or DEFAULT_PIPELINE)
    batch_id = batch_id_for(sources, names)
    return BatchRun(batch_id, library.start_batch(batch_id, sources, names, resume))


def analyze(source: str | Path | None = None, *, text: str | None = None, html: str | None = None,
            library: Library | None = None, allow_private: bool | None = None, **meta: object) -> Article:
    """Analyse one article given as a path/URL, or as `text=`/`html=` with optional metadata.

    Stores it when a `library` is given. Raises the input's error if it could not be analysed.
    """
    if (source is None) == (text is None and html is None):
        raise UsageError("give exactly one of: a source (path or URL), text=, html=")
    if source is not None:
        documents: Iterable = read_documents([str(source)], allow_private=allow_private)
    else:
        kind, content = ("html", html) if html is not None else ("text", text)
        documents = [RawDocument(source=str(meta.get("url") or "<text>"), kind=kind, content=content or "",
                                 meta=dict(meta), source_kind="api")]
    outcomes = list(analyze_documents(documents, library=library, store=library is not None))
    if not outcomes:
        raise InputError("no article found", source=str(source))
    if len(outcomes) > 1:
        raise UsageError(f"{source} holds {len(outcomes)} articles; use spinlens.analyze_sources()")
    outcome = outcomes[0]
    if outcome.error is not None:
        raise outcome.error
    return outcome.article  # type: ignore[return-value]


#: Bumped when the copy links change meaning, so links kept by an older version are found again (2: one
#: ranking of dated then undated articles, and one link per copied text).
_COPIES_VERSION = 2


def find_copies(library: Library) -> list:
    """Copies across the library (exact, near-duplicate, partial) with their original and credit.

    The links are kept in the library with the library's revision and found again only when articles
    were added, changed or deleted since.
    """
    from dataclasses import asdict

    from spinlens.corpus.copies import CopyDetector, CopyLink

    revision = list(library.revision())
    kept = library.load_state("copies")
    if kept is not None and kept.get("revision") == revision and kept.get("version") == _COPIES_VERSION:
        return [CopyLink(**link) for link in kept["links"]]
    links = CopyDetector().fit(library.iter_articles()).links_
    library.save_state("copies", {"revision": revision, "version": _COPIES_VERSION,
                                  "links": [asdict(link) for link in links]})
    return links


def _copy_map(library: Library) -> dict[str, str]:
    """Copy id -> original id, for every copy in the library."""
    return {link.copy_id: link.original_id for link in find_copies(library)}


def find_stories(library: Library, copies: dict[str, str] | None = None) -> list:
    """Stories across the library. Articles are placed as they are stored; any not placed yet join the
    stories already formed, so story numbers last. A new story edit re-forms them all (it may move
    anything), each keeping the number of the old story it continues.

    `copies` (copy id -> original id) puts copies in their original's story when a story edit re-forms them.
    """
    from spinlens.corpus.library_stories import library_stories

    return library_stories(library, copies)


def compare_story(library: Library, story_id: int):
    """One story of `find_stories` side by side by outlet, copies left out (see `corpus.compare`)."""
    from spinlens.corpus.compare import compare_story as compare

    copies = _copy_map(library)
    stories = {story.id: story for story in find_stories(library, copies)}
    if story_id not in stories:
        raise UsageError(f"no story {story_id}; see `spinlens stories` for the story numbers")
    ids = [i for i in stories[story_id].article_ids if i not in copies]
    return stories[story_id], compare(list(library.iter_articles(ids)))


def find_sources(library: Library) -> list:
    """A profile of every outlet: volume over time, languages, stories covered and missed, techniques, spin."""
    from spinlens.corpus.sources import source_profiles

    copies = _copy_map(library)
    return source_profiles(list(library.iter_articles()), find_stories(library, copies), copies)


def digest(library: Library, since, until):
    """The stories of [since, until) with their coverage and contested claims (`corpus.digest.Digest`)."""
    from spinlens.corpus.digest import build_digest

    copies = _copy_map(library)
    return build_digest(list(library.iter_articles()), find_stories(library, copies), set(copies), since, until)


def demo_corpus_dir() -> Path:
    """Folder of the demo corpus shipped with spinlens (fictional outlets, one fictional event)."""
    return Path(str(resources.files("spinlens.demo") / "corpus"))


def demo_aliases_path() -> Path:
    """The actor alias file of the demo corpus's fictional states (used by `spinlens demo`)."""
    return Path(str(resources.files("spinlens.demo") / "aliases.toml"))
