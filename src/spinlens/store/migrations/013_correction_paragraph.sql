-- The number of the paragraph a correction was made on, so that a correction can follow its words when the
-- article is analysed again and its text has shifted (see spinlens.correction_anchors). Corrections made
-- before this migration get the number of the paragraph their offsets lie in, when their words are still
-- there; otherwise it stays NULL (their words are still kept in covered_text, which is what they follow).
ALTER TABLE corrections ADD COLUMN paragraph INTEGER;
UPDATE corrections SET paragraph = (
    SELECT COUNT(*) FROM articles a JOIN spans s ON s.article_pk = a.pk
    WHERE a.id = corrections.article_id AND s.layer = 'paragraph' AND s."end" <= corrections.start)
WHERE EXISTS (
    SELECT 1 FROM articles a JOIN spans s ON s.article_pk = a.pk
    WHERE a.id = corrections.article_id AND s.layer = 'paragraph'
      AND s.start <= corrections.start AND corrections."end" <= s."end"
      AND substr(a.text, corrections.start + 1, corrections."end" - corrections.start) = corrections.covered_text);
