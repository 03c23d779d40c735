-- As SQLite's 023: the ids of provider webhook deliveries already taken,
-- so a replayed request is refused; pruned past the longest window.
CREATE TABLE webhook_receipts (
    provider    TEXT NOT NULL,
    receipt_id  TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (provider, receipt_id)
);
CREATE INDEX webhook_receipts_received ON webhook_receipts (received_at);
