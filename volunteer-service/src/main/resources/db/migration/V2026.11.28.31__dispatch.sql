-- Dispatch rules: per category, the teams to try in order, how long an offer waits, how many offers
-- before giving up.
CREATE TABLE dispatch_rule (
    category_code     TEXT PRIMARY KEY,
    teams             TEXT[]      NOT NULL,
    timeout_emergency INTEGER     NOT NULL DEFAULT 300,
    timeout_urgent    INTEGER     NOT NULL DEFAULT 900,
    timeout_normal    INTEGER     NOT NULL DEFAULT 3600,
    max_offers        INTEGER     NOT NULL DEFAULT 5 CHECK (max_offers > 0),
    version           BIGINT      NOT NULL DEFAULT 0,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO dispatch_rule (category_code, teams)
SELECT c, array_agg(key ORDER BY key) FROM team, unnest(categories) AS c GROUP BY c;

-- One row per request being dispatched.
CREATE TABLE dispatch (
    request_id    UUID PRIMARY KEY,
    category_code TEXT        NOT NULL,
    urgency       TEXT        NOT NULL,
    status        TEXT        NOT NULL CHECK (status IN ('OPEN', 'ASSIGNED', 'UNASSIGNABLE', 'CANCELLED')),
    offers_made   INTEGER     NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Offers and the orders they become.
CREATE TABLE order_offer (
    id           UUID PRIMARY KEY,
    request_id   UUID        NOT NULL REFERENCES dispatch (request_id),
    volunteer_id UUID        NOT NULL REFERENCES volunteer (member_id),
    team_key     TEXT        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('OFFERED', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'STARTED',
                                                        'COMPLETED', 'RELEASED', 'WITHDRAWN')),
    offered_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    started_at   TIMESTAMPTZ,
    completed_at TIMESTAMPTZ,
    note         TEXT,
    hours        NUMERIC(6, 1)
);
-- Two instances can never both give a request to someone: one taker per request at a time.
CREATE UNIQUE INDEX order_offer_one_taker ON order_offer (request_id) WHERE status IN ('ACCEPTED', 'STARTED', 'COMPLETED');
CREATE INDEX order_offer_open ON order_offer (expires_at) WHERE status = 'OFFERED';
CREATE INDEX order_offer_volunteer ON order_offer (volunteer_id, status);
CREATE INDEX order_offer_request ON order_offer (request_id);
