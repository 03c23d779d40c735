-- Two statuses no edition in them is ever sent: superseded (an older
-- edition not yet sending that shares an article with one that started
-- sending: it would repeat what subscribers have had) and discarded (by
-- an editor). superseded_by names the edition that superseded it.
ALTER TABLE editions ADD COLUMN superseded_by TEXT NOT NULL DEFAULT '';

-- SQLite cannot change a CHECK constraint in place, and the table cannot
-- be rebuilt as subscribers was (010): dropping editions would delete
-- every edition's items, overrides and deliveries by their ON DELETE
-- CASCADE, and foreign keys cannot be turned off inside the migration's
-- transaction. Widening the CHECK's list changes nothing stored, so the
-- schema's text is edited instead, the way SQLite documents for
-- loosening a constraint (sqlite.org/lang_altertable.html, "Making Other
-- Kinds Of Table Schema Changes"). The ALTER above has already changed
-- the schema cookie, so other connections read the new text; RESET makes
-- this one read it too.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''skipped'', ''failed'')', '''skipped'', ''failed'', ''superseded'', ''discarded'')')
    WHERE type = 'table' AND name = 'editions';
PRAGMA writable_schema = RESET;

-- Editions superseded before the rule existed: a draft or approved
-- edition sharing an article with a newer one that is sending or sent.
UPDATE editions SET status = 'superseded',
    superseded_by = (SELECT n.id FROM edition_items o JOIN edition_items ni ON ni.article_id = o.article_id
        JOIN editions n ON n.id = ni.edition_id
        WHERE o.edition_id = editions.id AND n.issue > editions.issue AND n.status IN ('sending', 'sent')
        ORDER BY n.issue LIMIT 1)
    WHERE status IN ('draft', 'approved') AND EXISTS (SELECT 1 FROM edition_items o JOIN edition_items ni ON ni.article_id = o.article_id
        JOIN editions n ON n.id = ni.edition_id
        WHERE o.edition_id = editions.id AND n.issue > editions.issue AND n.status IN ('sending', 'sent'));
UPDATE editions SET note = 'superseded by ' || superseded_by || ' (No. '
        || (SELECT n.issue FROM editions n WHERE n.id = editions.superseded_by) || '), which carries the same articles'
    WHERE status = 'superseded' AND note = '';
