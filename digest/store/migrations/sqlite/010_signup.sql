-- Sign-up with double opt-in adds the status 'pending' (asked to join,
-- not confirmed yet), the nonce of the confirmation link last sent
-- (cleared once used, so a link works once) and when it was sent (the
-- form mails an address at most once an hour).
--
-- SQLite cannot change a CHECK constraint in place, so the table is
-- rebuilt under its own name (deliveries refer to it by name); their
-- foreign keys are checked at commit, when every row is back.
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE subscribers_old AS SELECT * FROM subscribers;
DROP TABLE subscribers;
CREATE TABLE subscribers (
    id              INTEGER PRIMARY KEY,
    address         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name            TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('active', 'pending', 'unsubscribed', 'bounced')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    confirm_nonce   TEXT NOT NULL DEFAULT '',
    confirm_sent_at TEXT NOT NULL DEFAULT ''
);
INSERT INTO subscribers (id, address, name, status, created_at, updated_at)
    SELECT id, address, name, status, created_at, updated_at FROM subscribers_old;
DROP TABLE subscribers_old;
