-- The ids of provider webhook deliveries already taken (an SNS MessageId,
-- a Postmark bounce ID, a SendGrid sg_event_id, a Mailgun token), so a
-- replayed request is refused. Rows older than the longest window a
-- provider's signed timestamp is believed for are pruned as new ones come:
-- a request older than that is refused for its age instead.
CREATE TABLE webhook_receipts (
    provider    TEXT NOT NULL,
    receipt_id  TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (provider, receipt_id)
);
CREATE INDEX webhook_receipts_received ON webhook_receipts (received_at);
