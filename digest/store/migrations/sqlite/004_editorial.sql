-- Approval: the hash of the rendered edition an editor approved. Any
-- rebuild clears it and returns the edition to draft, so what is sent is
-- exactly what was approved.
ALTER TABLE editions ADD COLUMN approved_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE editions ADD COLUMN approved_at TEXT NOT NULL DEFAULT '';
-- The instant a scheduled edition's slot fell due ('' for manual builds).
ALTER TABLE editions ADD COLUMN slot_at TEXT NOT NULL DEFAULT '';
-- The article ids a build considered, so an editor's rebuild works on the
-- same pool instead of whatever arrived since.
ALTER TABLE editions ADD COLUMN candidates TEXT NOT NULL DEFAULT '[]';

-- An editor's decisions about one article in one edition; a rebuild
-- applies them.
CREATE TABLE edition_overrides (
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id),
    excluded   INTEGER NOT NULL DEFAULT 0,
    included   INTEGER NOT NULL DEFAULT 0, -- kept even if off theme or over a limit
    pinned     INTEGER NOT NULL DEFAULT 0,
    section    TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (edition_id, article_id)
);

-- Test copies sent from the preview: a record for editors, never a delivery.
CREATE TABLE test_sends (
    id         INTEGER PRIMARY KEY,
    edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    address    TEXT NOT NULL,
    message_id TEXT NOT NULL DEFAULT '',
    error      TEXT NOT NULL DEFAULT '',
    sent_at    TEXT NOT NULL
);
