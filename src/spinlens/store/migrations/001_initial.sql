-- Articles, their spans (one table, a layer column), FTS5 search, and outlet block hashes.
CREATE TABLE articles (
    pk            INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    identity      TEXT NOT NULL UNIQUE,
    state_hash    TEXT NOT NULL,
    title         TEXT,
    outlet        TEXT,
    site          TEXT,
    url           TEXT,
    canonical_url TEXT,
    published     TEXT,
    language      TEXT,
    authors       TEXT NOT NULL DEFAULT '[]',
    status        TEXT NOT NULL,
    word_count    INTEGER NOT NULL DEFAULT 0,
    text          TEXT NOT NULL,
    data          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX articles_outlet ON articles(outlet, published);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_language ON articles(language);

CREATE TABLE spans (
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    layer      TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    score      REAL,
    attrs      TEXT,
    CHECK (start >= 0 AND "end" >= start)
);
CREATE INDEX spans_article ON spans(article_pk, layer);
CREATE INDEX spans_layer_label ON spans(layer, label);

CREATE TABLE outlet_blocks (
    outlet     TEXT NOT NULL,
    block_hash TEXT NOT NULL,
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    PRIMARY KEY (outlet, block_hash, article_pk)
) WITHOUT ROWID;
CREATE INDEX outlet_blocks_article ON outlet_blocks(article_pk);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='pk', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
