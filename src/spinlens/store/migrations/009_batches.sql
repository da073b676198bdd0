-- Batch journal: which inputs of a batch run are stored, written in the same transaction as each article,
-- so `spinlens analyze ... --resume` skips exactly those after an interruption.
CREATE TABLE batches (
    id          TEXT PRIMARY KEY,
    sources     TEXT NOT NULL,
    stages      TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT
);

CREATE TABLE batch_inputs (
    batch_id   TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    input_key  TEXT NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (batch_id, input_key)
) WITHOUT ROWID;
