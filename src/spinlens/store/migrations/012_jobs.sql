-- The web app's background analyses, kept in the library so every server process (`spinlens serve
-- --processes N`) answers for every job and a restart does not lose their outcome. `data` is the job as
-- JSON (state, progress, article ids, errors); `owner` is host:pid of the process running it.
CREATE TABLE jobs (
    id         TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    state      TEXT NOT NULL,
    data       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX jobs_created ON jobs(created_at);
