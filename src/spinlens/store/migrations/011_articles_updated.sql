-- An index on the last change of each article, so Library.revision() (the marker caches of copies and
-- stories compare) reads MAX(updated_at) from the index instead of scanning every article row.
CREATE INDEX articles_updated ON articles(updated_at);
