-- Analysis layers (claims and techniques) indexed by label, so listing actors and filtering articles by
-- actor or relation need not scan every span; structural layers stay unindexed (as in SQLite's 004).
CREATE INDEX spans_analysis ON spans(layer, label)
    WHERE layer IN ('actor', 'relation', 'quote', 'claim', 'hedge', 'technique', 'evidence');
