-- Subscribers: the database is the authority on who gets mail. Nobody is
-- deleted: an unsubscribed or bounced address stays, so no config or
-- import can bring it back.
CREATE TABLE subscribers (
    id         INTEGER PRIMARY KEY,
    address    TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name       TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL CHECK (status IN ('active', 'unsubscribed', 'bounced')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Addresses the config has already contributed: each is imported once.
CREATE TABLE config_imports (
    address     TEXT PRIMARY KEY COLLATE NOCASE,
    imported_at TEXT NOT NULL
);

-- One row per (edition, subscriber), created in one transaction when
-- sending starts. pending -> sending -> sent | deferred | failed; each
-- change is committed on its own, never across network I/O.
CREATE TABLE deliveries (
    edition_id    TEXT NOT NULL REFERENCES editions (id),
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
    status        TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'deferred', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT NOT NULL DEFAULT '',
    message_id    TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (edition_id, subscriber_id)
);
CREATE INDEX deliveries_status ON deliveries (edition_id, status, subscriber_id);

-- Small values the program keeps for itself, such as the key that signs
-- unsubscribe links when the environment gives none.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
