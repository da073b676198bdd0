-- Batch journal: which inputs of a batch run are stored, written in the same transaction as each article,
-- so `spinlens analyze ... --resume` skips exactly those after an interruption (see SQLite's 009).
CREATE TABLE batches (
    id          TEXT COLLATE "C" PRIMARY KEY,
    sources     TEXT NOT NULL,
    stages      TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT
);

CREATE TABLE batch_inputs (
    batch_id   TEXT COLLATE "C" NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    input_key  TEXT COLLATE "C" NOT NULL,
    article_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (batch_id, input_key)
);
