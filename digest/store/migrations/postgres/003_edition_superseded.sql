-- Two statuses no edition in them is ever sent: superseded (an older
-- edition not yet sending that shares an article with one that started
-- sending: it would repeat what subscribers have had) and discarded (by
-- an editor). superseded_by names the edition that superseded it. As
-- SQLite's migration 014.
ALTER TABLE editions ADD COLUMN superseded_by TEXT NOT NULL DEFAULT '';
ALTER TABLE editions DROP CONSTRAINT editions_status_check;
ALTER TABLE editions ADD CONSTRAINT editions_status_check
    CHECK (status IN ('draft', 'approved', 'sending', 'sent', 'skipped', 'failed', 'superseded', 'discarded'));

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
