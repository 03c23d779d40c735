-- What came back from mailing: each bounce or complaint read from the
-- bounce mailbox, with the evidence (the report's status, diagnostic, the
-- rule that read it, the raw message for the editors) and what it did to
-- the subscriber (action: none, bounced, unsubscribed) and why (decision).
-- subscriber_id is NULL for a report no key matched: it is kept, for an
-- editor to read, and changes nobody. source_key names the message in the
-- mailbox (a hash of its bytes), so a message read twice counts once.
CREATE TABLE bounce_events (
    id            INTEGER PRIMARY KEY,
    source_key    TEXT NOT NULL UNIQUE,
    subscriber_id INTEGER REFERENCES subscribers (id),
    edition_id    TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL CHECK (kind IN ('hard', 'soft', 'complaint')),
    status        TEXT NOT NULL DEFAULT '',
    diagnostic    TEXT NOT NULL DEFAULT '',
    reason        TEXT NOT NULL DEFAULT '',
    matched_by    TEXT NOT NULL DEFAULT '',
    message_id    TEXT NOT NULL DEFAULT '',
    action        TEXT NOT NULL CHECK (action IN ('none', 'bounced', 'unsubscribed')),
    decision      TEXT NOT NULL DEFAULT '',
    raw           BLOB NOT NULL,
    received_at   TEXT NOT NULL
);
-- A subscriber's recent soft bounces are counted by this.
CREATE INDEX bounce_events_subscriber ON bounce_events (subscriber_id, kind, received_at);
-- The second key of a bounce: the Message-ID of the message it reports.
CREATE INDEX deliveries_message_id ON deliveries (message_id) WHERE message_id <> '';
