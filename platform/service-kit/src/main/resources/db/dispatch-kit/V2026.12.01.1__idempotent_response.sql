-- Idempotency-Key: the first answer to a keyed POST, per caller and key, written in the same transaction
-- as what the call changed, so a retry (mobile networks, the gateway) replays it instead of acting again.
-- Provided by platform/service-kit, applied by each service's Flyway.
CREATE TABLE idempotent_response (
    caller       TEXT        NOT NULL,
    key          TEXT        NOT NULL,
    fingerprint  TEXT        NOT NULL,
    status       INTEGER,
    content_type TEXT,
    location     TEXT,
    etag         TEXT,
    body         BYTEA,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);
CREATE INDEX idempotent_response_age ON idempotent_response (created_at);
