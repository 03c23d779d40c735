-- Claims and instances, as on PostgreSQL. On SQLite one process owns the
-- file, so any claim not its own is left from a process that is gone.
ALTER TABLE deliveries ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
CREATE INDEX deliveries_claimed ON deliveries (claimed_by) WHERE claimed_by != '';
-- The rows still to send, in subscriber order: a claim walks only these,
-- so it costs the same at the end of a million-row send as at the start.
CREATE INDEX deliveries_due ON deliveries (edition_id, subscriber_id)
    WHERE status IN ('pending', 'sending', 'deferred');
CREATE TABLE instances (
    id           TEXT PRIMARY KEY,
    host         TEXT NOT NULL,
    pid          INTEGER NOT NULL,
    started_at   TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL,
    leader       INTEGER NOT NULL DEFAULT 0
);
