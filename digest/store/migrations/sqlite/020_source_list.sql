-- The live sources are the database's from now on: the config's feeds and
-- pages are imported once (a settings row says when), then the desk adds,
-- edits, pauses and removes them. A row the fetcher wrote before this
-- (listed = 0) is only remembered state until an import or the desk lists
-- it again.
ALTER TABLE sources ADD COLUMN section TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN listed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN added_at TEXT NOT NULL DEFAULT '';

-- Each fetch attempt of a source, the newest 50 per source kept: when,
-- what came of it, the HTTP status, entries new and already seen, and the
-- error in words.
CREATE TABLE source_fetches (
    id         INTEGER PRIMARY KEY,
    source_key TEXT NOT NULL,
    at         TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    status     INTEGER NOT NULL DEFAULT 0,
    new_items  INTEGER NOT NULL DEFAULT 0,
    seen_items INTEGER NOT NULL DEFAULT 0,
    error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX source_fetches_key ON source_fetches (source_key, id);
