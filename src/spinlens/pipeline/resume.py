"""Resumable batches: a batch's identity, and the inputs an interrupted run already stored.

The journal itself lives in the library (`Library.start_batch`, `done_inputs`, `finish_batch`); an input is
marked stored in the same transaction as its article, so a run killed at any point resumes exactly where
its stored inputs end. Inputs are keyed by the name readers give them ("a.jsonl:12", "site.warc#3", a path).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from itertools import islice
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from spinlens.errors import SpinlensError
from spinlens.ingest.document import RawDocument

if TYPE_CHECKING:
    from spinlens.store import Library

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
#: Inputs whose journal entries are looked up at once while skipping.
SKIP_CHUNK = 256


def batch_id_for(sources: Sequence[str], stages: Sequence[str]) -> str:
    """A batch's identity: its sources (paths made absolute, URLs and '-' as given) and its stages, hashed."""
    normal = [s if s == "-" or _URL.match(s) else os.path.abspath(os.fspath(s)) for s in sources]
    blob = json.dumps([normal, list(stages)], ensure_ascii=False)
    return hashlib.sha1(blob.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def skip_done(documents: Iterable[RawDocument | SpinlensError], library: "Library",
              batch_id: str) -> Iterator[RawDocument | SpinlensError]:
    """The documents whose input the batch's journal does not hold as stored (read errors always pass)."""
    stream = iter(documents)
    while chunk := list(islice(stream, SKIP_CHUNK)):
        keys = [d.source for d in chunk if isinstance(d, RawDocument)]
        done = library.done_inputs(batch_id, keys) if keys else set()
        yield from (d for d in chunk if not isinstance(d, RawDocument) or d.source not in done)
