-- The outbox's queue apart from its log. outbox_event keeps every event — stream replay reads it — and is written
-- once; outbox_pending holds only the events still to publish (a few narrow rows), and the relay deletes a row once
-- the broker has its event. Marking the log's wide rows published was an update that was never HOT (published_at
-- was in index predicates), so it rewrote every index of the row, JSONB expression indexes included, and left the
-- pending index full of dead entries that every claim walked until the next vacuum.
CREATE TABLE outbox_pending (
    id              UUID        PRIMARY KEY,
    seq             BIGINT      NOT NULL,
    topic           TEXT        NOT NULL,
    message_key     TEXT        NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error      TEXT
);
-- The relay's claim walks pending rows in order and checks for an earlier pending row of the same key.
CREATE INDEX outbox_pending_order ON outbox_pending (seq);
CREATE INDEX outbox_pending_by_key ON outbox_pending (topic, message_key, seq);
-- Rows come and go all day: vacuum the small table often rather than at a fifth of a size it never has.
ALTER TABLE outbox_pending SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 500);

INSERT INTO outbox_pending (id, seq, topic, message_key, attempts, next_attempt_at, last_error)
SELECT id, seq, topic, message_key, attempts, next_attempt_at, last_error FROM outbox_event WHERE published_at IS NULL;

DROP INDEX outbox_event_pending;
DROP INDEX outbox_event_pending_by_key;
DROP INDEX outbox_event_published;
ALTER TABLE outbox_event DROP COLUMN attempts, DROP COLUMN next_attempt_at, DROP COLUMN last_error, DROP COLUMN published_at;
-- Published events are purged by age (OutboxRelay, dispatch.outbox.retention).
CREATE INDEX outbox_event_created ON outbox_event (created_at);
