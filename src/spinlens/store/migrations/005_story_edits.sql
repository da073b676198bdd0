-- Users' story edits, kept by article id so they survive re-analysis and re-clustering:
-- 'join' puts an article in the story of another article; 'split' makes an article start its own story.
CREATE TABLE story_edits (
    seq        INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('join', 'split')),
    other_id   TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX story_edits_article ON story_edits(article_id);
