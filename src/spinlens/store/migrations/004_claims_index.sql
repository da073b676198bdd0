-- Analysis layers (claims and techniques) indexed by label, so listing actors and filtering articles by
-- actor or relation need not scan every span; structural layers (paragraph, sentence, language) stay
-- unindexed, which keeps saving fast. Queries must repeat the WHERE term for SQLite to use the index.
CREATE INDEX spans_analysis ON spans(layer, label)
    WHERE layer IN ('actor', 'relation', 'quote', 'claim', 'hedge', 'technique', 'evidence');
