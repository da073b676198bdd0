-- Spans clustered by article (WITHOUT ROWID, key article_pk + seq): reading or replacing one
-- article's spans touches one B-tree range, and inserting them updates no secondary index.
-- The (layer, label) index went too: nothing queried it and it cost a third of each save.
CREATE TABLE spans_new (
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    layer      TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    score      REAL,
    attrs      TEXT,
    PRIMARY KEY (article_pk, seq),
    CHECK (start >= 0 AND "end" >= start)
) WITHOUT ROWID;
INSERT INTO spans_new (article_pk, seq, layer, start, "end", label, score, attrs)
    SELECT article_pk, ROW_NUMBER() OVER (PARTITION BY article_pk ORDER BY rowid) - 1,
           layer, start, "end", label, score, attrs
    FROM spans;
DROP TABLE spans;
ALTER TABLE spans_new RENAME TO spans;
