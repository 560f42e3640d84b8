-- One sandbox for outbound messages: text messages and push notifications the single-node stack keeps instead of
-- sending, for admins to read for an hour. It replaces the two sandboxes' tables (their rows are an hour's test traffic).
CREATE TABLE sandbox_message (
    id        UUID PRIMARY KEY,
    channel   TEXT        NOT NULL CHECK (channel IN ('SMS', 'PUSH')),
    recipient TEXT        NOT NULL,
    title     TEXT,
    text      TEXT        NOT NULL,
    sent_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX sandbox_message_recipient ON sandbox_message (channel, recipient, sent_at DESC);
CREATE INDEX sandbox_message_sent ON sandbox_message (channel, sent_at DESC);

DROP TABLE sms_message;
DROP TABLE push_sandbox_message;
