-- Stories as rows, so placing a new article reads and writes only the stories it could join
-- (replaces the single JSON state of migration 006 for the story clusterer).
-- stories: one row per story, its features as JSON (words, names, languages, outlets, dates).
CREATE TABLE stories (
    story_id INTEGER PRIMARY KEY,
    data     TEXT NOT NULL
);
-- story_members: the story of every placed article, in placement order.
CREATE TABLE story_members (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id   INTEGER NOT NULL,
    seq        INTEGER NOT NULL
);
CREATE INDEX story_members_story ON story_members(story_id, seq);
-- story_names: which stories use a name key; the candidates for a new article without a scan.
CREATE TABLE story_names (
    name_key TEXT NOT NULL,
    story_id INTEGER NOT NULL,
    PRIMARY KEY (name_key, story_id)
);
-- story_terms: document frequency of every word and name over the placed articles.
CREATE TABLE story_terms (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
);
DELETE FROM corpus_state WHERE name = 'stories';
