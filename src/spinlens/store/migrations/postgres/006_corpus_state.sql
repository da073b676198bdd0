-- State of the library-wide steps (the story clusterer) as JSON, so new articles are placed into the
-- stories already formed instead of re-clustering the library each time.
CREATE TABLE corpus_state (
    name       TEXT COLLATE "C" PRIMARY KEY,
    data       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
