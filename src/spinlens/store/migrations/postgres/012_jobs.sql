-- The web app's background analyses, kept in the library so every server process answers for every job
-- (see SQLite's 012).
CREATE TABLE jobs (
    id         TEXT COLLATE "C" PRIMARY KEY,
    owner      TEXT NOT NULL,
    state      TEXT NOT NULL,
    data       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX jobs_created ON jobs(created_at);
