-- As SQLite's 024: the POP3 messages already read, by UIDL, so each is
-- fetched and counted once; forgotten some time after they left the server.
CREATE TABLE pop3_uidls (
    mailbox TEXT NOT NULL,
    uidl    TEXT NOT NULL,
    report  INTEGER NOT NULL DEFAULT 0, -- 0 or 1, as in SQLite: one spelling for both
    seen_at TEXT NOT NULL,
    gone_at TEXT,
    PRIMARY KEY (mailbox, uidl)
);
