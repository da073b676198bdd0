-- The spin meter score per article, for sorting and filtering (NULL when not analysed).
ALTER TABLE articles ADD COLUMN spin INTEGER;
CREATE INDEX articles_spin ON articles(spin);
