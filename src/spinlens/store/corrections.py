"""Analysts' corrections in the library (migrations 007, 013): the SQL behind `spinlens.corrections`.

`CorrectionStore` is mixed into `Library`; it uses the library's write transaction and per-thread readers
and plain SQL (no SQLite-only syntax) so another back end can run the same statements.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Literal

from pydantic import BaseModel

from spinlens.correction_anchors import anchor
from spinlens.errors import NotFound
from spinlens.model import Article
from spinlens.store.actors import _ANALYSIS as ANALYSIS_LAYERS

_COLUMNS = 'id, article_id, action, layer, technique, start, "end", covered_text, note, author, created_at, paragraph'


class Correction(BaseModel):
    """One analyst correction: add or remove a technique label on a paragraph or an evidence span."""

    id: int | None = None
    article_id: str
    action: Literal["add", "remove"]
    layer: Literal["paragraph", "evidence"]
    technique: str
    start: int
    end: int
    covered_text: str
    note: str | None = None
    author: str | None = None
    created_at: str | None = None
    paragraph: int | None = None  # the number of the paragraph it was on (None: made before migration 013)


class CorrectionStore:
    """Storage of corrections, keyed by article id and offsets so they survive re-analysis."""

    def insert_correction(self, correction: Correction) -> Correction:
        """Store a validated correction; returns it with its id and creation time."""
        created = correction.created_at or datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._transaction() as conn:  # type: ignore[attr-defined]
            cursor = conn.execute(
                "INSERT INTO corrections (article_id, action, layer, technique, start, \"end\", covered_text,"
                " note, author, created_at, paragraph) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (correction.article_id, correction.action, correction.layer, correction.technique,
                 correction.start, correction.end, correction.covered_text, correction.note, correction.author,
                 created, correction.paragraph))
        return correction.model_copy(update={"id": cursor.lastrowid, "created_at": created})

    def corrections(self, article_id: str | None = None) -> list[Correction]:
        """Corrections of one article (full id), or of every article, oldest first."""
        where, params = (" WHERE article_id = ?", (article_id,)) if article_id else ("", ())
        with self._reading() as conn:  # type: ignore[attr-defined]
            rows = conn.execute(f"SELECT {_COLUMNS} FROM corrections{where} ORDER BY id", params).fetchall()
        return [Correction(**dict(row)) for row in rows]

    def delete_correction(self, correction_id: int) -> None:
        """Remove one correction by its id."""
        with self._transaction() as conn:  # type: ignore[attr-defined]
            deleted = conn.execute("DELETE FROM corrections WHERE id = ?", (correction_id,)).rowcount
        if not deleted:
            raise NotFound(f"no correction with id {correction_id} in the library")


def follow_text(conn, article: Article) -> int:
    """Move the article's corrections to where their words are in its new text (in the caller's transaction).

    Only the offsets and paragraph number of a correction whose words were found again change; a stale one
    is left as it was, its words kept, so that it can be shown and redone. Returns how many are stale.
    """
    rows = conn.execute(f"SELECT {_COLUMNS} FROM corrections WHERE article_id = ? ORDER BY id",
                        (article.id,)).fetchall()
    stale = 0
    for row in rows:
        correction = Correction(**dict(row))
        place = anchor(article, correction)
        stale += place.stale is not None
        if place.stale is None and (place.start, place.end, place.paragraph) != \
                (correction.start, correction.end, correction.paragraph):
            conn.execute('UPDATE corrections SET start = ?, "end" = ?, paragraph = ? WHERE id = ?',
                         (place.start, place.end, place.paragraph, correction.id))
    return stale


#: A correction `c` of article `a` still covers the words it was made on (else it is stale and ignored).
_UNCHANGED = 'substr(a.text, c.start + 1, c."end" - c.start) = c.covered_text'


def technique_condition(technique: str) -> tuple[str, list]:
    """An SQL condition on article `a`: `technique` is on one of its paragraphs once corrections apply.

    A model label counts unless the latest correction of that paragraph and technique removed it; an
    analyst's label counts unless a later correction removed it. Stale corrections (their words changed) are
    ignored, as `spinlens.corrections` ignores them.
    """
    latest = ("(SELECT c.action FROM corrections c WHERE c.article_id = a.id AND c.layer = 'paragraph'"
              " AND c.technique = s.label AND c.start = s.start AND c.\"end\" = s.\"end\""
              f" AND {_UNCHANGED} ORDER BY c.id DESC LIMIT 1)")
    model = (f"EXISTS (SELECT 1 FROM spans s WHERE s.article_pk = a.pk AND s.{ANALYSIS_LAYERS}"
             f" AND s.layer = 'technique' AND s.label = ? AND COALESCE({latest}, 'add') = 'add')")
    analyst = ("EXISTS (SELECT 1 FROM corrections c WHERE c.article_id = a.id AND c.layer = 'paragraph'"
               " AND c.technique = ? AND c.action = 'add'"
               f" AND {_UNCHANGED}"
               " AND NOT EXISTS (SELECT 1 FROM corrections r WHERE r.article_id = c.article_id"
               " AND r.layer = c.layer AND r.technique = c.technique AND r.start = c.start AND r.\"end\" = c.\"end\""
               " AND r.id > c.id AND r.action = 'remove'))")
    return f"({model} OR {analyst})", [technique, technique]
