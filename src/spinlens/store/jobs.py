"""The web app's background analysis jobs in the library (migration 012): the SQL behind `spinlens.web.jobs`.

`JobStore` is mixed into `Library`, like `CorrectionStore`: plain SQL run by both back ends. A job is kept
as JSON with its state and the process that runs it, so any server process can report on it.
"""

from __future__ import annotations

from datetime import datetime, timezone


class JobStore:
    """Storage of background jobs by id: write their state as it changes, read it from any process."""

    def save_job(self, job_id: str, owner: str, state: str, data: str, created_at: str) -> None:
        """Insert or update one job's state (`data`: the job as JSON)."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._transaction() as conn:  # type: ignore[attr-defined]
            conn.execute("INSERT INTO jobs (id, owner, state, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"
                         " ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, state = excluded.state,"
                         " data = excluded.data, updated_at = excluded.updated_at",
                         (job_id, owner, state, data, created_at, now))

    def job_row(self, job_id: str) -> tuple[str, str] | None:
        """(owner, data) of one job, or None when the library has no such job."""
        with self._reading() as conn:  # type: ignore[attr-defined]
            row = conn.execute("SELECT owner, data FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def prune_jobs(self, keep: int) -> int:
        """Forget the oldest finished jobs beyond the newest `keep`; returns how many were removed."""
        with self._transaction() as conn:  # type: ignore[attr-defined]
            return conn.execute(
                "DELETE FROM jobs WHERE state NOT IN ('queued', 'running') AND id NOT IN"
                " (SELECT id FROM jobs ORDER BY created_at DESC, id LIMIT ?)", (keep,)).rowcount
