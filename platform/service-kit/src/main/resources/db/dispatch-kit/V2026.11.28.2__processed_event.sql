-- Idempotent consumers: one row per event a consumer has acted on, written in the same transaction
-- as the effect. Provided by platform/service-kit, applied by each service's Flyway.
CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    event_type   TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
