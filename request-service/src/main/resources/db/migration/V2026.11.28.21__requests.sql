-- Service requests and their timelines. Columns hold what lists filter and timers scan; the rest of
-- what the requester said is in details.
CREATE TABLE service_request (
    id            UUID PRIMARY KEY,
    requester_id  TEXT        NOT NULL,
    submitted_by  TEXT        NOT NULL,
    channel       TEXT        NOT NULL CHECK (channel IN ('APP', 'GRID_REPORT', 'VISIT', 'HOTLINE', 'MUNICIPAL')),
    category_code TEXT        NOT NULL REFERENCES category (code),
    urgency       TEXT        NOT NULL CHECK (urgency IN ('EMERGENCY', 'URGENT', 'NORMAL', 'COMPLEX')),
    status        TEXT        NOT NULL,
    grid_code     TEXT,
    compound_code TEXT,
    details       JSONB       NOT NULL,
    dispatch_by   TIMESTAMPTZ NOT NULL,
    feedback_by   TIMESTAMPTZ NOT NULL,
    -- When the next timer fires: an SLA deadline, or the end of the evaluation window.
    due_at        TIMESTAMPTZ,
    external_ref  TEXT,
    source_system TEXT,
    rating        INTEGER CHECK (rating BETWEEN 1 AND 5),
    version       BIGINT      NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (source_system, external_ref)
);
CREATE INDEX service_request_due ON service_request (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX service_request_requester ON service_request (requester_id, created_at DESC);
CREATE INDEX service_request_grid ON service_request (grid_code, created_at DESC);
CREATE INDEX service_request_status ON service_request (status, created_at DESC);

-- Every move of a request: who, when, why. The requester can read it.
CREATE TABLE request_timeline (
    request_id  UUID        NOT NULL REFERENCES service_request (id),
    seq         BIGSERIAL,
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT        NOT NULL,
    from_status TEXT,
    to_status   TEXT        NOT NULL,
    reason      TEXT,
    PRIMARY KEY (request_id, seq)
);

-- A retried submission with the same Idempotency-Key answers with the first request.
CREATE TABLE request_idempotency (
    caller     TEXT        NOT NULL,
    key        TEXT        NOT NULL,
    request_id UUID        NOT NULL REFERENCES service_request (id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);
