"""Waiting out a busy SQLite library: retry with backoff, then a clear `LibraryError`, never "database is locked"."""

from __future__ import annotations

import random
import sqlite3
import time
from typing import Callable, TypeVar

from spinlens.errors import LibraryError

T = TypeVar("T")

#: Seconds a write keeps retrying after SQLite's own busy timeout gave up, in total.
RETRY_SECONDS = 120.0


def is_busy(exc: sqlite3.Error) -> bool:
    """True for SQLITE_BUSY / SQLITE_LOCKED: another connection holds the lock; trying again can work."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text or "database table is locked" in text


def retry_busy(operation: Callable[[], T], source: str, budget: float = RETRY_SECONDS) -> T:
    """Run `operation`, retrying with jittered exponential backoff while the library is busy."""
    deadline = time.monotonic() + budget
    delay = 0.02
    while True:
        try:
            return operation()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            if time.monotonic() + delay > deadline:
                raise LibraryError(f"library stayed busy for over {budget:.0f} s (another process holds its "
                                   f"write lock); try again later", source=source) from exc
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 2.0)
