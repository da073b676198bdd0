-- Stories as rows, so placing a new article reads and writes only the stories it could join
-- (replaces the single JSON state of migration 006 for the story clusterer; see SQLite's 008).
CREATE TABLE stories (
    story_id BIGINT PRIMARY KEY,
    data     TEXT NOT NULL
);
CREATE TABLE story_members (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id   BIGINT NOT NULL,
    seq        BIGINT NOT NULL
);
CREATE INDEX story_members_story ON story_members(story_id, seq);
CREATE TABLE story_names (
    name_key TEXT COLLATE "C" NOT NULL,
    story_id BIGINT NOT NULL,
    PRIMARY KEY (name_key, story_id)
);
CREATE TABLE story_terms (
    term TEXT COLLATE "C" PRIMARY KEY,
    df   BIGINT NOT NULL
);
DELETE FROM corpus_state WHERE name = 'stories';
