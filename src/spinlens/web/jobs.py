"""Background analysis jobs: pasted text, a URL or an uploaded file analysed off the request thread."""

from __future__ import annotations

import io
import secrets
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from typing import Callable, Iterable

from spinlens import api
from spinlens.api import Outcome
from spinlens.errors import NotFound, SpinlensError, UsageError
from spinlens.store import Library
from spinlens.web.schemas import JobOut

#: Jobs remembered for status polling; the oldest finished ones are forgotten beyond this.
MAX_JOBS = 500


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class JobRunner:
    """Runs analyses in a small thread pool (the Library is shared safely between threads) and keeps
    their state for polling."""

    def __init__(self, library: Library, *, workers: int = 1, allow_private: bool = False):
        self.library = library
        self.allow_private = allow_private
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="spinlens-analyse")
        self._jobs: OrderedDict[str, JobOut] = OrderedDict()
        self._lock = threading.Lock()

    def shutdown(self) -> None:
        """Finish running jobs and stop the pool."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def get(self, job_id: str) -> JobOut:
        """The state of a job; `NotFound` for an unknown id."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                raise NotFound(f"no analysis job {job_id!r} (jobs are kept in memory until the server restarts)")
            return job.model_copy(deep=True)

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
        HTML or text); the file name is only a label, never a path."""
        if not data:
            raise UsageError(f"uploaded file {filename!r} is empty")
        return self._submit("upload", filename[:200] or "upload", lambda: api.analyze_sources(
            ["-"], library=self.library, stdin=io.BytesIO(data), allow_private=self.allow_private or None))

    @staticmethod
    def _outcome_of(analyse: Callable, source: str) -> Outcome:
        try:
            article = analyse()
        except SpinlensError as exc:
            return Outcome(source=source, error=exc)
        return Outcome(source=source, article=article)

    def _submit(self, kind: str, label: str, outcomes: Callable[[], Iterable[Outcome]]) -> JobOut:
        job = JobOut(id=secrets.token_hex(8), kind=kind, label=label, state="queued", created_at=_now())
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest].state in ("queued", "running"):
                    break
                del self._jobs[oldest]
        self._pool.submit(self._run, job.id, outcomes)
        return job.model_copy(deep=True)

    def _run(self, job_id: str, outcomes: Callable[[], Iterable[Outcome]]) -> None:
        self._update(job_id, state="running")
        try:
            for outcome in outcomes():
                with self._lock:
                    job = self._jobs[job_id]
                    if outcome.ok:
                        job.analysed += 1
                        job.article_ids.append(outcome.article.id)  # type: ignore[union-attr]
                    else:
                        job.failed += 1
                        job.errors.append(str(outcome.error or outcome.article.status)[:500])  # type: ignore[union-attr]
        except SpinlensError as exc:
            with self._lock:
                self._jobs[job_id].errors.append(str(exc)[:500])
        except Exception as exc:  # noqa: BLE001 - a worker must record, not lose, an unexpected failure
            with self._lock:
                self._jobs[job_id].errors.append(f"internal error: {type(exc).__name__}: {exc}"[:500])
        with self._lock:
            job = self._jobs[job_id]
            job.state = "done" if job.article_ids else "failed"
            job.finished_at = _now()

    def _update(self, job_id: str, **changes: object) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(self._jobs[job_id], key, value)
