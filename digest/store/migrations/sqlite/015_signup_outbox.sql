-- Sign-up answers every request alike and at once: the request only
-- checks the form and writes one row here, whatever the address; the
-- process that serves the public pages works through the rows
-- (desk.SendNotices), deciding what each causes (a confirmation link,
-- or nothing for an address that is active, bounced or was mailed
-- within the hour) and sending it with retries. A welcome, queued when
-- a link is used, goes the same way.
--
-- A row is 'queued' (not decided yet), 'ready' (decided: send it;
-- subscriber_id, and for a confirmation its link's nonce and expiry,
-- are set), or done: 'sent', 'skipped' or 'failed', with the reason in
-- detail. Rows are claimed like deliveries (claimed_by, the instances'
-- lease) and retried at next_attempt.
CREATE TABLE notices (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('signup', 'welcome')),
    address       TEXT NOT NULL COLLATE NOCASE,
    name          TEXT NOT NULL DEFAULT '',
    subscriber_id INTEGER REFERENCES subscribers (id),
    status        TEXT NOT NULL CHECK (status IN ('queued', 'ready', 'sent', 'skipped', 'failed')),
    nonce         TEXT NOT NULL DEFAULT '',
    expires_at    TEXT NOT NULL DEFAULT '',
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt  TEXT NOT NULL,
    claimed_by    TEXT NOT NULL DEFAULT '',
    detail        TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
-- The rows still to do, by when they are due: a claim walks only these.
CREATE INDEX notices_due ON notices (next_attempt, id) WHERE status IN ('queued', 'ready');

-- The name asked for with the confirmation link last mailed: it becomes
-- the subscriber's name only when that link is used.
ALTER TABLE subscribers ADD COLUMN confirm_name TEXT NOT NULL DEFAULT '';

-- Links name a subscriber by this random reference, not by the row id,
-- which would tell the list's size and growth. Every row gets one, however
-- it is inserted (PostgreSQL: a column default; SQLite, which cannot add a
-- column with one, a trigger). Old links with the row id keep working.
ALTER TABLE subscribers ADD COLUMN public_id TEXT NOT NULL DEFAULT '';
UPDATE subscribers SET public_id = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX subscribers_public_id ON subscribers (public_id) WHERE public_id <> '';
CREATE TRIGGER subscribers_public_id AFTER INSERT ON subscribers WHEN NEW.public_id = ''
BEGIN
    UPDATE subscribers SET public_id = lower(hex(randomblob(16))) WHERE id = NEW.id;
END;
