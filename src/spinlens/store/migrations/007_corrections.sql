-- Analysts' corrections of technique labels, kept by article id and character offsets (not by row key) so
-- they survive re-analysis; `covered_text` is the text the offsets covered when the correction was made, so a
-- correction whose article text has since changed is recognised as stale instead of landing on other words.
CREATE TABLE corrections (
    id           INTEGER PRIMARY KEY,
    article_id   TEXT NOT NULL,
    action       TEXT NOT NULL CHECK (action IN ('add', 'remove')),
    layer        TEXT NOT NULL CHECK (layer IN ('paragraph', 'evidence')),
    technique    TEXT NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    covered_text TEXT NOT NULL,
    note         TEXT,
    author       TEXT,
    created_at   TEXT NOT NULL,
    CHECK (start >= 0 AND "end" > start)
);
CREATE INDEX corrections_article ON corrections(article_id, layer, technique);
