"""Batches analysed on a Dask cluster: the same registered stages, built by name once per worker process.

The calling process reads the inputs as a stream and cuts them into batches (`batches.group`), so a JSONL,
WARC or folder of any size is never held whole; it sends the batches to the workers in partitions of a
few batches, keeps a bounded number of partitions in flight, takes results back as they complete
(`as_completed`), and stays the library's one writer. Each
worker builds its pipeline on its first batch and keeps it (models load once per worker), opening the
library read-only for the stages that consult it when the library's path exists on the worker's machine
(a PostgreSQL library, named by URL, is opened by every worker).
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from itertools import islice
from typing import Iterable, Iterator

from spinlens.errors import StageError, UsageError
from spinlens.pipeline.batches import Analysed, Item, analyse, group
from spinlens.pipeline.core import Context, Pipeline

#: Seconds to wait for a remote scheduler to answer and for its first worker to join.
CONNECT_TIMEOUT = 60
#: Batches sent to a worker as one task: fewer round trips; each is still analysed as its own batch, so the
#: models see the same batches as on the local path.
PARTITION_BATCHES = 8
#: Partitions in flight per worker thread: one running, one queued to hide the round trip; memory stays bounded.
IN_FLIGHT_PER_THREAD = 2

#: Settings of the local clusters spinlens starts: the cores are shared with the process that stores, so no
#: stack-sampling profiler in the workers (100 samples/s), no work stealing (tasks are few and alike) and
#: fewer event-loop wake-ups in the calling process, which runs the scheduler.
LOCAL_CLUSTER_CONFIG = {"distributed.worker.profile.enabled": False, "distributed.scheduler.work-stealing": False,
                        "distributed.admin.tick.interval": "1s", "distributed.admin.system-monitor.interval": "2s"}

_worker_pipelines: dict[tuple, Pipeline] = {}
_worker_lock = threading.Lock()


def _cached_pipeline(names: tuple[str, ...], library_path: str | None, model_threads: int) -> Pipeline:
    """This worker's pipeline for these stages, built on first use and kept (call under `_worker_lock`)."""
    key = (names, library_path)
    pipeline = _worker_pipelines.get(key)
    if pipeline is None:
        from spinlens.store import Library
        from spinlens.store.backends import is_postgres_url

        if model_threads:
            os.environ["SPINLENS_MODEL_THREADS"] = str(model_threads)
        reachable = library_path and (is_postgres_url(library_path) or os.path.exists(library_path))
        library = Library(library_path) if reachable else None
        pipeline = _worker_pipelines[key] = Pipeline(names, Context(library=library))
    return pipeline


def analyse_on_worker(partition: list[list[Item]], names: tuple[str, ...], library_path: str | None,
                      model_threads: int = 0, rows: bool = False, features: bool = False) -> list[list[Analysed]]:
    """Run on a Dask worker: analyse each batch of a partition with the worker's cached pipeline
    (`rows` and `features` as for `batches.analyse`)."""
    with _worker_lock:
        pipeline = _cached_pipeline(names, library_path, model_threads)
        return [analyse(batch, pipeline, rows, features) for batch in partition]


def worker_pipeline_count() -> int:
    """Pipelines built in this worker process (run through `Client.run` to check models load once)."""
    return len(_worker_pipelines)


@contextmanager
def dask_client(scheduler: str, workers: int | None = None) -> Iterator:
    """A client of the scheduler at `scheduler`, or of a new local cluster of `workers` processes for 'local'."""
    from distributed import Client, LocalCluster

    if scheduler == "local":
        import dask

        count = workers or os.cpu_count() or 1
        with dask.config.set(LOCAL_CLUSTER_CONFIG), LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                                                                 dashboard_address=":0") as cluster:
            with Client(cluster) as client:
                yield client
        return
    if workers:
        raise UsageError("--workers sizes a local cluster (--scheduler local); a remote scheduler has its own "
                         "workers (start more with `dask worker`)")
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except TimeoutError:
            raise UsageError(f"no Dask worker joined the scheduler at {scheduler} within {CONNECT_TIMEOUT} s "
                             "(start one with `dask worker " + scheduler + "`)") from None
        yield client


def _model_threads(client, scheduler_is_local: bool) -> int:
    """Threads per model session on local workers: the machine's cores shared out; remote workers choose."""
    if not scheduler_is_local:
        return 0
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    return max(1, (os.cpu_count() or 1) // workers)


def _failed(batch: list[Item], exc: BaseException) -> list[Analysed]:
    """A batch whose task failed on the cluster (a worker died too often): an error for each input."""
    from spinlens.api import Outcome

    reason = f"Dask task failed: {type(exc).__name__}: {exc}"
    return [Outcome(source=item.source or "", error=StageError(reason, source=item.source)) for item in batch]


def analysed_batches_on_dask(documents: Iterable[Item], pipeline: Pipeline, size: int, client,
                             local: bool = False, rows: bool = False, features: bool = False
                             ) -> Iterator[list[Analysed]]:
    """Analysed batches, partition by partition in the order partitions complete on the cluster; the workers
    also compute what storing (`rows`) and story placement (`features`) derive from each article."""
    from distributed import as_completed

    library = pipeline.context.library
    library_path = library.shared_location if library is not None else None
    names = tuple(pipeline.names)
    threads = sum(client.nthreads().values()) or 1
    limit = IN_FLIGHT_PER_THREAD * threads
    model_threads = _model_threads(client, local)
    pending: dict[str, list[list[Item]]] = {}
    completed = as_completed()

    def collect(future) -> list[list[Analysed]]:
        partition = pending.pop(future.key)
        try:
            return future.result()
        except Exception as exc:  # KilledWorker, a lost connection...: the partition's inputs are reported
            return [_failed(batch, exc) for batch in partition]
        finally:
            future.release()

    batches = group(documents, size)
    while partition := list(islice(batches, PARTITION_BATCHES)):
        future = client.submit(analyse_on_worker, partition, names, library_path, model_threads, rows, features,
                               pure=False)
        pending[future.key] = partition
        completed.add(future)
        if len(pending) >= limit:
            yield from collect(next(completed))
    for future in completed:
        yield from collect(future)
