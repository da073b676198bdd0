-- Spans keyed by article and order (article_pk, seq), as SQLite's migration 003 does by rebuilding the
-- table WITHOUT ROWID; here the key is added in place, numbering existing spans in their stored order.
-- The (layer, label) index goes too, as in SQLite: nothing queried it and it slowed every save.
ALTER TABLE spans ADD COLUMN seq INTEGER;
UPDATE spans SET seq = numbered.n
    FROM (SELECT ctid AS row_id, ROW_NUMBER() OVER (PARTITION BY article_pk ORDER BY ctid) - 1 AS n FROM spans) numbered
    WHERE spans.ctid = numbered.row_id;
ALTER TABLE spans ALTER COLUMN seq SET NOT NULL;
ALTER TABLE spans ADD PRIMARY KEY (article_pk, seq);
DROP INDEX spans_article;
DROP INDEX spans_layer_label;
