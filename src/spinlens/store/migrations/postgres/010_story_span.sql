-- Each story's time span as columns, so the candidates for a new article are only the stories whose span
-- (widened by the clusterer's window) holds its date: found by the database, not by loading every story
-- that shares a name. (Dates compare as text, in code point order as in SQLite.)
ALTER TABLE stories ADD COLUMN first_at TEXT COLLATE "C";
ALTER TABLE stories ADD COLUMN last_at TEXT COLLATE "C";
