-- What the kit test application's consumer did: one row per effect.
CREATE TABLE effect_log (
    event_id TEXT NOT NULL,
    subject  TEXT,
    at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
