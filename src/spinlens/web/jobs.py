"""Background analysis jobs: pasted text, a URL or an uploaded file analysed off the request thread.

A job runs in a thread of the server process that received it, and its state is written to the library as
it changes (`store.jobs`), so every process of `spinlens serve --processes N` can report on every job, and a
job whose process died is reported as interrupted instead of running forever.
"""

from __future__ import annotations

import io
import os
import re
import secrets
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from typing import Callable, Iterable

from spinlens import api
from spinlens.api import Outcome
from spinlens.errors import InputError, NotFound, SpinlensError, UsageError
from spinlens.ingest.document import RawDocument
from spinlens.ingest.metadata import clean_value
from spinlens.ingest.readers import STDIN_NAME
from spinlens.store import Library
from spinlens.web.errors import public_message
from spinlens.web.schemas import JobOut

#: Finished jobs remembered for status polling; the oldest are forgotten beyond this.
MAX_JOBS = 500
#: What a job says when the server process running it stopped before it finished.
INTERRUPTED = "interrupted: the server process analysing it stopped before it finished"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def this_process() -> str:
    """host:pid, naming the server process that runs a job."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _process_gone(owner: str) -> bool:
    """Whether `owner` (host:pid) is a process of this machine that no longer exists."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine's process: it cannot be checked from here
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def upload_name(filename: str | None) -> str:
    """An uploaded file's name as a source label: its last path part, control and invisible characters
    dropped, at most 100 characters; "upload" when nothing is left."""
    name = clean_value(re.split(r"[\\/]", filename or "")[-1]) or ""
    return name.strip()[:100].strip() or "upload"


def _named(item: RawDocument | InputError, name: str) -> RawDocument | InputError:
    """`item` read from an upload (as stdin) with its source named after the uploaded file: '<stdin>:3'
    becomes 'batch.jsonl:3'."""
    source = item.source or ""
    if not source.startswith(STDIN_NAME):
        return item
    if isinstance(item, RawDocument):
        item.source = name + source[len(STDIN_NAME):]
        return item
    return type(item)(item.reason, source=name + source[len(STDIN_NAME):])


class JobRunner:
    """Runs analyses in a small thread pool (the Library is shared safely between threads) and keeps
    their state in the library for polling from any server process."""

    def __init__(self, library: Library, *, workers: int = 1, allow_private: bool = False):
        self.library = library
        self.allow_private = allow_private
        self.owner = this_process()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="spinlens-analyse")
        self._lock = threading.Lock()

    def shutdown(self) -> None:
        """Finish running jobs and stop the pool."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def get(self, job_id: str) -> JobOut:
        """The state of a job; `NotFound` for an unknown id."""
        found = self.library.job_row(job_id)
        if found is None:
            raise NotFound(f"no analysis job {job_id!r} in the library")
        owner, data = found
        job = JobOut.model_validate_json(data)
        if job.state in ("queued", "running") and owner != self.owner and _process_gone(owner):
            job.state = "failed"
            job.errors.append(INTERRUPTED)
        return job

    def submit_text(self, text: str, *, title: str | None = None, outlet: str | None = None) -> JobOut:
        """Queue the analysis of pasted text (its first short line is the title unless `title` is given)."""
        if not text.strip():
            raise UsageError("the text to analyse is empty")
        body = f"{title.strip()}\n\n{text}" if title and title.strip() else text
        meta = {"outlet": outlet.strip()} if outlet and outlet.strip() else {}
        label = (title or text.strip().splitlines()[0])[:80]
        return self._submit("text", label, lambda: [self._outcome_of(
            lambda: api.analyze(text=body, library=self.library, **meta), "<pasted text>")])

    def submit_url(self, url: str) -> JobOut:
        """Queue the fetch and analysis of an http(s) URL (private addresses refused unless allowed)."""
        url = url.strip()
        if not url.lower().startswith(("http://", "https://")) or any(c.isspace() for c in url):
            raise UsageError(f"{url[:200]!r} is not an http:// or https:// URL")
        return self._submit("url", url[:200], lambda: api.analyze_sources(
            [url], library=self.library, allow_private=self.allow_private or None))

    def submit_upload(self, filename: str, data: bytes) -> JobOut:
        """Queue the analysis of an uploaded file, read from memory (sniffed like stdin: JSON, JSONL, feed,
        HTML or text); its name (`upload_name`) is the articles' source, a label, never a path."""
        name = upload_name(filename)
        if not data:
            raise UsageError(f"uploaded file {name!r} is empty")

        def outcomes() -> Iterable[Outcome]:
            documents = api.read_documents(["-"], stdin=io.BytesIO(data), allow_private=self.allow_private or None)
            return api.analyze_documents((_named(item, name) for item in documents), library=self.library)
        return self._submit("upload", name, outcomes)

    @staticmethod
    def _outcome_of(analyse: Callable, source: str) -> Outcome:
        try:
            article = analyse()
        except SpinlensError as exc:
            return Outcome(source=source, error=exc)
        return Outcome(source=source, article=article)

    def _submit(self, kind: str, label: str, outcomes: Callable[[], Iterable[Outcome]]) -> JobOut:
        job = JobOut(id=secrets.token_hex(8), kind=kind, label=label, state="queued", created_at=_now())
        self._save(job)
        self.library.prune_jobs(MAX_JOBS)
        self._pool.submit(self._run, job, outcomes)
        return job.model_copy(deep=True)

    def _save(self, job: JobOut) -> None:
        with self._lock:
            self.library.save_job(job.id, self.owner, job.state, job.model_dump_json(), job.created_at)

    def _run(self, job: JobOut, outcomes: Callable[[], Iterable[Outcome]]) -> None:
        job.state = "running"
        self._save(job)
        try:
            for outcome in outcomes():
                if outcome.ok:
                    job.analysed += 1
                    job.article_ids.append(outcome.article.id)  # type: ignore[union-attr]
                else:
                    job.failed += 1
                    error = outcome.error or outcome.article.status  # type: ignore[union-attr]
                    job.errors.append(public_message(error, self.library))
                self._save(job)
        except SpinlensError as exc:
            job.errors.append(public_message(exc, self.library))
        except Exception as exc:  # noqa: BLE001 - a worker must record, not lose, an unexpected failure
            job.errors.append(public_message(f"internal error: {type(exc).__name__}: {exc}", self.library))
        job.state = "done" if job.article_ids else "failed"
        job.finished_at = _now()
        self._save(job)
