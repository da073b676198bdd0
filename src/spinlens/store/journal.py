"""SQL of the batch journal (migration 009): which inputs of a batch run are stored.

`Library` exposes these as `start_batch`, `done_inputs`, `finish_batch` and `batch_status`, and records an
input in the same transaction as its article (`save(article, batch_id=...)`), so after any interruption the
journal says exactly which inputs are stored. Another back end ports these five statements.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Sequence

#: Keys looked up per query in `done_among` (well under SQLite's parameter limit).
LOOKUP_CHUNK = 500


def start(conn: sqlite3.Connection, batch_id: str, sources: Sequence[str], stages: Sequence[str],
          now: str, resume: bool) -> int:
    """Open a batch's journal (a fresh one unless `resume`); return how many inputs it already holds."""
    row = conn.execute("SELECT 1 FROM batches WHERE id = ?", (batch_id,)).fetchone()
    if row is None:
        conn.execute("INSERT INTO batches (id, sources, stages, started_at) VALUES (?, ?, ?, ?)",
                     (batch_id, json.dumps(list(sources), ensure_ascii=False), json.dumps(list(stages)), now))
        return 0
    if not resume:
        conn.execute("DELETE FROM batch_inputs WHERE batch_id = ?", (batch_id,))
        conn.execute("UPDATE batches SET started_at = ?, finished_at = NULL WHERE id = ?", (now, batch_id))
        return 0
    conn.execute("UPDATE batches SET finished_at = NULL WHERE id = ?", (batch_id,))
    return int(conn.execute("SELECT COUNT(*) FROM batch_inputs WHERE batch_id = ?", (batch_id,)).fetchone()[0])


def record(conn: sqlite3.Connection, batch_id: str, input_key: str, article_id: str) -> None:
    """Mark one input of the batch as stored (call inside the article's own transaction)."""
    conn.execute("INSERT INTO batch_inputs (batch_id, input_key, article_id) VALUES (?, ?, ?) "
                 "ON CONFLICT(batch_id, input_key) DO UPDATE SET article_id = excluded.article_id",
                 (batch_id, input_key, article_id))


def done_among(conn: sqlite3.Connection, batch_id: str, keys: Sequence[str]) -> set[str]:
    """Those of `keys` the batch's journal holds as stored."""
    done: set[str] = set()
    for i in range(0, len(keys), LOOKUP_CHUNK):
        chunk = list(keys[i:i + LOOKUP_CHUNK])
        marks = ",".join("?" * len(chunk))
        done.update(r[0] for r in conn.execute(
            f"SELECT input_key FROM batch_inputs WHERE batch_id = ? AND input_key IN ({marks})",
            (batch_id, *chunk)))
    return done


def finish(conn: sqlite3.Connection, batch_id: str, now: str) -> None:
    """Note that every input of the batch was read (stored or reported as failed)."""
    conn.execute("UPDATE batches SET finished_at = ? WHERE id = ?", (now, batch_id))


def status(conn: sqlite3.Connection, batch_id: str) -> dict | None:
    """The batch's sources, stages, start and finish times and stored-input count, or None."""
    row = conn.execute("SELECT sources, stages, started_at, finished_at FROM batches WHERE id = ?",
                       (batch_id,)).fetchone()
    if row is None:
        return None
    stored = conn.execute("SELECT COUNT(*) FROM batch_inputs WHERE batch_id = ?", (batch_id,)).fetchone()[0]
    return {"id": batch_id, "sources": json.loads(row[0]), "stages": json.loads(row[1]), "started_at": row[2],
            "finished_at": row[3], "stored": int(stored)}
