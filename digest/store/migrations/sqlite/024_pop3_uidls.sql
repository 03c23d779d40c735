-- The messages of a POP3 bounce mailbox already read, by the unique id
-- the server gives each (UIDL), so each is fetched and counted once
-- across reads; report says it was a bounce or complaint (which
-- delete_processed may delete). gone_at is when it was first seen
-- missing from the server; it is forgotten some time after.
CREATE TABLE pop3_uidls (
    mailbox TEXT NOT NULL,
    uidl    TEXT NOT NULL,
    report  INTEGER NOT NULL DEFAULT 0,
    seen_at TEXT NOT NULL,
    gone_at TEXT,
    PRIMARY KEY (mailbox, uidl)
);
