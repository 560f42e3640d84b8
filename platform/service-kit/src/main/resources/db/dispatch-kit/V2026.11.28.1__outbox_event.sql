-- Transactional outbox: events recorded in the same transaction as the state change they describe,
-- published to Kafka by the relay. Provided by platform/service-kit, applied by each service's Flyway.
CREATE TABLE outbox_event (
    seq             BIGSERIAL PRIMARY KEY,
    id              UUID        NOT NULL UNIQUE,
    topic           TEXT        NOT NULL,
    message_key     TEXT        NOT NULL,
    event_type      TEXT        NOT NULL,
    payload         JSONB       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error      TEXT,
    published_at    TIMESTAMPTZ
);

-- The relay's claim query walks pending rows in order and checks for an earlier pending row per key.
CREATE INDEX outbox_event_pending ON outbox_event (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_event_pending_by_key ON outbox_event (topic, message_key, seq) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;
